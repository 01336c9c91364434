import { Card, CardContent, CardHeader, Chip, Tooltip, Typography } from '@mui/material';
import { DataTable, DateField, Link, Pagination, ReferenceManyField, SelectField, TextField, useListContext, useRecordContext } from 'react-admin';
import { DATE_TIME_OPTIONS, formatDateTime } from '../common/relativeTime';
import { ResendNoticeButton } from './ResendNoticeButton';
import { NOTIFICATION_KIND_CHOICES, type MailboxDetail, type QuotaNotification } from './types';

const STATUS_COLORS = { pending: 'default', sending: 'default', sent: 'success', failed: 'error', unknown: 'warning' } as const;

const StatusField = (_props: { label?: string }) => {
  const notice = useRecordContext<QuotaNotification>();
  if (!notice) return null;
  const attempts = `${notice.attempts} attempt${notice.attempts === 1 ? '' : 's'}`;
  return (
    <Tooltip title={notice.smtpMessageId ? `${attempts}; Message-ID ${notice.smtpMessageId}` : attempts}>
      <Chip label={notice.status} color={STATUS_COLORS[notice.status]} size="small" variant="outlined" />
    </Tooltip>
  );
};

/** The notice a resend repeats, by when it was sent (it is in this list unless it is on another page). */
function repeatedNotice(original: QuotaNotification | undefined): string {
  if (!original) return 'resend of an earlier notice';
  return `resend of the notice of ${formatDateTime(original.sentAt ?? original.createdAt)}`;
}

/** The kind, and for a staff resend the notice it repeats. */
const KindField = (_props: { label?: string }) => {
  const notice = useRecordContext<QuotaNotification>();
  const { data } = useListContext<QuotaNotification>();
  if (!notice) return null;
  return (
    <>
      <SelectField source="kind" choices={NOTIFICATION_KIND_CHOICES} />
      {notice.resendOfId !== null && (
        <Typography variant="caption" component="div" sx={{ color: 'text.secondary' }}>
          {repeatedNotice(data?.find((n) => n.id === notice.resendOfId))}
        </Typography>
      )}
    </>
  );
};

const ThresholdField = (_props: { label?: string }) => {
  const notice = useRecordContext<QuotaNotification>();
  return <span>{notice?.threshold === null || notice?.threshold === undefined ? '—' : `${notice.threshold}%`}</span>;
};

const ErrorField = (_props: { label?: string }) => {
  const notice = useRecordContext<QuotaNotification>();
  if (!notice?.error) return <span>—</span>;
  return (
    <Typography variant="body2" color="error" sx={{ overflowWrap: 'anywhere' }}>
      {notice.error}
    </Typography>
  );
};

const Empty = () => (
  <Typography variant="body2" sx={{ color: 'text.secondary' }}>
    No quota notice has been sent to this mailbox.
  </Typography>
);

// While a notice is on its way (e.g. just resent) the table follows it until it is sent or fails.
const pendingPoll = (query: { state: { data?: { data: QuotaNotification[] } } }) =>
  query.state.data?.data.some((notice) => notice.status === 'pending' || notice.status === 'sending') ? 2000 : false;

/** The Notices screen filtered to this mailbox: every kind of notice, with the body as sent. */
const AllNoticesLink = () => {
  const mailbox = useRecordContext<MailboxDetail>();
  if (!mailbox) return null;
  const filter = encodeURIComponent(JSON.stringify({ mailboxId: mailbox.id }));
  return <Link to={`/notifications?filter=${filter}`}>Open in Notices</Link>;
};

/** Every quota notice for this mailbox, newest first: what, to whom, whether it went out, and why not; a row opens the notice as sent. */
export const NotificationsCard = () => (
  <Card>
    <CardHeader
      title="Notifications"
      subheader="Quota notices sent to the user, newest first"
      action={<><AllNoticesLink /> <ResendNoticeButton /></>}
    />
    <CardContent>
      <ReferenceManyField
        reference="notifications"
        target="mailboxId"
        sort={{ field: 'createdAt', order: 'DESC' }}
        perPage={10}
        pagination={<Pagination rowsPerPageOptions={[10, 25, 50]} />}
        empty={<Empty />}
        queryOptions={{ refetchInterval: pendingPoll }}
      >
        <DataTable bulkActionButtons={false} rowClick="show" size="small">
          <DataTable.Col source="createdAt" label="Created">
            <DateField source="createdAt" showTime options={DATE_TIME_OPTIONS} />
          </DataTable.Col>
          <DataTable.Col source="kind" disableSort>
            <KindField />
          </DataTable.Col>
          <DataTable.Col source="threshold" disableSort>
            <ThresholdField />
          </DataTable.Col>
          <DataTable.Col source="toAddress" label="To" disableSort>
            <TextField source="toAddress" />
          </DataTable.Col>
          <DataTable.Col source="status" disableSort>
            <StatusField />
          </DataTable.Col>
          <DataTable.Col source="sentAt" label="Sent" disableSort>
            <DateField source="sentAt" showTime options={DATE_TIME_OPTIONS} emptyText="—" />
          </DataTable.Col>
          <DataTable.Col source="subject" disableSort>
            <TextField source="subject" emptyText="—" />
          </DataTable.Col>
          <DataTable.Col source="error" disableSort>
            <ErrorField />
          </DataTable.Col>
        </DataTable>
      </ReferenceManyField>
    </CardContent>
  </Card>
);
