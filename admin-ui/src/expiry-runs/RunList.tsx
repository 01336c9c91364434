import { Typography } from '@mui/material';
import { BooleanInput, DataTable, DateField, List, SelectInput, useRecordContext } from 'react-admin';
import { formatBytes } from '../common/bytes';
import { formatDuration } from '../common/duration';
import { DATE_TIME_OPTIONS } from '../common/relativeTime';
import { RUN_STATUS_CHOICES, TRIGGER_CHOICES, mailboxCounts } from './runFormat';
import { RunsEmpty } from './RunsEmpty';
import { ScopeLink } from './ScopeLink';
import { StatusChip } from './StatusChip';
import type { ExpiryRun } from './types';

const filters = [
  <SelectInput key="status" source="status" choices={RUN_STATUS_CHOICES} alwaysOn />,
  <SelectInput key="trigger" source="trigger" choices={TRIGGER_CHOICES} />,
  <BooleanInput key="dryRun" source="dryRun" label="Dry runs" />,
];

type FieldProps = { label?: string };

const Status = (_props: FieldProps) => {
  const run = useRecordContext<ExpiryRun>();
  return run ? <StatusChip status={run.status} /> : null;
};

const Scope = (_props: FieldProps) => {
  const run = useRecordContext<ExpiryRun>();
  if (!run) return null;
  return (
    <span>
      <ScopeLink scope={run.scope} scopeName={run.scopeName} />
      <Typography variant="caption" component="div" sx={{ color: 'text.secondary' }}>
        {run.trigger}
        {run.dryRun ? ', dry run' : ''}
        {run.createdBy ? ` by ${run.createdBy}` : ''}
      </Typography>
    </span>
  );
};

const Duration = (_props: FieldProps) => {
  const run = useRecordContext<ExpiryRun>();
  return <span>{run ? formatDuration(run.startedAt, run.finishedAt) : null}</span>;
};

const Mailboxes = (_props: FieldProps) => {
  const run = useRecordContext<ExpiryRun>();
  if (!run) return null;
  const { done, failed, skipped, open } = mailboxCounts(run);
  return (
    <Typography variant="body2" component="span" sx={{ whiteSpace: 'nowrap' }}>
      {done} done ·{' '}
      <Typography variant="body2" component="span" color={failed ? 'error' : 'inherit'}>
        {failed} failed
      </Typography>{' '}
      · {skipped} skipped
      {open > 0 && ` · ${open} to go`}
    </Typography>
  );
};

const Removed = (_props: FieldProps) => {
  const run = useRecordContext<ExpiryRun>();
  if (!run) return null;
  const { deleted, moved, matched, bytesFreed } = run.totals;
  if (run.dryRun) return <span>would remove {matched.toLocaleString()} ({formatBytes(bytesFreed)})</span>;
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {deleted.toLocaleString()} deleted · {moved.toLocaleString()} moved
    </span>
  );
};

const BytesFreed = (_props: FieldProps) => {
  const run = useRecordContext<ExpiryRun>();
  return <span>{run && !run.dryRun ? formatBytes(run.totals.bytesFreed) : '—'}</span>;
};

/** Every expiry run, newest first: sweeps, single mailboxes, policy previews. */
export const RunList = () => (
  <List sort={{ field: 'id', order: 'DESC' }} perPage={25} filters={filters} exporter={false} empty={<RunsEmpty />}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.NumberCol source="id" label="#" />
      <DataTable.Col source="status">
        <Status />
      </DataTable.Col>
      <DataTable.Col source="scope" label="What" disableSort>
        <Scope />
      </DataTable.Col>
      <DataTable.Col source="startedAt" label="Started">
        <DateField source="startedAt" showTime options={DATE_TIME_OPTIONS} />
      </DataTable.Col>
      <DataTable.Col source="finishedAt" label="Finished">
        <DateField source="finishedAt" showTime options={DATE_TIME_OPTIONS} emptyText="—" />
      </DataTable.Col>
      <DataTable.Col label="Duration" disableSort>
        <Duration />
      </DataTable.Col>
      <DataTable.Col label="Mailboxes" disableSort>
        <Mailboxes />
      </DataTable.Col>
      <DataTable.Col label="Messages" disableSort>
        <Removed />
      </DataTable.Col>
      <DataTable.Col label="Freed" disableSort>
        <BytesFreed />
      </DataTable.Col>
    </DataTable>
  </List>
);
