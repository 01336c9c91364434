import { Card, CardContent, CardHeader, Typography } from '@mui/material';
import { DataTable, DateField, Link, Pagination, ReferenceManyField, TextField, useRecordContext } from 'react-admin';
import { ActorField } from '../audit/ActorField';
import { ReasonField, SummaryField } from '../audit/AuditFields';
import { DATE_TIME_OPTIONS } from '../common/relativeTime';
import type { MailboxDetail } from './types';


const Empty = () => (
  <Typography variant="body2" sx={{ color: 'text.secondary' }}>
    Nothing has been recorded for this mailbox yet.
  </Typography>
);

/** Who changed what on this mailbox, newest first; each row opens the full before/after in the audit log. */
export const AuditTrailCard = () => {
  const mailbox = useRecordContext<MailboxDetail>();
  if (!mailbox) return null;
  const filter = encodeURIComponent(JSON.stringify({ entityType: 'mailbox', entityId: String(mailbox.id) }));
  return (
    <Card>
      <CardHeader title="Audit trail" subheader="Changes and actions on this mailbox, newest first" action={<Link to={`/audit-events?filter=${filter}`}>Open in the audit log</Link>} />
      <CardContent>
        <ReferenceManyField
          reference="audit-events"
          target="entityId"
          filter={{ entityType: 'mailbox' }}
          sort={{ field: 'at', order: 'DESC' }}
          perPage={10}
          pagination={<Pagination rowsPerPageOptions={[10, 25, 50]} />}
        >
          {/* The empty text goes to the table: with a filter set, ReferenceManyField would offer "clear filters". */}
          <DataTable bulkActionButtons={false} rowClick="show" size="small" empty={<Empty />}>
            <DataTable.Col source="at" label="When">
              <DateField source="at" showTime options={DATE_TIME_OPTIONS} />
            </DataTable.Col>
            <DataTable.Col source="actorEmail" label="Who" disableSort>
              <ActorField />
            </DataTable.Col>
            <DataTable.Col source="action" disableSort>
              <TextField source="action" />
            </DataTable.Col>
            <DataTable.Col label="Summary" disableSort>
              <SummaryField />
            </DataTable.Col>
            <DataTable.Col label="Reason" disableSort>
              <ReasonField />
            </DataTable.Col>
          </DataTable>
        </ReferenceManyField>
      </CardContent>
    </Card>
  );
};
