import { DataTable, DateField, List, SelectField, SelectInput, TextInput } from 'react-admin';
import { CLIENT_CHOICES, PROTOCOL_CHOICES } from './types';
import { csvExporter } from '../common/csvExporter';

const filters = [
  <TextInput key="q" source="q" label="Search" alwaysOn />,
  <SelectInput key="client" source="client" choices={CLIENT_CHOICES} />,
  <SelectInput key="protocol" source="protocol" choices={PROTOCOL_CHOICES} />,
];

// rowClick is left to react-admin: edit for admin/ops, show (read-only preview) for helpdesk.
export const ArticleList = () => (
  <List sort={{ field: 'position', order: 'ASC' }} perPage={50} filters={filters} exporter={csvExporter}>
    <DataTable bulkActionButtons={false}>
      <DataTable.NumberCol source="position" />
      <DataTable.Col source="title" />
      <DataTable.Col source="client">
        <SelectField source="client" choices={CLIENT_CHOICES} />
      </DataTable.Col>
      <DataTable.Col source="protocol">
        <SelectField source="protocol" choices={PROTOCOL_CHOICES} />
      </DataTable.Col>
      <DataTable.Col source="slug" />
      <DataTable.Col source="updatedAt" label="Updated">
        <DateField source="updatedAt" showTime />
      </DataTable.Col>
    </DataTable>
  </List>
);
