import { Alert, Card, CardContent, CardHeader, Skeleton, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNotify } from 'react-admin';
import { errorMessage } from '../common/errors';
import { fetchSchedules, saveSchedulePattern } from './api';
import { ScheduleRow } from './ScheduleRow';

const KEY = ['ops', 'schedules'];

/** The recurring jobs (usage scan, retention sweep, housekeeping). A change applies at once on every worker. */
export const SchedulesCard = () => {
  const notify = useNotify();
  const client = useQueryClient();
  const { data, error, isPending } = useQuery({ queryKey: KEY, queryFn: fetchSchedules });
  const save = useMutation({ mutationFn: ({ id, pattern }: { id: string; pattern: string }) => saveSchedulePattern(id, pattern) });

  const onSave = async (id: string, pattern: string): Promise<string | null> => {
    try {
      const saved = await save.mutateAsync({ id, pattern });
      notify(`Schedule ${saved.id} now runs at "${saved.pattern}"`, { type: 'info' });
      await client.invalidateQueries({ queryKey: KEY });
      return null;
    } catch (e) {
      return errorMessage(e, 'The pattern was not saved');
    }
  };

  let body;
  if (error) body = <Alert severity="error">{errorMessage(error, 'Could not load the schedules')}</Alert>;
  else if (isPending) body = <Skeleton variant="rectangular" height={160} />;
  else if (data.length === 0) body = <Alert severity="info">No schedules yet: workers register them when they start.</Alert>;
  else {
    body = (
      <Table size="small" aria-label="Schedules">
        <TableHead>
          <TableRow>
            <TableCell>Schedule</TableCell>
            <TableCell>Pattern (server time)</TableCell>
            <TableCell>Next run</TableCell>
            <TableCell>Set by</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {data.map((s) => (
            <ScheduleRow key={`${s.id}:${s.pattern ?? s.every}`} schedule={s} saving={save.isPending} onSave={onSave} />
          ))}
        </TableBody>
      </Table>
    );
  }
  return (
    <Card>
      <CardHeader title="Schedules" subheader="Cron patterns of the recurring jobs. A change reaches every worker at once and survives restarts." />
      <CardContent sx={{ overflowX: 'auto' }}>{body}</CardContent>
    </Card>
  );
};
