import ManageSearchIcon from '@mui/icons-material/ManageSearch';
import type { ExpiredMessage } from '../expiry-runs/types';
import { ExpiredMessageList } from './ExpiredMessageList';

/** The per-message expiry audit, read-only for every role: "What happened to my mail?". */
export default {
  list: ExpiredMessageList,
  icon: ManageSearchIcon,
  // The page itself is titled "What happened to my mail?"; the menu needs a shorter name.
  options: { label: 'Expired messages' },
  recordRepresentation: (record: ExpiredMessage) => `${record.folder} UID ${record.uid}`,
};
