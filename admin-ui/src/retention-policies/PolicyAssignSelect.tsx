import { Button, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useGetList, useNotify } from 'react-admin';
import { errorMessage } from '../common/errors';
import type { RetentionPolicy } from './types';

const FOLLOW = 'follow';

interface PolicyAssignSelectProps {
  /** The assigned policy id, null for none, undefined while unknown. */
  current: number | null | undefined;
  /** The choice meaning "no assignment here", e.g. "Follow the plan's policy". */
  followLabel: string;
  /** Saves the choice; resolves to the success message. */
  onAssign: (policyId: number | null) => Promise<string>;
  disabled?: boolean;
}

/** A policy picker with its own Assign button (assignment is a separate call from the surrounding form's save). */
export const PolicyAssignSelect = ({ current, followLabel, onAssign, disabled }: PolicyAssignSelectProps) => {
  const { data: policies, isPending } = useGetList<RetentionPolicy>('retention-policies', {
    pagination: { page: 1, perPage: 200 },
    sort: { field: 'name', order: 'ASC' },
  });
  const notify = useNotify();
  const [value, setValue] = useState<string>(FOLLOW);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (current !== undefined) setValue(current === null ? FOLLOW : String(current));
  }, [current]);

  const assign = async () => {
    setSaving(true);
    try {
      notify(await onAssign(value === FOLLOW ? null : Number(value)), { type: 'success' });
    } catch (error) {
      notify(errorMessage(error, 'Could not assign the policy'), { type: 'error' });
    } finally {
      setSaving(false);
    }
  };

  const unchanged = current !== undefined && value === (current === null ? FOLLOW : String(current));
  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }}>
      <TextField
        select
        size="small"
        label="Retention policy"
        value={isPending ? FOLLOW : value}
        onChange={(event) => setValue(event.target.value)}
        disabled={disabled || isPending}
        fullWidth={false}
        sx={{ minWidth: 320, maxWidth: 480, flex: 1 }}
      >
        <MenuItem value={FOLLOW}>{followLabel}</MenuItem>
        {(policies ?? []).map((policy) => (
          <MenuItem key={policy.id} value={String(policy.id)}>
            {policy.name}
            {policy.isDefault ? ' (default)' : ''}
          </MenuItem>
        ))}
      </TextField>
      {!disabled && (
        <Button variant="outlined" onClick={() => void assign()} disabled={saving || unchanged || isPending}>
          Assign
        </Button>
      )}
      {current === undefined && (
        <Typography variant="caption" sx={{ color: 'text.secondary' }}>
          The current assignment is not reported by the API.
        </Typography>
      )}
    </Stack>
  );
};
