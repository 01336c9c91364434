import { Stack } from '@mui/material';
import { Show } from 'react-admin';
import { MailboxRunsCard } from './MailboxRunsCard';
import { RunSummary } from './RunSummary';
import type { ExpiryRun } from './types';

// A running run refreshes itself until it finishes.
const refetchWhileRunning = (query: { state: { data?: ExpiryRun } }) => (query.state.data?.status === 'running' ? 2000 : false);

/** A run's summary, then each mailbox it touched; open a mailbox row for its folders and the per-message audit. */
export const RunShow = () => (
  <Show component="div" actions={false} emptyWhileLoading queryOptions={{ refetchInterval: refetchWhileRunning }}>
    <Stack spacing={2} sx={{ mt: 1, mb: 2 }}>
      <RunSummary />
      <MailboxRunsCard />
    </Stack>
  </Show>
);
