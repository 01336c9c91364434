import { Alert, Button, Card, CardContent, CardHeader, Skeleton, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useRecordContext } from 'react-admin';
import { formatBytes } from '../common/bytes';
import { errorMessage } from '../common/errors';
import { formatDateTime } from '../common/relativeTime';
import { useMailwardenDataProvider } from '../providers/dataProvider';
import type { MailboxDetail } from './types';

const SHOWN = 20;

/**
 * "Why is it full", message by message: the largest messages across all folders, read over IMAP by a worker when
 * the Usage tab opens (read-only; each look is in the audit log). Subjects and senders only for staff allowed them.
 */
export const LargestMessagesCard = () => {
  const mailbox = useRecordContext<MailboxDetail>();
  const dataProvider = useMailwardenDataProvider();
  const largest = useQuery({
    queryKey: ['mailboxes', 'largest-messages', mailbox?.id],
    queryFn: () => dataProvider.getLargestMessages(mailbox!.id, SHOWN),
    enabled: mailbox !== undefined,
    staleTime: 60_000,
    retry: false,
    refetchOnWindowFocus: false,
  });
  if (!mailbox) return null;
  const data = largest.data;

  let body;
  if (largest.isPending) {
    body = <Skeleton variant="rectangular" height={160} aria-label="Reading the mailbox over IMAP" />;
  } else if (largest.isError) {
    body = (
      <Alert severity="error" action={<Button onClick={() => void largest.refetch()}>Try again</Button>}>
        {errorMessage(largest.error, 'Could not read the mailbox')}
      </Alert>
    );
  } else if (!data || data.messages.length === 0) {
    body = <Typography variant="body2" sx={{ color: 'text.secondary' }}>The mailbox holds no messages.</Typography>;
  } else {
    const total = data.messages.reduce((n, m) => n + m.size, 0);
    body = (
      <>
        <Table size="small" aria-label="Largest messages">
          <TableHead>
            <TableRow>
              {data.withMetadata && <TableCell>Subject</TableCell>}
              {data.withMetadata && <TableCell>From</TableCell>}
              <TableCell>Folder</TableCell>
              <TableCell>Received</TableCell>
              <TableCell align="right">Size</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {data.messages.map((m) => (
              <TableRow key={`${m.folder}/${m.uid}`}>
                {data.withMetadata && <TableCell sx={{ overflowWrap: 'anywhere' }}>{m.subject ?? '(no subject)'}</TableCell>}
                {data.withMetadata && <TableCell sx={{ overflowWrap: 'anywhere' }}>{m.from ?? '—'}</TableCell>}
                <TableCell sx={{ overflowWrap: 'anywhere' }}>{m.folder}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(m.date)}</TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>{formatBytes(m.size)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <Typography variant="caption" component="p" sx={{ mt: 1, color: 'text.secondary' }}>
          {data.messages.length === 1 ? 'This message takes' : `These ${data.messages.length} messages take`} {formatBytes(total)} together.
          {data.withMetadata ? '' : ' Subjects and senders are shown only to staff allowed to see message details.'}
        </Typography>
        {data.errors.length > 0 && (
          <Alert severity="warning" sx={{ mt: 1 }}>
            Not read: {data.errors.map((e) => `${e.folder} (${e.error})`).join('; ')}
          </Alert>
        )}
      </>
    );
  }

  return (
    <Card>
      <CardHeader
        title="Largest messages"
        subheader={data ? `Across all folders, read ${formatDateTime(data.at as string)}` : 'Across all folders, read live over IMAP'}
      />
      <CardContent>{body}</CardContent>
    </Card>
  );
};
