import { Alert, Card, CardContent, CardHeader, Skeleton } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNotify } from 'react-admin';
import { errorMessage } from '../common/errors';
import { fetchQueues, setQueuePaused, type QueueRow } from './api';
import { QueuesTable } from './QueuesTable';

export const QUEUES_KEY = ['ops', 'queues'];

/** Queue health with pause/resume. Pausing acts in Redis for every worker host: running jobs finish, none start. */
export const QueuesCard = () => {
  const notify = useNotify();
  const client = useQueryClient();
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
  else body = <QueuesTable queues={data} onTogglePause={(q) => toggle.mutate(q)} busy={toggle.isPending ? toggle.variables?.name : null} />;

  return (
    <Card>
      <CardHeader title="Queues" subheader="Pausing stops every worker from starting new jobs of that queue; running jobs finish." />
      <CardContent sx={{ overflowX: 'auto' }}>{body}</CardContent>
    </Card>
  );
};
