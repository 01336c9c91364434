import { DataTable, DateField, DateInput, List, SearchInput, TextInput } from 'react-admin';
import { ActorField } from './ActorField';

// The date pickers give a local day; the API gets ISO timestamps for that day's start and end.
const startOfDay = (day: string) => (day ? new Date(`${day}T00:00:00`).toISOString() : day);
const endOfDay = (day: string) => (day ? new Date(`${day}T23:59:59.999`).toISOString() : day);

const auditFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <TextInput key="actorEmail" source="actorEmail" label="Actor email" />,
  <TextInput key="entityType" source="entityType" label="Entity type" />,
  <TextInput key="action" source="action" />,
  <DateInput key="from" source="from" label="From" parse={startOfDay} />,
  <DateInput key="to" source="to" label="To" parse={endOfDay} />,
];

export const AuditList = () => (
  <List filters={auditFilters} sort={{ field: 'at', order: 'DESC' }} perPage={25}>
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
