import { visuallyHidden } from '@mui/utils';
import { Alert, Box, Button, Card, CardContent, CardHeader, MenuItem, Skeleton, Stack, Table, TableBody, TableCell, TableHead, TablePagination, TableRow, TextField, Typography } from '@mui/material';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Confirm, useNotify } from 'react-admin';
import { errorMessage } from '../common/errors';
import { fetchFailedJobs, removeJob, retryAllFailed, retryJob, type FailedJobRow as Job, type QueueRow } from './api';
import { FailedJobRow } from './FailedJobRow';
import { QUEUES_KEY } from './QueuesCard';

const PAGE_SIZE = 10;
const ALL = '';

/** Failed jobs of every queue (kept 30 days), newest failure first, paged on the server; retry one or all. */
export const FailedJobsCard = ({ queues }: { queues: QueueRow[] }) => {
  const notify = useNotify();
  const client = useQueryClient();
  const [queue, setQueue] = useState<string>(ALL);
  const [page, setPage] = useState(0);
  const [askingAll, setAskingAll] = useState(false);
  const { data, error, isPending } = useQuery({
    queryKey: ['ops', 'failed-jobs', queue, page],
    queryFn: () => fetchFailedJobs(queue, page * PAGE_SIZE, page * PAGE_SIZE + PAGE_SIZE - 1),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });
  const refresh = () => Promise.all([client.invalidateQueries({ queryKey: ['ops', 'failed-jobs'] }), client.invalidateQueries({ queryKey: QUEUES_KEY })]);
  const onError = (e: unknown) => notify(errorMessage(e, 'The job could not be changed'), { type: 'error' });
  const retry = useMutation({ mutationFn: (job: Job) => retryJob(job.queue, job.id), onSuccess: (j) => { notify(`${j.queue} job ${j.id} queued again`, { type: 'info' }); return refresh(); }, onError });
  const remove = useMutation({ mutationFn: (job: Job) => removeJob(job.queue, job.id), onSuccess: (j) => { notify(`${j.queue} job ${j.id} removed`, { type: 'info' }); return refresh(); }, onError });
  const retryAll = useMutation({
    mutationFn: () => retryAllFailed(queue),
    onSuccess: (r) => { notify(`${r.count} failed job(s) queued again${r.remaining ? `; ${r.remaining} still failed` : ''}`, { type: 'info' }); return refresh(); },
    onError,
  });
  const failedTotal = queues.reduce((sum, q) => sum + q.failed, 0);
  const scope = queue === ALL ? 'any queue' : queue;

  let body;
  if (error) body = <Alert severity="error">{errorMessage(error, 'Could not load the failed jobs')}</Alert>;
  else if (isPending) body = <Skeleton variant="rectangular" height={120} />;
  else if (data.rows.length === 0) {
    body = (
      <Typography variant="body2" sx={{ color: 'text.secondary' }} data-testid="failed-jobs-empty">
        No failed jobs in {scope}. A job lands here after its last retry fails; failed jobs are kept 30 days.
      </Typography>
    );
  } else {
    body = (
      <>
        <Table size="small" aria-label="Failed jobs">
          <TableHead>
            <TableRow>
              <TableCell>Queue / job</TableCell>
              <TableCell>For</TableCell>
              <TableCell>Why it failed</TableCell>
              <TableCell align="right">Attempts</TableCell>
              <TableCell>Failed at</TableCell>
              <TableCell><Box component="span" sx={visuallyHidden}>Actions</Box></TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {data.rows.map((job) => (
              <FailedJobRow key={`${job.queue}/${job.id}`} job={job} busy={retry.isPending || remove.isPending || retryAll.isPending} onRetry={(j) => retry.mutate(j)} onRemove={(j) => remove.mutate(j)} />
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
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <TextField
              select size="small" label="Queue" value={queue} sx={{ minWidth: 200 }}
              // '' is "All queues": shown as a choice, not as an empty field under its label
              slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
              onChange={(e) => { setQueue(e.target.value); setPage(0); }}
            >
              <MenuItem value={ALL}>All queues ({failedTotal})</MenuItem>
              {queues.map((q) => (
                <MenuItem key={q.name} value={q.name}>{q.name} ({q.failed})</MenuItem>
              ))}
            </TextField>
            <Button variant="outlined" sx={{ whiteSpace: 'nowrap' }} disabled={!data?.total || retryAll.isPending} onClick={() => setAskingAll(true)}>Retry all</Button>
          </Stack>
        }
      />
      <CardContent sx={{ overflowX: 'auto' }}>{body}</CardContent>
      <Confirm
        isOpen={askingAll}
        title={`Retry every failed job in ${scope}?`}
        content={`${data?.total ?? 0} job(s) go back to waiting and run again with their attempts reset. Do this once the cause is fixed, or they fail again.`}
        confirm="Retry all"
        onConfirm={() => {
          setAskingAll(false);
          retryAll.mutate();
        }}
        onClose={() => setAskingAll(false)}
      />
    </Card>
  );
};
