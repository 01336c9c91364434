import MarkEmailReadOutlinedIcon from '@mui/icons-material/MarkEmailReadOutlined';
import { NotificationList } from './NotificationList';
import { NotificationShow } from './NotificationShow';
import { formatDateTime } from '../common/relativeTime';
import { KIND_LABELS, type Notification } from './api';

/** Notices sent to mail users, read-only for every role: help desk reads what a notice said (#19). */
export default {
  list: NotificationList,
  show: NotificationShow,
  icon: MarkEmailReadOutlinedIcon,
  options: { label: 'Notices' },
  // Named by kind and date, never by its id (#19).
  recordRepresentation: (record: Notification) => `${KIND_LABELS[record.kind]} notice of ${formatDateTime(String(record.createdAt))}`,
};
