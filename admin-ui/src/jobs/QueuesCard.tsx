import { Alert, Card, CardContent, CardHeader, Skeleton } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Confirm, useNotify } from 'react-admin';
import { errorMessage } from '../common/errors';
import { fetchQueues, setQueuePaused, type QueueRow } from './api';
import { QueuesTable } from './QueuesTable';

export const QUEUES_KEY = ['ops', 'queues'];

/** Queue health with pause/resume. Pausing acts in Redis for every worker host: running jobs finish, none start. */
export const QueuesCard = () => {
  const notify = useNotify();
  const client = useQueryClient();
  // Pausing stops work on every worker host: it is asked for first. Resuming only lets work go on, so it is not.
  const [pausing, setPausing] = useState<QueueRow | null>(null);
  const { data, error, isPending } = useQuery({ queryKey: QUEUES_KEY, queryFn: fetchQueues, refetchInterval: 5_000 });
  const toggle = useMutation({
    mutationFn: (q: QueueRow) => setQueuePaused(q.name, !q.isPaused),
    onSuccess: (q) => {
      notify(`Queue ${q.name} ${q.isPaused ? 'paused' : 'resumed'}`, { type: 'info' });
      return client.invalidateQueries({ queryKey: QUEUES_KEY });
    },
    onError: (e) => notify(errorMessage(e, 'Could not change the queue'), { type: 'error' }),
  });

  let body;
  if (error) body = <Alert severity="error">{errorMessage(error, 'Could not load the queues')}</Alert>;
  else if (isPending) body = <Skeleton variant="rectangular" height={200} />;
  else body = <QueuesTable queues={data} onTogglePause={(q) => (q.isPaused ? toggle.mutate(q) : setPausing(q))} busy={toggle.isPending ? toggle.variables?.name : null} />;

  return (
    <Card>
      <CardHeader title="Queues" subheader="Pausing stops every worker from starting new jobs of that queue; running jobs finish." />
      <CardContent sx={{ overflowX: 'auto' }}>{body}</CardContent>
      <Confirm
        isOpen={pausing !== null}
        title={`Pause ${pausing?.name ?? 'the queue'}?`}
        content={`No worker starts a new ${pausing?.name ?? ''} job until it is resumed; ${pausing ? pausing.waiting + pausing.prioritized : 0} waiting job(s) stay queued. Running jobs finish.${pausing?.name === 'expiry' ? ' This is the global expiry pause: no mail is expired.' : ''}`}
        confirm="Pause"
        onConfirm={() => {
          if (pausing) toggle.mutate(pausing);
          setPausing(null);
        }}
        onClose={() => setPausing(null)}
      />
    </Card>
  );
};
