import EventRepeatOutlinedIcon from '@mui/icons-material/EventRepeatOutlined';
import { RunList } from './RunList';
import { RunShow } from './RunShow';
import type { ExpiryRun } from './types';

/** Expiry history, read-only for every role: runs, their mailboxes, and (inside) the per-message audit. */
export default {
  list: RunList,
  show: RunShow,
  icon: EventRepeatOutlinedIcon,
  options: { label: 'Expiry runs' },
  recordRepresentation: (record: ExpiryRun) => `run #${record.id}`,
};
