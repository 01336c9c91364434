import AddIcon from '@mui/icons-material/Add';
import { Button, Stack, Typography } from '@mui/material';
import { useFormContext } from 'react-hook-form';
import { Confirm, DateTimeInput, TextInput, useCreate, useNotify, useRefresh } from 'react-admin';
import { BytesInput } from '../common/BytesInput';
import { formatBytes, GiB } from '../common/bytes';
import { errorMessage } from '../common/errors';
import { formatDateTime } from '../common/relativeTime';
import {
  DAY_MS,
  toIncreaseBody,
  validateExpiresAt,
  validateExtraBytes,
  validateReason,
  type GrantForm,
} from './increaseValidation';
import type { MailboxDetail } from './types';

const PRESETS = [
  { label: '+1 GiB for 7 days', bytes: GiB, days: 7 },
  { label: '+1 GiB for 30 days', bytes: GiB, days: 30 },
];

interface GrantIncreaseFieldsProps {
  mailbox: MailboxDetail;
  /** The validated form awaiting confirmation, if any. */
  pending: GrantForm | null;
  onDone: () => void;
}

export const GrantIncreaseFields = ({ mailbox, pending, onDone }: GrantIncreaseFieldsProps) => {
  const { setValue, setFocus, reset } = useFormContext();
  const [create, { isPending }] = useCreate();
  const notify = useNotify();
  const refresh = useRefresh();

  const applyPreset = (bytes: number, days: number) => {
    const options = { shouldDirty: true, shouldValidate: true };
    setValue('extraBytes', bytes, options);
    setValue('expiresAt', new Date(Date.now() + days * DAY_MS), options);
    setFocus('reason');
  };

  const grant = () => {
    if (!pending) return;
    const body = toIncreaseBody(mailbox.id, pending);
    create(
      'temporary-increases',
      { data: body },
      {
        onSuccess: () => {
          onDone();
          reset();
          notify(`Granted +${formatBytes(body.extraBytes)} until ${formatDateTime(body.expiresAt)}`, { type: 'success' });
          refresh();
        },
        onError: (error) => {
          onDone();
          notify(errorMessage(error, 'Could not grant the increase'), { type: 'error' });
        },
      },
    );
  };

  const limit = mailbox.effectiveLimitBytes;
  const newLimit = pending && typeof limit === 'number' ? ` The limit becomes ${formatBytes(limit + pending.extraBytes)}.` : '';
  return (
    <Stack spacing={1}>
      <Typography variant="subtitle2">Grant an increase</Typography>
      <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }}>
        {PRESETS.map((preset) => (
          <Button key={preset.label} size="small" variant="outlined" onClick={() => applyPreset(preset.bytes, preset.days)}>
            {preset.label}
          </Button>
        ))}
      </Stack>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <BytesInput source="extraBytes" label="Extra space" units={['MiB', 'GiB']} validate={validateExtraBytes} />
        <DateTimeInput source="expiresAt" label="Until" validate={validateExpiresAt} />
      </Stack>
      <TextInput source="reason" multiline minRows={2} validate={validateReason} helperText="Recorded in the audit log" />
      <div>
        <Button type="submit" variant="contained" startIcon={<AddIcon />} disabled={isPending}>
          Grant increase
        </Button>
      </div>
      <Confirm
        isOpen={pending !== null}
        loading={isPending}
        title={`Grant a temporary increase to ${mailbox.address}?`}
        content={
          pending
            ? `+${formatBytes(pending.extraBytes)} until ${formatDateTime(new Date(pending.expiresAt).toISOString())}.${newLimit} It reverts by itself at expiry and the user is told.`
            : ''
        }
        confirm="Grant"
        onConfirm={grant}
        onClose={onDone}
      />
    </Stack>
  );
};
