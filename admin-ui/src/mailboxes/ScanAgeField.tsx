import ErrorOutlineIcon from '@mui/icons-material/ErrorOutlineOutlined';
import { Stack, Tooltip, Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { formatDateTime, formatRelative, hoursSince } from '../common/relativeTime';
import type { Mailbox } from './types';

/** Usage older than this is shown as stale. */
export const STALE_AFTER_HOURS = 24;

/** When usage was last measured ("3 h ago", "never"), orange once stale, with the last scan error if any. */
export const ScanAgeField = (_props: { label?: string }) => {
  const mailbox = useRecordContext<Mailbox>();
  if (!mailbox) return null;
  const age = hoursSince(mailbox.scannedAt);
  const never = mailbox.scannedAt === null;
  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
      <Tooltip title={never ? 'Usage has never been measured' : formatDateTime(mailbox.scannedAt)}>
        <Typography
          variant="body2"
          component="span"
          sx={{
            color: never ? 'text.secondary' : age > STALE_AFTER_HOURS ? 'warning.main' : 'text.primary',
            fontStyle: never ? 'italic' : undefined,
          }}
        >
          {formatRelative(mailbox.scannedAt)}
        </Typography>
      </Tooltip>
      {mailbox.scanError && (
        <Tooltip title={`Last scan failed: ${mailbox.scanError}`}>
          <ErrorOutlineIcon color="error" fontSize="small" aria-label={`Last scan failed: ${mailbox.scanError}`} />
        </Tooltip>
      )}
    </Stack>
  );
};
