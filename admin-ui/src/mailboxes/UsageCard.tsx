import RefreshIcon from '@mui/icons-material/Refresh';
import { Alert, Button, Card, CardContent, CardHeader, CircularProgress, Stack } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { formatBytes, formatBytesExact } from '../common/bytes';
import { InfoList } from '../common/InfoList';
import { formatDateTime, formatRelative } from '../common/relativeTime';
import { UsageBar } from '../common/UsageBar';
import { firstThreshold, usePlans } from '../plans/usePlans';
import type { MailboxDetail } from './types';
import { useRecalculate } from './useRecalculate';

const SOURCE_LABELS: Record<string, string> = {
  quota: 'IMAP QUOTA (GETQUOTAROOT)',
  'status-size': 'IMAP STATUS SIZE (RFC 8438)',
  'fetch-size': 'sum of message sizes (FETCH RFC822.SIZE)',
  'quota-clone': 'Dovecot quota_clone (pushed as mail changed)',
};

const messageText = (used: number | null, limit: number | null | undefined) => {
  if (used === null) return '—';
  const count = used.toLocaleString();
  return typeof limit === 'number' ? `${count} of ${limit.toLocaleString()}` : count;
};

/** How full the mailbox is, how fresh that number is, and "Recalculate now". */
export const UsageCard = () => {
  const mailbox = useRecordContext<MailboxDetail>();
  const { plans } = usePlans();
  const { recalculate, busy } = useRecalculate();
  if (!mailbox) return null;
  const plan = mailbox.planId === null ? undefined : plans.get(mailbox.planId);
  return (
    <Card sx={{ height: '100%' }}>
      <CardHeader
        title="Usage"
        action={
          <Button
            onClick={recalculate}
            disabled={busy}
            startIcon={busy ? <CircularProgress size={16} /> : <RefreshIcon />}
          >
            {busy ? 'Recalculating…' : 'Recalculate now'}
          </Button>
        }
      />
      <CardContent>
        <Stack spacing={2}>
          <UsageBar
            usedBytes={mailbox.usedBytes}
            limitBytes={mailbox.effectiveLimitBytes}
            percent={mailbox.usagePercent}
            warnAt={firstThreshold(plan)}
          />
          <InfoList
            items={[
              { label: 'Used', value: formatBytes(mailbox.usedBytes) },
              { label: 'Limit', value: mailbox.effectiveLimitBytes === null ? 'no limit' : formatBytesExact(mailbox.effectiveLimitBytes) }, // 1 GiB + 2 MiB, as the Limit card
              { label: 'Messages', value: messageText(mailbox.usedMessages, plan?.messageLimit) },
              {
                label: 'Measured',
                value: mailbox.scannedAt ? `${formatRelative(mailbox.scannedAt)} (${formatDateTime(mailbox.scannedAt)})` : 'never',
              },
              { label: 'Source', value: mailbox.usageSource ? (SOURCE_LABELS[mailbox.usageSource] ?? mailbox.usageSource) : '—' },
            ]}
          />
          {mailbox.scanError && <Alert severity="error">Last scan failed: {mailbox.scanError}</Alert>}
          {mailbox.serverLimitMismatch && (
            <Alert severity="warning">
              The IMAP server enforces {mailbox.serverLimitBytes === null ? 'no limit' : formatBytes(mailbox.serverLimitBytes)}, not this
              mailbox's {mailbox.effectiveLimitBytes === null ? 'unlimited' : formatBytes(mailbox.effectiveLimitBytes)} (last scan).
              See QUOTA_SYNC in docs/servers.md.
            </Alert>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
};
