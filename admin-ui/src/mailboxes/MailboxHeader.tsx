import { Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import { EditButton, useRecordContext } from 'react-admin';
import { formatBytesExact } from '../common/bytes';
import { InfoList } from '../common/InfoList';
import { formatDateTime } from '../common/relativeTime';
import type { MailboxDetail } from './types';
import { LifecycleActions } from './LifecycleActions';
import { STATUS_INFO } from './lifecycle';

/** Who the mailbox is: address, name, status, plan, and where notices go. */
export const MailboxHeader = () => {
  const mailbox = useRecordContext<MailboxDetail>();
  if (!mailbox) return null;
  const plan = mailbox.planName ?? 'No plan (the default plan applies)';
  return (
    <Card>
      <CardContent>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ justifyContent: 'space-between' }}>
          <div>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
              <Typography variant="h5" component="h1" sx={{ overflowWrap: 'anywhere' }}>
                {mailbox.address}
              </Typography>
              <Chip label={mailbox.purgedAt ? 'Purged' : STATUS_INFO[mailbox.status].label} color={STATUS_INFO[mailbox.status].color} size="small" />
            </Stack>
            <Typography variant="subtitle1" sx={{ color: 'text.secondary' }}>
              {mailbox.displayName || 'No display name'}
            </Typography>
          </div>
          <Stack spacing={1} sx={{ alignItems: { sm: 'flex-end' } }}>
            <EditButton />
            <LifecycleActions />
          </Stack>
        </Stack>
        <Stack sx={{ mt: 2 }}>
          <InfoList
            items={[
              {
                label: 'Plan',
                value:
                  mailbox.limitOverrideBytes === null
                    ? plan
                    : `${plan}, overridden to ${formatBytesExact(mailbox.limitOverrideBytes)}`,
              },
              { label: 'Notices go to', value: mailbox.alternateEmail ?? `${mailbox.address} (no alternate address)` },
              { label: 'IMAP login', value: mailbox.imapLogin },
              { label: 'Created', value: formatDateTime(mailbox.createdAt) },
              ...(mailbox.status === 'active' && !mailbox.statusReason ? [] : [{ label: 'Status', value: statusLine(mailbox) }]),
            ]}
          />
        </Stack>
      </CardContent>
    </Card>
  );
};

/** "Deleted 2026-12-06 10:00: left the company; purged after 2027-01-05 10:00 unless restored". */
function statusLine(m: MailboxDetail): string {
  const when = m.statusChangedAt ? ` ${formatDateTime(m.statusChangedAt)}` : '';
  const why = m.statusReason ? `: ${m.statusReason}` : '';
  const purge = m.purgedAt ? `; mail purged ${formatDateTime(m.purgedAt)}` : m.purgeAfter ? `; its mail is purged after ${formatDateTime(m.purgeAfter)} unless restored` : '';
  return `${STATUS_INFO[m.status].label}${when}${why}${purge}`;
}
