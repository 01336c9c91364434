import {
  BooleanField,
  DataTable,
  DateField,
  List,
  SearchInput,
  SelectField,
  SelectInput,
} from 'react-admin';
import { ROLE_CHOICES } from '../providers/accessControl';
import { csvExporter } from '../common/csvExporter';

const staffFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="role" source="role" choices={ROLE_CHOICES} />,
];

export const StaffList = () => (
  <List filters={staffFilters} sort={{ field: 'name', order: 'ASC' }} perPage={25} exporter={csvExporter}>
    <DataTable rowClick="edit" bulkActionButtons={false}>
      <DataTable.Col source="name" />
      <DataTable.Col source="email" />
      <DataTable.Col source="role">
        <SelectField source="role" choices={ROLE_CHOICES} />
      </DataTable.Col>
      <DataTable.Col source="active">
        <BooleanField source="active" />
      </DataTable.Col>
      <DataTable.Col source="lastLoginAt" label="Last sign-in">
        <DateField source="lastLoginAt" showTime emptyText="never" />
      </DataTable.Col>
      <DataTable.Col source="createdAt" label="Created">
        <DateField source="createdAt" />
      </DataTable.Col>
    </DataTable>
  </List>
);
