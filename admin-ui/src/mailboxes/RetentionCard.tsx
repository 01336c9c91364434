import SyncIcon from '@mui/icons-material/Sync';
import { Alert, Button, Card, CardContent, CardHeader, Skeleton, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { Link, useRecordContext } from 'react-admin';
import { errorMessage } from '../common/errors';
import { RetentionFoldersTable } from './RetentionFoldersTable';
import type { MailboxDetail } from './types';
import { useMailboxRetention } from './useMailboxRetention';

const SOURCE_TEXT = {
  mailbox: 'assigned to this mailbox (overrides its plan)',
  plan: "its plan's policy",
  default: 'the default policy',
  none: 'no policy applies',
} as const;

const FOLDERS_SOURCE_TEXT = {
  probe: 'folders as the last probe saw them',
  scan: 'folders as the last usage scan saw them',
  live: 'folders listed live over IMAP',
  none: 'folders not known yet',
} as const;

/** Which retention policy is in force and why, and which rule applies to each folder. */
export const RetentionCard = () => {
  const mailbox = useRecordContext<MailboxDetail>();
  const [live, setLive] = useState(false);
  const { data, isPending, error, isFetching } = useMailboxRetention(mailbox?.id, live);
  if (!mailbox) return null;

  let body;
  if (isPending) body = <Skeleton variant="rectangular" height={120} />;
  else if (error || !data) body = <Alert severity="error">{errorMessage(error, 'Could not load the retention policy')}</Alert>;
  else {
    body = (
      <Stack spacing={1.5}>
        {data.holds.length > 0 && (
          <Alert severity="warning">Under legal hold: no expiry touches this mailbox while the hold lasts.</Alert>
        )}
        <Typography variant="body2">
          {data.policy ? (
            <>
              <Link to={`/retention-policies/${data.policy.id}/show`}>{data.policy.name}</Link>: {SOURCE_TEXT[data.source]}.
            </>
          ) : (
            'No retention policy applies: mail is kept until the user removes it.'
          )}
        </Typography>
        {data.explanation.length > 0 && (
          <Stack component="ol" sx={{ m: 0, pl: 2.5 }} spacing={0.25}>
            {data.explanation.map((line) => (
              <Typography component="li" variant="body2" key={line} sx={{ color: 'text.secondary' }}>
                {line}
              </Typography>
            ))}
          </Stack>
        )}
        <RetentionFoldersTable folders={data.folders} />
        <Typography variant="caption" sx={{ color: 'text.secondary' }}>
          Per folder the first matching rule applies; {FOLDERS_SOURCE_TEXT[data.foldersSource]}.
        </Typography>
      </Stack>
    );
  }

  return (
    <Card sx={{ height: '100%' }}>
      <CardHeader
        title="Retention"
        subheader={data?.policy ? `Policy: ${data.policy.name}` : undefined}
        action={
          <Button size="small" startIcon={<SyncIcon />} disabled={isFetching} onClick={() => setLive(true)} title="List the folders over IMAP now">
            Live folders
          </Button>
        }
      />
      <CardContent>
        {body}
        <Typography variant="body2" sx={{ mt: 1.5 }}>
          <Link to={`/expired-messages?filter=${encodeURIComponent(JSON.stringify({ mailboxId: mailbox.id }))}`}>
            What happened to this user's mail? (messages removed by expiry)
          </Link>
        </Typography>
      </CardContent>
    </Card>
  );
};
