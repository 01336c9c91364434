import { Box, Card, CardContent, CardHeader, useTheme } from '@mui/material';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DayFigures } from './api';

const HEIGHT = 200;

interface Props {
  title: string;
  days: DayFigures[];
  field: Exclude<keyof DayFigures, 'day'>;
  /** Formats axis ticks and tooltips (bytes, counts). */
  format: (value: number) => string;
  color: 'primary' | 'secondary' | 'error' | 'warning' | 'success' | 'info';
}

const dayLabel = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** One figure per UTC day as bars: easier to compare days at a glance than a table. */
export const DailyChart = ({ title, days, field, format, color }: Props) => {
  const theme = useTheme();
  const total = days.reduce((sum, d) => sum + d[field], 0);
  return (
    <Card sx={{ height: '100%' }}>
      <CardHeader title={title} subheader={`${format(total)} over ${days.length} days`} slotProps={{ title: { variant: 'subtitle1' } }} />
      <CardContent>
        <Box sx={{ width: '100%', height: HEIGHT }} aria-label={title} role="img">
          <ResponsiveContainer>
            <BarChart data={days} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} vertical={false} />
              <XAxis dataKey="day" tickFormatter={dayLabel} minTickGap={16} fontSize={12} />
              <YAxis tickFormatter={(v: number) => format(v)} width={72} fontSize={12} allowDecimals={false} />
              <Tooltip labelFormatter={(day) => dayLabel(String(day))} formatter={(value) => [format(Number(value)), title]} />
              <Bar dataKey={field} fill={theme.palette[color].main} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </Box>
      </CardContent>
    </Card>
  );
};
