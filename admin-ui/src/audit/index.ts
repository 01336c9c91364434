import HistoryIcon from '@mui/icons-material/History';
import { AuditList } from './AuditList';
import { AuditShow } from './AuditShow';

interface AuditRecord {
  id: number | string;
  action: string;
}

/** Read-only for every role: no edit or create view. */
export default {
  list: AuditList,
  show: AuditShow,
  icon: HistoryIcon,
  options: { label: 'Audit log' },
  recordRepresentation: (record: AuditRecord) => `${record.action} #${record.id}`,
};
