import { Button, Chip, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import type { QueueRow } from './api';

const COLUMNS: { key: keyof QueueRow; label: string }[] = [
  { key: 'waiting', label: 'Waiting' },
  { key: 'active', label: 'Active' },
  { key: 'delayed', label: 'Delayed' },
  { key: 'failed', label: 'Failed' },
  { key: 'completed', label: 'Completed (24 h)' },
];

interface Props {
  queues: QueueRow[];
  /** Shown on the Jobs page (ops, admin); the dashboard shows the figures only. */
  onTogglePause?: (queue: QueueRow) => void;
  busy?: string | null;
}

/** Job counts per queue; waiting includes prioritized jobs (scans started from the console jump the line). */
export const QueuesTable = ({ queues, onTogglePause, busy }: Props) => (
  <Table size="small" aria-label="Queues">
    <TableHead>
      <TableRow>
        <TableCell>Queue</TableCell>
        {COLUMNS.map((c) => (
          <TableCell key={c.key} align="right">{c.label}</TableCell>
        ))}
        <TableCell>State</TableCell>
        {onTogglePause && <TableCell />}
      </TableRow>
    </TableHead>
    <TableBody>
      {queues.map((q) => (
        <TableRow key={q.name} data-queue={q.name}>
          <TableCell sx={{ fontFamily: 'monospace' }}>{q.name}</TableCell>
          {COLUMNS.map((c) => {
            const value = c.key === 'waiting' ? q.waiting + q.prioritized : (q[c.key] as number);
            return (
              <TableCell key={c.key} align="right" sx={c.key === 'failed' && value > 0 ? { color: 'error.main', fontWeight: 600 } : undefined}>
                {value}
              </TableCell>
            );
          })}
          <TableCell>
            {q.isPaused ? <Chip size="small" color="warning" label="Paused" /> : <Chip size="small" color="success" variant="outlined" label="Running" />}
          </TableCell>
          {onTogglePause && (
            <TableCell align="right">
              <Button size="small" disabled={busy === q.name} onClick={() => onTogglePause(q)}>
                {q.isPaused ? `Resume ${q.name}` : `Pause ${q.name}`}
              </Button>
            </TableCell>
          )}
        </TableRow>
      ))}
    </TableBody>
  </Table>
);
