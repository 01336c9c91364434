import { Card, CardContent, CardHeader, Typography } from '@mui/material';
import { DataTable, Pagination, ReferenceField, ReferenceManyField, TextField, useRecordContext } from 'react-admin';
import { formatBytes } from '../common/bytes';
import { formatDuration } from '../common/duration';
import { MailboxRunDetail } from './MailboxRunDetail';
import { StatusChip } from './StatusChip';
import type { ExpiryRun, MailboxRun } from './types';

type FieldProps = { label?: string };

const Status = (_props: FieldProps) => {
  const row = useRecordContext<MailboxRun>();
  return row ? <StatusChip status={row.status} /> : null;
};

const Duration = (_props: FieldProps) => {
  const row = useRecordContext<MailboxRun>();
  return <span>{row ? formatDuration(row.startedAt, row.finishedAt) : null}</span>;
};

const Freed = (_props: FieldProps) => {
  const row = useRecordContext<MailboxRun>();
  return <span>{row ? formatBytes(row.bytesFreed) : null}</span>;
};

const ErrorText = (_props: FieldProps) => {
  const row = useRecordContext<MailboxRun>();
  if (!row?.error) return <span>—</span>;
  return (
    <Typography variant="body2" color={row.status === 'failed' ? 'error' : 'text.secondary'} sx={{ overflowWrap: 'anywhere' }}>
      {row.error}
    </Typography>
  );
};

const Empty = () => (
  <Typography variant="body2" sx={{ color: 'text.secondary' }}>
    No mailbox has been queued for this run yet.
  </Typography>
);

/** Per-mailbox rows of a run; a row opens to its folders and the messages it deleted or moved. */
export const MailboxRunsCard = () => {
  const run = useRecordContext<ExpiryRun>();
  if (!run) return null;
  return (
    <Card>
      <CardHeader title="Mailboxes" subheader="Click a row for its folders and the per-message audit" />
      <CardContent>
        <ReferenceManyField
          reference="expiry-mailbox-runs"
          target="runId"
          sort={{ field: 'id', order: 'ASC' }}
          perPage={25}
          pagination={<Pagination rowsPerPageOptions={[25, 50, 100]} />}
          empty={<Empty />}
          queryOptions={{ refetchInterval: run.status === 'running' ? 2000 : false }}
        >
          <DataTable bulkActionButtons={false} rowClick="expand" expand={<MailboxRunDetail />} size="small">
            <DataTable.Col source="address" label="Mailbox" disableSort>
              <ReferenceField source="mailboxId" reference="mailboxes" link="show">
                <TextField source="address" />
              </ReferenceField>
            </DataTable.Col>
            <DataTable.Col source="status">
              <Status />
            </DataTable.Col>
            <DataTable.NumberCol source="examined" disableSort />
            <DataTable.NumberCol source="matched" label={run.dryRun ? 'Would remove' : 'Matched'} />
            <DataTable.NumberCol source="deleted" />
            <DataTable.NumberCol source="moved" disableSort />
            <DataTable.Col source="bytesFreed" label={run.dryRun ? 'Would free' : 'Freed'}>
              <Freed />
            </DataTable.Col>
            <DataTable.Col label="Duration" disableSort>
              <Duration />
            </DataTable.Col>
            <DataTable.Col source="error" disableSort>
              <ErrorText />
            </DataTable.Col>
          </DataTable>
        </ReferenceManyField>
      </CardContent>
    </Card>
  );
};
