import { Box, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import type { ApiResponse } from '../api/types';
import { formatDateTime, formatRelative } from '../common/relativeTime';
import { httpClient } from '../providers/httpClient';

type ExpiryStatus = ApiResponse<'/api/expiry/status', 'get'>;

/** An empty runs list says when the first sweep will run (or that none is scheduled, or that expiry is paused). */
export const RunsEmpty = () => {
  const { data } = useQuery({ queryKey: ['expiry', 'status'], queryFn: async () => (await httpClient('/api/expiry/status')).json as ExpiryStatus });
  const next = data?.schedule?.next ?? null;
  let hint = 'Runs appear here once the nightly sweep or a mailbox\'s "Run expiry now" has run.';
  if (data?.paused) hint = 'Expiry is paused: no run starts until it is resumed on the Jobs page.';
  else if (data && next) hint = `The next nightly sweep runs ${formatDateTime(String(next))} (${formatRelative(String(next))}).`;
  else if (data) hint = 'No nightly sweep is scheduled: runs start only from a mailbox\'s "Run expiry now".';
  return (
    <Box sx={{ p: 3, textAlign: 'center' }}>
      <Typography variant="h6">No expiry run yet</Typography>
      <Typography variant="body2" sx={{ color: 'text.secondary' }} data-testid="runs-empty-hint">{hint}</Typography>
    </Box>
  );
};
