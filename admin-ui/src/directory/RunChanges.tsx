import { Alert, MenuItem, Skeleton, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-admin';
import { errorMessage } from '../common/errors';
import { fetchRunChanges, type ChangeKind, type DirectoryChange, type DirectoryRun } from './api';

const LINES = 50;
const KINDS: { id: ChangeKind | 'all'; name: string }[] = [
  { id: 'all', name: 'Every kind' }, { id: 'added', name: 'Added' }, { id: 'changed', name: 'Changed' },
  { id: 'gone', name: 'Gone' }, { id: 'returned', name: 'Returned' }, { id: 'problem', name: 'Problems' },
];

/** A run's diff: the first lines of one kind, the mailbox by address (a link when it exists), what changed. */
export const RunChanges = ({ run }: { run: DirectoryRun }) => {
  const [kind, setKind] = useState<ChangeKind | 'all'>('all');
  const { data, error, isPending } = useQuery({ queryKey: ['directory', 'changes', run.id, kind], queryFn: () => fetchRunChanges(run.id, kind === 'all' ? '' : kind, LINES) });
  if (run.changesPrunedAt) return <Alert severity="info">This run's diff was pruned (only the newest runs keep theirs); its counts stay above.</Alert>;
  return (
    <Stack spacing={1}>
      <TextField select size="small" label="Show" value={kind} onChange={(e) => setKind(e.target.value as ChangeKind | 'all')} sx={{ maxWidth: 220 }}>
        {KINDS.map((k) => <MenuItem key={k.id} value={k.id}>{k.name}</MenuItem>)}
      </TextField>
      {error && <Alert severity="error">{errorMessage(error, 'Could not load the diff')}</Alert>}
      {isPending && <Skeleton variant="rectangular" height={80} />}
      {data && data.rows.length === 0 && <Typography variant="body2">Nothing of this kind.</Typography>}
      {data && data.rows.length > 0 && (
        <>
          <Table size="small" aria-label={`Diff of run ${run.id}`}>
            <TableHead>
              <TableRow><TableCell>Change</TableCell><TableCell>Mailbox</TableCell><TableCell>What</TableCell></TableRow>
            </TableHead>
            <TableBody>
              {data.rows.map((c) => (
                <TableRow key={c.id}>
                  <TableCell>{c.kind}</TableCell>
                  <TableCell>{mailboxCell(c, run)}</TableCell>
                  <TableCell>{describe(c)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {data.total > data.rows.length && <Typography variant="body2">The first {data.rows.length} of {data.total} lines.</Typography>}
        </>
      )}
    </Stack>
  );
};

/** The mailbox by address: its page when the line names it, the list searched by address for one a sync created. */
function mailboxCell(c: DirectoryChange, run: DirectoryRun) {
  if (c.mailboxId) return <Link to={`/mailboxes/${c.mailboxId}/show`}>{c.address}</Link>;
  if (c.kind === 'added' && run.applied && c.address) return <Link to={`/mailboxes?filter=${encodeURIComponent(JSON.stringify({ q: c.address }))}`}>{c.address}</Link>;
  return c.address ?? c.dn;
}

const FIELD = { displayName: 'name', imapLogin: 'login', alternateEmail: 'alternate address', plan: 'plan' } as Record<string, string>;
const label = (k: string) => FIELD[k] ?? k;
const shown = (v: unknown) => (v === null || v === undefined || v === '' ? 'none' : String(v));

/** "login u1, name User 1" for an added line; "name: User 1 → Ada" for a change; the reason for a problem. */
function describe(c: DirectoryChange): string {
  if (c.kind === 'problem') return c.detail ?? '';
  if (c.kind === 'gone') return 'no longer in the directory: taken out';
  const after = c.after ?? {};
  const fields = Object.keys(after).filter((k) => k !== 'adopted');
  const text = fields.map((k) => `${label(k)}: ${shown((c.before ?? {})[k])} → ${shown(after[k])}`).join('; ');
  if (c.kind === 'added') return fields.filter((k) => after[k] !== null && after[k] !== '').map((k) => `${label(k)} ${String(after[k])}`).join(', ');
  return [c.kind === 'returned' ? 'back in the directory' : '', after.adopted ? 'adopted' : '', text].filter(Boolean).join('; ');
}
