import EditNoteOutlinedIcon from '@mui/icons-material/EditNoteOutlined';
import { KIND_LABELS } from '../notifications/api';
import type { NoticeTemplate } from './api';
import { TemplateEdit } from './TemplateEdit';
import { TemplateList } from './TemplateList';
import { TemplateShow } from './TemplateShow';

/** Notice templates, one per kind: every role reads and previews; admin and ops edit (accessControl.ts). */
export default {
  list: TemplateList,
  show: TemplateShow,
  edit: TemplateEdit,
  icon: EditNoteOutlinedIcon,
  options: { label: 'Notice templates' },
  recordRepresentation: (record: NoticeTemplate) => KIND_LABELS[record.kind],
};
