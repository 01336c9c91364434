import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { Alert, Button, Stack } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Loading, Title, useCanAccess } from 'react-admin';
import { fetchQueues } from './api';
import { ExpiryControlsCard } from './ExpiryControlsCard';
import { FailedJobsCard } from './FailedJobsCard';
import { QUEUES_KEY, QueuesCard } from './QueuesCard';
import { SchedulesCard } from './SchedulesCard';

/** `/jobs` (admin, ops): queue control, failed jobs, schedules, and bull-board for everything else. */
export const JobsPage = () => {
  const { canAccess, isPending: checking } = useCanAccess({ resource: 'jobs', action: 'list' });
  const queues = useQuery({ queryKey: QUEUES_KEY, queryFn: fetchQueues, enabled: canAccess === true, refetchInterval: 5_000 });
  if (checking) return <Loading />;
  if (!canAccess) return <Alert severity="warning" sx={{ mt: 2 }}>Queue and schedule control is for ops and admin staff.</Alert>;
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title="Jobs" />
      <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
        {/* A full page load: bull-board is served by the API, outside the console's hash routes. */}
        <Button href="/admin/queues/" target="_blank" rel="noopener" endIcon={<OpenInNewIcon />}>Open bull-board</Button>
      </Stack>
      <ExpiryControlsCard />
      <QueuesCard />
      {queues.data && <FailedJobsCard queues={queues.data} />}
      <SchedulesCard />
    </Stack>
  );
};
