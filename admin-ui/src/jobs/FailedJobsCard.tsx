import { Alert, Card, CardContent, CardHeader, MenuItem, Skeleton, Table, TableBody, TableCell, TableHead, TablePagination, TableRow, TextField, Typography } from '@mui/material';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify } from 'react-admin';
import { errorMessage } from '../common/errors';
import { fetchFailedJobs, removeJob, retryJob, type JobRow, type QueueRow } from './api';
import { FailedJobRow } from './FailedJobRow';
import { QUEUES_KEY } from './QueuesCard';

const PAGE_SIZE = 10;

/** Failed jobs of one queue (kept 30 days), newest first, paged on the server. */
export const FailedJobsCard = ({ queues }: { queues: QueueRow[] }) => {
  const notify = useNotify();
  const client = useQueryClient();
  const [queue, setQueue] = useState<string>(() => queues.find((q) => q.failed > 0)?.name ?? queues[0]?.name ?? '');
  const [page, setPage] = useState(0);
  const key = ['ops', 'failed-jobs', queue, page];
  const { data, error, isPending } = useQuery({
    queryKey: key,
    queryFn: () => fetchFailedJobs(queue, page * PAGE_SIZE, page * PAGE_SIZE + PAGE_SIZE - 1),
    enabled: queue !== '',
    placeholderData: keepPreviousData,
  });
  const refresh = () => Promise.all([client.invalidateQueries({ queryKey: ['ops', 'failed-jobs'] }), client.invalidateQueries({ queryKey: QUEUES_KEY })]);
  const onError = (e: unknown) => notify(errorMessage(e, 'The job could not be changed'), { type: 'error' });
  const retry = useMutation({ mutationFn: (job: JobRow) => retryJob(job.queue, job.id), onSuccess: (j) => { notify(`Job ${j.id} queued again`, { type: 'info' }); return refresh(); }, onError });
  const remove = useMutation({ mutationFn: (job: JobRow) => removeJob(job.queue, job.id), onSuccess: (j) => { notify(`Job ${j.id} removed`, { type: 'info' }); return refresh(); }, onError });

  let body;
  if (error) body = <Alert severity="error">{errorMessage(error, 'Could not load the failed jobs')}</Alert>;
  else if (isPending && queue) body = <Skeleton variant="rectangular" height={120} />;
  else if (!data || data.rows.length === 0) body = <Typography variant="body2" sx={{ color: 'text.secondary' }}>No failed jobs in {queue}.</Typography>;
  else {
    body = (
      <>
        <Table size="small" aria-label="Failed jobs">
          <TableHead>
            <TableRow>
              <TableCell>Job</TableCell>
              <TableCell>Name</TableCell>
              <TableCell>For</TableCell>
              <TableCell align="right">Attempts</TableCell>
              <TableCell>Failed at</TableCell>
              <TableCell>Reason</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {data.rows.map((job) => (
              <FailedJobRow key={job.id} job={job} busy={retry.isPending || remove.isPending} onRetry={(j) => retry.mutate(j)} onRemove={(j) => remove.mutate(j)} />
            ))}
          </TableBody>
        </Table>
        <TablePagination component="div" count={data.total} page={page} rowsPerPage={PAGE_SIZE} rowsPerPageOptions={[PAGE_SIZE]} onPageChange={(_e, p) => setPage(p)} />
      </>
    );
  }

  return (
    <Card>
      <CardHeader
        title="Failed jobs"
        subheader="Retry once the cause is fixed (e.g. the IMAP server is back); remove what should not run again."
        action={
          <TextField select size="small" label="Queue" value={queue} sx={{ minWidth: 180 }} onChange={(e) => { setQueue(e.target.value); setPage(0); }}>
            {queues.map((q) => (
              <MenuItem key={q.name} value={q.name}>{q.name} ({q.failed})</MenuItem>
            ))}
          </TextField>
        }
      />
      <CardContent sx={{ overflowX: 'auto' }}>{body}</CardContent>
    </Card>
  );
};
