import { Alert, Box, Card, CardContent, CardHeader, Chip, Skeleton, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Link, Show, useRecordContext } from 'react-admin';
import { errorMessage } from '../common/errors';
import { InfoList } from '../common/InfoList';
import { formatDateTime } from '../common/relativeTime';
import { fetchNotificationContent, KIND_LABELS, STATUS_LABELS, type Notification } from './api';

// The figures a notice can carry, in the order and words help desk reads them.
const FIGURES: [string, string][] = [
  ['usage', 'Usage then'], ['limit', 'Limit then'], ['percent', 'Percent'], ['threshold', 'Threshold crossed (%)'],
  ['count', 'Messages announced'], ['expiresAt', 'Expires / ends on'],
];

const Content = () => {
  const record = useRecordContext<Notification>();
  const content = useQuery({ queryKey: ['notification-content', record?.id], queryFn: () => fetchNotificationContent(record!.id), enabled: !!record });
  if (!record) return null;
  if (content.error) return <Alert severity="error">{errorMessage(content.error, 'Could not load the notice')}</Alert>;
  if (!content.data) return <Skeleton variant="rectangular" height={240} />;
  const c = content.data;
  const figures = FIGURES.filter(([key]) => c.values[key] !== undefined).map(([key, label]) => ({ label, value: c.values[key] }));
  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <InfoList items={[
        { label: 'Mailbox', value: <Link to={`/mailboxes/${record.mailboxId}/show`}>{c.values.address ?? `#${record.mailboxId}`}</Link> },
        { label: 'Kind', value: KIND_LABELS[c.kind] },
        { label: 'Status', value: STATUS_LABELS[c.status] },
        { label: 'To', value: c.ccAddress ? `${c.toAddress} (copy to ${c.ccAddress})` : c.toAddress },
        { label: 'Created', value: formatDateTime(String(c.createdAt)) },
        { label: 'Sent', value: c.sentAt ? formatDateTime(String(c.sentAt)) : 'not sent' },
        { label: 'Send attempts', value: String(c.attempts) },
        ...figures,
      ]} />
      <Card variant="outlined">
        <CardHeader
          title={c.subject}
          titleTypographyProps={{ variant: 'subtitle1', component: 'h2' }}
          subheader={c.source === 'sent' ? 'As sent' : 'Rendered now from the current template with the notice\'s figures (this notice has no kept copy: not sent yet, or sent before copies were kept)'}
          action={<Chip size="small" variant="outlined" label={c.source === 'sent' ? 'As sent' : 'From template'} />}
        />
        <CardContent>
          <Box component="pre" data-testid="notice-body" sx={{ m: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontFamily: 'inherit' }}>{c.text}</Box>
        </CardContent>
      </Card>
      <Typography variant="caption" sx={{ color: 'text.secondary' }}>The HTML part of the email says the same in paragraphs.</Typography>
    </Stack>
  );
};

/** One notice: who got it, when, the figures it was written with, and its text as the user read it. */
export const NotificationShow = () => (
  <Show title="Notice">
    <Content />
  </Show>
);
