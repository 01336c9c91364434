import { Alert, Box, Grid, Skeleton, Stack, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Title, useCanAccess, useGetIdentity } from 'react-admin';
import { formatBytes } from '../common/bytes';
import { errorMessage } from '../common/errors';
import { ROLE_CHOICES } from '../providers/accessControl';
import { fetchSeries, fetchSummary } from './api';
import { DailyChart } from './DailyChart';
import { QueueHealthCard } from './QueueHealthCard';
import { QuotaCard } from './QuotaCard';
import { AttentionBanners, NightlySweepCard } from './NightlySweepCard';
import { ExpiryCard, ScanCard } from './RunCards';

// The charts' time ranges: a week for "what happened lately", up to a quarter for trends.
const RANGES = [7, 14, 30, 90] as const;
const count = (n: number) => n.toLocaleString();
const roleLabel = (role: unknown) => ROLE_CHOICES.find((choice) => choice.id === role)?.name ?? String(role ?? '');

/** Home: quota pressure, the last scan and expiry run, 30-day charts, and (ops, admin) queue health. */
export const Dashboard = () => {
  const { identity } = useGetIdentity();
  const { canAccess: seesQueues } = useCanAccess({ resource: 'jobs', action: 'list' });
  // Refreshed every minute: the page is often left open on a wall screen or a second monitor.
  const summary = useQuery({ queryKey: ['dashboard', 'summary'], queryFn: fetchSummary, refetchInterval: 60_000 });
  const [days, setDays] = useState<number>(30);
  const series = useQuery({ queryKey: ['dashboard', 'series', days], queryFn: () => fetchSeries(days), refetchInterval: 300_000 });

  return (
    <Stack spacing={2} sx={{ mt: 2, mb: 2 }}>
      <Title title="Dashboard" />
      {identity && (
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          Signed in as {identity.fullName} ({identity.email}), {roleLabel(identity.role)}.
        </Typography>
      )}
      {summary.error && <Alert severity="error">{errorMessage(summary.error, 'Could not load the dashboard')}</Alert>}
      {summary.data && <AttentionBanners summary={summary.data} />}
      {summary.data && <NightlySweepCard expiry={summary.data.expiry} />}
      <Grid container spacing={2}>
        {summary.data ? (
          <>
            <Grid size={{ xs: 12, md: 4 }}><QuotaCard quota={summary.data.quota} /></Grid>
            <Grid size={{ xs: 12, md: 4 }}><ScanCard scan={summary.data.scan} /></Grid>
            <Grid size={{ xs: 12, md: 4 }}><ExpiryCard expiry={summary.data.expiry} /></Grid>
          </>
        ) : (
          !summary.error && [0, 1, 2].map((i) => <Grid key={i} size={{ xs: 12, md: 4 }}><Skeleton variant="rectangular" height={280} /></Grid>)
        )}
      </Grid>
      <ToggleButtonGroup size="small" exclusive value={days} onChange={(_e, value: number | null) => value && setDays(value)} aria-label="Chart time range">
        {RANGES.map((n) => <ToggleButton key={n} value={n} aria-label={`Last ${n} days`}>{n} days</ToggleButton>)}
      </ToggleButtonGroup>
      {series.error && <Alert severity="error">{errorMessage(series.error, 'Could not load the charts')}</Alert>}
      {series.data ? (
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 4 }}><DailyChart title="Space freed per day" days={series.data} field="bytesFreed" format={formatBytes} color="success" /></Grid>
          <Grid size={{ xs: 12, md: 4 }}><DailyChart title="Messages expired per day" days={series.data} field="messagesExpired" format={count} color="primary" /></Grid>
          <Grid size={{ xs: 12, md: 4 }}><DailyChart title="Mailboxes over quota per day" days={series.data} field="usersOverQuota" format={count} color="error" /></Grid>
        </Grid>
      ) : (
        !series.error && <Box><Skeleton variant="rectangular" height={260} /></Box>
      )}
      {seesQueues && <QueueHealthCard />}
    </Stack>
  );
};
