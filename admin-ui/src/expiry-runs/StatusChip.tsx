import { Chip } from '@mui/material';
import { MAILBOX_RUN_STATUS_LABELS, RUN_STATUS_COLORS, mailboxRunStatusColor } from './runFormat';
import type { MailboxRun, RunStatus } from './types';

/** The status of a run, or of one mailbox in a run ("skipped: legal hold"), as a coloured chip. */
export const StatusChip = ({ status, dryRun }: { status: RunStatus | MailboxRun['status']; dryRun?: boolean }) => {
  const isRun = status in RUN_STATUS_COLORS;
  const color = isRun ? RUN_STATUS_COLORS[status as RunStatus] : mailboxRunStatusColor(status);
  const label = isRun ? status : (MAILBOX_RUN_STATUS_LABELS[status] ?? status);
  return <Chip size="small" variant="outlined" color={color} label={dryRun ? `${label} (dry run)` : label} />;
};
