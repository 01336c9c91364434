import { Alert, Box, Card, CardContent, CardHeader, Skeleton, Typography, useTheme } from '@mui/material';
import { useMemo } from 'react';
import { useRecordContext } from 'react-admin';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { byteTicks, formatBytes } from '../common/bytes';
import { formatDateTime } from '../common/relativeTime';
import type { MailboxDetail } from './types';
import { useUsageHistory } from './useUsageHistory';

const DAYS = 30;
const HEIGHT = 260;

const dayLabel = (time: number) => new Date(time).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
const bytesLabel = (value: unknown) => (typeof value === 'number' ? formatBytes(value) : '—');

/** Used bytes against the limit over the last 30 days, one point per scan. */
export const UsageHistoryCard = () => {
  const mailbox = useRecordContext<MailboxDetail>();
  const theme = useTheme();
  const { samples, isPending, error } = useUsageHistory(mailbox?.id, DAYS, mailbox?.scannedAt);
  const points = useMemo(
    () => samples.map((sample) => ({ time: Date.parse(sample.at), used: sample.usedBytes, limit: sample.limitBytes })),
    [samples],
  );
  const ticks = useMemo(() => byteTicks(Math.max(0, ...points.flatMap((p) => [p.used, p.limit ?? 0]))), [points]);
  if (!mailbox) return null;

  let body;
  if (isPending && points.length === 0) {
    body = <Skeleton variant="rectangular" height={HEIGHT} />;
  } else if (error) {
    body = <Alert severity="error">{error}</Alert>;
  } else if (points.length === 0) {
    body = (
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        No scans in the last {DAYS} days. Use "Recalculate now" to measure the usage.
      </Typography>
    );
  } else {
    body = (
      <Box sx={{ width: '100%', height: HEIGHT }}>
        <ResponsiveContainer>
          <LineChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} />
            <XAxis dataKey="time" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={dayLabel} />
            <YAxis tickFormatter={bytesLabel} width={80} ticks={ticks} domain={[0, ticks[ticks.length - 1]]} />
            <Tooltip
              labelFormatter={(time) => formatDateTime(new Date(Number(time)).toISOString())}
              formatter={(value) => bytesLabel(value)}
            />
            <Legend />
            <Line
              name="Used"
              dataKey="used"
              type="monotone"
              stroke={theme.palette.primary.main}
              strokeWidth={2}
              dot={points.length < 40}
              isAnimationActive={false}
            />
            <Line
              name="Limit"
              dataKey="limit"
              type="stepAfter"
              stroke={theme.palette.error.main}
              strokeDasharray="6 4"
              dot={false}
              connectNulls
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </Box>
    );
  }

  return (
    <Card sx={{ height: '100%' }}>
      <CardHeader title="Usage history" subheader={`Last ${DAYS} days`} />
      <CardContent>{body}</CardContent>
    </Card>
  );
};
