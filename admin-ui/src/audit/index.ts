import HistoryIcon from '@mui/icons-material/History';
import { AuditList } from './AuditList';
import { AuditShow } from './AuditShow';
import type { AuditEvent } from './types';


/** Read-only for every role: no edit or create view. */
export default {
  list: AuditList,
  show: AuditShow,
  icon: HistoryIcon,
  options: { label: 'Audit log' },
  recordRepresentation: (record: AuditEvent) => `${record.action} #${record.id}`,
};
