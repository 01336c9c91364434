import { DataTable, DateField, List } from 'react-admin';
import { DATE_TIME_OPTIONS } from '../common/relativeTime';
import { ActorField } from './ActorField';
import { EntityField, ReasonField, SummaryField } from './AuditFields';
import { auditFilters } from './auditFilters';
import { csvExporter } from '../common/csvExporter';

export const AuditList = () => (
  <List filters={auditFilters} sort={{ field: 'at', order: 'DESC' }} perPage={25} exporter={csvExporter}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="at" label="When">
        <DateField source="at" showTime options={DATE_TIME_OPTIONS} />
      </DataTable.Col>
      <DataTable.Col source="actorEmail" label="Who">
        <ActorField />
      </DataTable.Col>
      <DataTable.Col source="action" />
      <DataTable.Col source="entityId" label="On what">
        <EntityField />
      </DataTable.Col>
      <DataTable.Col label="Summary" disableSort>
        <SummaryField />
      </DataTable.Col>
      <DataTable.Col label="Reason" disableSort>
        <ReasonField />
      </DataTable.Col>
    </DataTable>
  </List>
);
