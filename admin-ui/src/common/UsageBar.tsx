import { Box, LinearProgress, Typography } from '@mui/material';
import { formatBytes } from './bytes';
import { DEFAULT_WARN_PERCENT, displayPercent, usageLevel, usagePercent, type UsageNumbers } from './usage';

export interface UsageBarProps extends UsageNumbers {
  /** First warning threshold of the mailbox's plan (80 when unknown). */
  warnAt?: number | null;
  dense?: boolean;
}

const COLORS = { ok: 'primary', warning: 'warning', over: 'error' } as const;

/** Usage as a bar and "1.2 GiB of 2 GiB (61%)": red at or over the limit, orange from the first threshold. */
export const UsageBar = ({ usedBytes, limitBytes, percent, warnAt, dense = false }: UsageBarProps) => {
  if (typeof usedBytes !== 'number') {
    return (
      <Typography variant="body2" sx={{ color: 'text.secondary' }} component="span">
        not measured yet
      </Typography>
    );
  }
  const pct = usagePercent({ usedBytes, limitBytes, percent });
  const level = usageLevel(pct, warnAt ?? DEFAULT_WARN_PERCENT);
  const text =
    typeof limitBytes === 'number'
      ? `${formatBytes(usedBytes)} of ${formatBytes(limitBytes)}${pct === null ? '' : ` (${displayPercent(pct)})`}`
      : `${formatBytes(usedBytes)} (no limit)`;
  return (
    <Box sx={{ minWidth: dense ? 160 : 240 }} title={text}>
      <LinearProgress
        variant="determinate"
        value={pct === null ? 0 : Math.min(100, pct)}
        color={COLORS[level]}
        aria-label={`Usage: ${text}`}
        sx={{ height: dense ? 6 : 10, borderRadius: 1 }}
      />
      <Typography
        variant={dense ? 'caption' : 'body2'}
        component="div"
        sx={{ mt: 0.5, color: level === 'over' ? 'error.main' : 'text.primary', fontWeight: level === 'ok' ? undefined : 500 }}
      >
        {text}
      </Typography>
    </Box>
  );
};
