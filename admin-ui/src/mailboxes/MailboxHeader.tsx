import { Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import { EditButton, useRecordContext } from 'react-admin';
import { formatBytesExact } from '../common/bytes';
import { InfoList } from '../common/InfoList';
import { formatDateTime } from '../common/relativeTime';
import type { MailboxDetail } from './types';

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
              <Chip
                label={mailbox.status === 'active' ? 'Active' : 'Disabled'}
                color={mailbox.status === 'active' ? 'success' : 'default'}
                size="small"
              />
            </Stack>
            <Typography variant="subtitle1" sx={{ color: 'text.secondary' }}>
              {mailbox.displayName || 'No display name'}
            </Typography>
          </div>
          <div>
            <EditButton />
          </div>
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
            ]}
          />
        </Stack>
      </CardContent>
    </Card>
  );
};
