import { Alert, Stack } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Loading, Title, useCanAccess } from 'react-admin';
import { errorMessage } from '../common/errors';
import { fetchDirectoryRuns, fetchDirectoryStatus } from './api';
import { RunsCard } from './RunsCard';
import { SourceCard } from './SourceCard';

export const STATUS_KEY = ['directory', 'status'];
export const RUNS_KEY = ['directory', 'runs'];
const RUNS_SHOWN = 10;

/** `/directory` (admin, ops): the directory source, the safety stop, preview and apply, the last runs with their diffs. */
export const DirectoryPage = () => {
  const { canAccess, isPending: checking } = useCanAccess({ resource: 'directory', action: 'list' });
  const status = useQuery({ queryKey: STATUS_KEY, queryFn: fetchDirectoryStatus, enabled: canAccess === true, refetchInterval: 5_000 });
  // While a run is queued or running the list follows it every 2 s; otherwise every 15 s (a scheduled run).
  const busy = (status.data?.lastRun?.status === 'running') || Object.values(status.data?.jobs ?? {}).some((n) => n > 0);
  const runs = useQuery({ queryKey: RUNS_KEY, queryFn: () => fetchDirectoryRuns(RUNS_SHOWN), enabled: canAccess === true, refetchInterval: busy ? 2_000 : 15_000 });
  if (checking) return <Loading />;
  if (!canAccess) return <Alert severity="warning" sx={{ mt: 2 }}>The directory sync is for ops and admin staff.</Alert>;
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title="Directory" />
      {status.error && <Alert severity="error">{errorMessage(status.error, 'Could not load the directory status')}</Alert>}
      {status.data && <SourceCard status={status.data} />}
      {runs.error && <Alert severity="error">{errorMessage(runs.error, 'Could not load the runs')}</Alert>}
      {runs.data && <RunsCard runs={runs.data} />}
    </Stack>
  );
};
