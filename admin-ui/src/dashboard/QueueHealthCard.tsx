import { Alert, Button, Card, CardContent, CardHeader, Skeleton } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-admin';
import { errorMessage } from '../common/errors';
import { fetchQueues } from '../jobs/api';
import { QUEUES_KEY } from '../jobs/QueuesCard';
import { QueuesTable } from '../jobs/QueuesTable';

/** Job counts per queue for ops and admin (the controls are on the Jobs page). */
export const QueueHealthCard = () => {
  const { data, error, isPending } = useQuery({ queryKey: QUEUES_KEY, queryFn: fetchQueues, refetchInterval: 10_000 });
  let body;
  if (error) body = <Alert severity="error">{errorMessage(error, 'Could not load the queues')}</Alert>;
  else if (isPending) body = <Skeleton variant="rectangular" height={160} />;
  else body = <QueuesTable queues={data} />;
  return (
    <Card>
      <CardHeader title="Queue health" action={<Button component={Link} to="/jobs">Jobs</Button>} />
      <CardContent sx={{ overflowX: 'auto' }}>{body}</CardContent>
    </Card>
  );
};
