import { DataTable, DateField, List } from 'react-admin';
import { ActorField } from './ActorField';
import { auditFilters } from './auditFilters';
import { csvExporter } from '../common/csvExporter';

export const AuditList = () => (
  <List filters={auditFilters} sort={{ field: 'at', order: 'DESC' }} perPage={25} exporter={csvExporter}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="at" label="When">
        <DateField source="at" showTime />
      </DataTable.Col>
      <DataTable.Col source="actorEmail" label="Actor">
        <ActorField />
      </DataTable.Col>
      <DataTable.Col source="action" />
      <DataTable.Col source="entityType" label="Entity type" />
      <DataTable.Col source="entityId" label="Entity" />
    </DataTable>
  </List>
);
