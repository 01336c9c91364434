import { Chip, Stack } from '@mui/material';
import { useRecordContext } from 'react-admin';
import type { Plan } from './types';

/** A plan's warning thresholds as small chips: "80%" "90%" "95%". */
export const ThresholdsField = (_props: { label?: string }) => {
  const plan = useRecordContext<Plan>();
  if (!plan) return null;
  if (plan.warnThresholds.length === 0) return <span>none</span>;
  return (
    <Stack direction="row" spacing={0.5}>
      {plan.warnThresholds.map((threshold) => (
        <Chip key={threshold} label={`${threshold}%`} size="small" variant="outlined" />
      ))}
    </Stack>
  );
};
