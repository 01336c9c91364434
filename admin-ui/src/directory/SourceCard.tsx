import { Alert, Button, Card, CardContent, CardHeader, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Typography } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify } from 'react-admin';
import { errorMessage } from '../common/errors';
import { InfoList } from '../common/InfoList';
import { formatDateTime } from '../common/relativeTime';
import { startDirectoryRun, type DirectoryStatus } from './api';

const GONE = { disabled: 'disabled (login refused, mail deferred)', deleted: 'deleted (purged after the grace period)' } as const;

/** Where mailboxes come from, when the sync runs, whether the safety stop holds it back; preview and apply on demand. */
export const SourceCard = ({ status }: { status: DirectoryStatus }) => {
  const notify = useNotify();
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const start = useMutation({ mutationFn: startDirectoryRun });
  const { source } = status;
  const configured = source.source !== 'none';

  const run = async (dryRun: boolean) => {
    try {
      const { runId } = await start.mutateAsync(dryRun);
      notify(dryRun ? `Preview #${runId} queued: it changes nothing; its diff appears below` : `Sync #${runId} queued: its changes appear below`, { type: 'info' });
      setConfirming(false);
      await client.invalidateQueries({ queryKey: ['directory'] });
    } catch (e) {
      notify(errorMessage(e, 'The sync was not started'), { type: 'error' });
    }
  };

  const safety = status.lastRun?.safety;
  return (
    <Card>
      <CardHeader title="Directory source" subheader={configured ? `${source.source.toUpperCase()} ${source.sql ? source.sql.database : source.url}` : 'No directory source is configured (DIRECTORY_SOURCE=none)'} />
      <CardContent>
        <Stack spacing={2}>
          {status.safetyStopped && (
            <Alert severity="error" role="alert">
              Safety stop: the last sync would have taken out {safety ? `${safety.gone} of ${safety.managed} mailboxes (${safety.percent.toFixed(1)} %, limit ${safety.limitPercent} %)` : 'too many mailboxes'} and applied nothing. Check the directory, then preview again.
            </Alert>
          )}
          {configured && (
            <InfoList
              items={[
                ...(source.sql ? [
                  { label: 'Query', value: source.sql.query },
                  { label: 'Plans', value: source.sql.plans ? 'set from the query\'s plan column' : 'not synced' },
                ] : [
                  { label: 'Base DN and filter', value: `${source.baseDn} ${source.filter}` },
                  { label: 'Bound as', value: source.bindDn || 'anonymous' },
                ]),
                { label: source.sql ? 'Columns' : 'Attributes', value: `address ${source.mapping.address}, login ${source.mapping.imapLogin || '(the address)'}, name ${source.mapping.displayName}, alternate ${source.mapping.alternateAddress || '(not synced)'}, plan ${source.mapping.plan || '(not synced)'}` },
                { label: 'Schedule', value: status.schedule ? `${status.schedule.pattern ?? source.cron}; next ${status.schedule.next ? formatDateTime(status.schedule.next) : 'not scheduled'}` : 'not scheduled' },
                { label: 'Safety stop', value: `a run that would take out more than ${source.maxDisablePercent} % of the directory's mailboxes applies nothing${status.safetyStopped ? ' (holding now)' : ' (not holding)'}` },
                { label: 'Gone from the directory', value: `${GONE[source.goneStatus]}; restorable for ${source.purgeGraceDays} days` },
                { label: 'Diffs kept', value: `the last ${source.keepRuns} runs` },
              ]}
            />
          )}
          <Stack direction="row" spacing={1}>
            <Button variant="outlined" disabled={!configured || start.isPending} onClick={() => void run(true)}>Preview (dry run)</Button>
            <Button variant="contained" disabled={!configured || start.isPending} onClick={() => setConfirming(true)}>Apply now</Button>
          </Stack>
        </Stack>
      </CardContent>
      <Dialog open={confirming} onClose={() => setConfirming(false)} aria-labelledby="apply-title">
        <DialogTitle id="apply-title">Apply the directory now?</DialogTitle>
        <DialogContent>
          <Typography variant="body2">
            The sync adds, changes and takes out mailboxes to match the directory, each change audited. It stops by itself if it would take out more than {source.maxDisablePercent} % of them. Preview first to see the diff.
          </Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)}>Cancel</Button>
          <Button variant="contained" disabled={start.isPending} onClick={() => void run(false)}>Apply</Button>
        </DialogActions>
      </Dialog>
    </Card>
  );
};
