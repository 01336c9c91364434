import { Button, Stack, Typography } from '@mui/material';
import { useFormContext, useWatch } from 'react-hook-form';
import { BytesInput } from '../common/BytesInput';
import { formatBytesExact, pickUnit, type ByteUnit } from '../common/bytes';
import { usePlans } from '../plans/usePlans';
import { validateOverride } from './mailboxValidation';

const UNITS: readonly ByteUnit[] = ['KiB', 'MiB', 'GiB', 'TiB'];
// Multiples of the plan's limit help desk is asked for most: a bit more, half as much again, twice as much.
const FACTORS = [1.25, 1.5, 2] as const;

/**
 * The mailbox's own limit, typed in the plan's unit, with presets relative to the plan and the limit it gives,
 * in words, while typing. A mailbox without a plan follows the default plan.
 */
export const OverrideInput = () => {
  const { plans } = usePlans();
  const { setValue } = useFormContext();
  const planId = useWatch({ name: 'planId' }) as number | null | undefined;
  const override = useWatch({ name: 'limitOverrideBytes' }) as number | null | undefined;
  const plan = (planId ? plans.get(planId) : undefined) ?? [...plans.values()].find((p) => p.isDefault);
  const planBytes = plan?.storageLimitBytes ?? null;
  const set = (bytes: number | null) => setValue('limitOverrideBytes', bytes, { shouldDirty: true, shouldValidate: true });

  const valid = typeof override === 'number' && Number.isFinite(override) && override >= 0;
  const preview = valid
    ? `This mailbox's limit becomes ${formatBytesExact(override)}${planBytes !== null ? ` instead of the plan's ${formatBytesExact(planBytes)}` : ''}, plus any active temporary increase.`
    : plan && planBytes !== null
      ? `Empty: the plan's limit applies (${plan.name}, ${formatBytesExact(planBytes)}), plus any active temporary increase.`
      : 'Empty: the plan\'s limit applies.';
  return (
    <Stack spacing={1} sx={{ mb: 2 }}>
      <BytesInput
        source="limitOverrideBytes"
        label="Limit override"
        units={UNITS}
        emptyUnit={planBytes !== null ? pickUnit(planBytes, UNITS) : undefined}
        validate={validateOverride}
        helperText={<span data-testid="override-preview">{preview}</span>}
      />
      {planBytes !== null && (
        <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }}>
          {FACTORS.map((f) => (
            <Button key={f} size="small" variant="outlined" onClick={() => set(Math.round(planBytes * f))}>
              ×{f} plan ({formatBytesExact(Math.round(planBytes * f))})
            </Button>
          ))}
          <Button size="small" onClick={() => set(null)}>Use the plan's limit</Button>
        </Stack>
      )}
      <Typography variant="caption" sx={{ color: 'text.secondary' }}>
        Replaces the plan's limit for this mailbox only. Dovecot applies a limit at login: when it drops below usage, open
        sessions are disconnected if the server kicks sessions (SESSION_KICK), else they keep the old limit until they log in again.
      </Typography>
    </Stack>
  );
};
