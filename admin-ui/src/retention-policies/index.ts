import AutoDeleteOutlinedIcon from '@mui/icons-material/AutoDeleteOutlined';
import { PolicyCreate } from './PolicyCreate';
import { PolicyEdit } from './PolicyEdit';
import { PolicyList } from './PolicyList';
import { PolicyShow } from './PolicyShow';
import type { RetentionPolicy } from './types';

/** Every role reads retention policies; only admin and ops create, edit or delete them (accessControl.ts). */
export default {
  list: PolicyList,
  show: PolicyShow,
  edit: PolicyEdit,
  create: PolicyCreate,
  icon: AutoDeleteOutlinedIcon,
  options: { label: 'Retention policies' },
  recordRepresentation: (record: RetentionPolicy) => record.name,
};
