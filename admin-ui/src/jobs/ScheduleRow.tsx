import { Button, Chip, Stack, TableCell, TableRow, TextField, Tooltip, Typography } from '@mui/material';
import { useState } from 'react';
import { formatDateTime, formatRelative } from '../common/relativeTime';
import type { ScheduleRow as Schedule } from './api';

interface Props {
  schedule: Schedule;
  saving: boolean;
  /** Resolves to the server's error message, or null once saved. */
  onSave: (id: string, pattern: string) => Promise<string | null>;
}

const interval = (ms: number) => (ms % 3_600_000 === 0 ? `every ${ms / 3_600_000} h` : ms % 60_000 === 0 ? `every ${ms / 60_000} min` : `every ${ms / 1000} s`);

/** One job scheduler: its cron pattern as an editable field, the next run times, and where the pattern comes from. */
export const ScheduleRow = ({ schedule: s, saving, onSave }: Props) => {
  const [pattern, setPattern] = useState(s.pattern ?? '');
  const [error, setError] = useState<string | null>(null);
  const dirty = pattern.trim() !== (s.pattern ?? '');
  const save = async () => setError(await onSave(s.id, pattern.trim()));

  return (
    <TableRow data-schedule={s.id}>
      <TableCell>
        <Typography variant="body2" sx={{ fontFamily: 'monospace' }}>{s.id}</Typography>
        <Typography variant="caption" sx={{ color: 'text.secondary' }}>queue {s.queue}</Typography>
      </TableCell>
      <TableCell sx={{ minWidth: 260 }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
          <TextField
            size="small"
            label="Cron"
            value={pattern}
            placeholder={s.every ? interval(s.every) : ''}
            onChange={(e) => { setPattern(e.target.value); setError(null); }}
            error={error !== null}
            helperText={error ?? (s.every && !s.pattern ? `Now ${interval(s.every)}` : 'minute hour day month weekday')}
            slotProps={{ htmlInput: { 'aria-label': `Cron pattern of ${s.id}`, style: { fontFamily: 'monospace' } } }}
          />
          <Button size="small" variant="contained" disabled={!dirty || saving || pattern.trim() === ''} onClick={save}>Save</Button>
        </Stack>
      </TableCell>
      <TableCell>
        <Tooltip title={s.upcoming.map(formatDateTime).join(' · ')}>
          <span>{s.next ? `${formatDateTime(s.next)} (${formatRelative(s.next)})` : '—'}</span>
        </Tooltip>
      </TableCell>
      <TableCell>
        {s.overridden ? (
          <Tooltip title={`Set in the console; the configuration says ${s.defaultPattern ?? 'nothing'}. Save that pattern to go back to it.`}>
            <Chip size="small" color="info" label="Console" />
          </Tooltip>
        ) : (
          <Chip size="small" variant="outlined" label="Configuration" />
        )}
      </TableCell>
    </TableRow>
  );
};
