import { Alert, Button, Card, CardContent, CardHeader, Stack, Typography } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Confirm, Link, useNotify } from 'react-admin';
import type { ApiResponse } from '../api/types';
import { errorMessage } from '../common/errors';
import { formatDateTime } from '../common/relativeTime';
import { httpClient } from '../providers/httpClient';
import { QUEUES_KEY } from './QueuesCard';

type ExpiryStatus = ApiResponse<'/api/expiry/status', 'get'>;
type Action = 'sweep' | 'dry-run' | 'pause' | 'resume';

const STATUS_KEY = ['expiry', 'status'];

const ASK: Record<Action, { title: string; content: string; confirm: string }> = {
  sweep: { title: 'Sweep every mailbox now?', content: 'Every active mailbox is expired by its policy now, as the nightly sweep would: due mail is deleted or moved.', confirm: 'Sweep now' },
  'dry-run': { title: 'Dry-run sweep of every mailbox?', content: 'Every active mailbox is searched and counted; nothing is changed.', confirm: 'Start dry run' },
  pause: { title: 'Pause expiry?', content: 'Mailboxes being expired finish; no new one starts, and scheduled sweeps are recorded as skipped until expiry is resumed.', confirm: 'Pause expiry' },
  resume: { title: 'Resume expiry?', content: 'Expiry goes on: the next sweep runs as scheduled.', confirm: 'Resume' },
};

/** Sweep now, a dry-run sweep of all mailboxes, and the global expiry pause, each asked for first. */
export const ExpiryControlsCard = () => {
  const notify = useNotify();
  const client = useQueryClient();
  const [asking, setAsking] = useState<Action | null>(null);
  const status = useQuery({ queryKey: STATUS_KEY, queryFn: async () => (await httpClient('/api/expiry/status')).json as ExpiryStatus, refetchInterval: 10_000 });
  const act = useMutation({
    mutationFn: async (action: Action) => {
      const url = action === 'pause' || action === 'resume' ? `/api/expiry/${action}` : '/api/expiry/sweep';
      const body = action === 'dry-run' ? { dryRun: true } : action === 'sweep' ? { dryRun: false } : undefined;
      return { action, json: (await httpClient(url, { method: 'POST', ...(body ? { body: JSON.stringify(body) } : {}) })).json as { runId?: number } };
    },
    onSuccess: ({ action, json }) => {
      const said = { sweep: `Sweep started: run #${json.runId}`, 'dry-run': `Dry-run sweep started: run #${json.runId}`, pause: 'Expiry paused', resume: 'Expiry resumed' }[action];
      notify(said, { type: 'info' });
      return Promise.all([client.invalidateQueries({ queryKey: STATUS_KEY }), client.invalidateQueries({ queryKey: QUEUES_KEY })]);
    },
    onError: (e) => notify(errorMessage(e, 'Expiry could not be changed'), { type: 'error' }),
  });
  const paused = status.data?.paused ?? false;
  const last = status.data?.lastRun;
  return (
    <Card data-testid="expiry-controls">
      <CardHeader title="Expiry" subheader={`Next sweep: ${status.data?.schedule?.next ? formatDateTime(String(status.data.schedule.next)) : 'not scheduled'}`} />
      <CardContent>
        {paused && <Alert severity="warning" sx={{ mb: 1 }}>Expiry is paused: no mail is expired until it is resumed.</Alert>}
        {last && (
          <Typography variant="body2" sx={{ mb: 1 }}>
            Last run: <Link to={`/expiry-runs/${last.id}/show`}>#{last.id}</Link>, {last.status}{last.dryRun ? ' (dry run)' : ''}, {formatDateTime(String(last.startedAt))}
          </Typography>
        )}
        <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }}>
          <Button variant="outlined" disabled={paused || act.isPending} onClick={() => setAsking('sweep')}>Sweep now</Button>
          <Button variant="outlined" disabled={paused || act.isPending} onClick={() => setAsking('dry-run')}>Dry-run sweep</Button>
          <Button color={paused ? 'primary' : 'warning'} disabled={act.isPending || !status.data} onClick={() => setAsking(paused ? 'resume' : 'pause')}>
            {paused ? 'Resume expiry' : 'Pause expiry'}
          </Button>
        </Stack>
      </CardContent>
      <Confirm
        isOpen={asking !== null}
        title={asking ? ASK[asking].title : ''}
        content={asking ? ASK[asking].content : ''}
        confirm={asking ? ASK[asking].confirm : ''}
        onConfirm={() => {
          if (asking) act.mutate(asking);
          setAsking(null);
        }}
        onClose={() => setAsking(null)}
      />
    </Card>
  );
};
