import { Card, CardContent, CardHeader, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Fragment, useState } from 'react';
import { formatDateTime } from '../common/relativeTime';
import type { DirectoryRun } from './api';
import { RunChanges } from './RunChanges';

const STATUS_COLOR = { running: 'info', completed: 'success', stopped: 'error', failed: 'error' } as const;
const STATUS_LABEL = { running: 'Running', completed: 'Completed', stopped: 'Safety stop', failed: 'Failed' } as const;

/** The last runs, newest first; a row opens its diff. */
export const RunsCard = ({ runs }: { runs: DirectoryRun[] }) => {
  const [open, setOpen] = useState<number | null>(null);
  return (
    <Card>
      <CardHeader title="Last runs" subheader="Select a run to see its diff, one line per change" />
      <CardContent>
        {runs.length === 0 ? <Typography variant="body2">No run yet.</Typography> : (
          <Table size="small" aria-label="Directory sync runs">
            <TableHead>
              <TableRow>
                <TableCell>Started</TableCell>
                <TableCell>Kind</TableCell>
                <TableCell>Status</TableCell>
                <TableCell align="right">Entries</TableCell>
                <TableCell>Diff</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {runs.map((r) => (
                <Fragment key={r.id}>
                  <TableRow hover selected={open === r.id} sx={{ cursor: 'pointer' }} onClick={() => setOpen(open === r.id ? null : r.id)} aria-label={`Run ${r.id}`}>
                    <TableCell>{formatDateTime(r.startedAt)}</TableCell>
                    <TableCell>{r.dryRun ? 'Preview' : 'Sync'} ({r.trigger}{r.createdBy ? `, ${r.createdBy}` : ''})</TableCell>
                    <TableCell><Chip size="small" label={STATUS_LABEL[r.status]} color={STATUS_COLOR[r.status]} />{r.error ? ` ${r.error}` : ''}</TableCell>
                    <TableCell align="right">{r.entries}</TableCell>
                    <TableCell>{summary(r)}</TableCell>
                  </TableRow>
                  {open === r.id && (
                    <TableRow>
                      <TableCell colSpan={5}><RunChanges run={r} /></TableCell>
                    </TableRow>
                  )}
                </Fragment>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
};

/** "12 added, 3 changed, 1 gone, 0 returned, 2 problems (applied)". */
function summary(r: DirectoryRun): string {
  if (r.status === 'running' || r.status === 'failed') return '';
  const applied = r.dryRun ? 'not applied: preview' : r.applied ? 'applied' : 'not applied';
  return `${r.added} added, ${r.changed} changed, ${r.gone} gone, ${r.returned} returned, ${r.problems} problems (${applied})`;
}
