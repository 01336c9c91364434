import { Typography } from '@mui/material';
import { DataTable, DateField, FunctionField, List, ReferenceField, ReferenceInput, AutocompleteInput, SelectInput, TextField } from 'react-admin';
import { KIND_LABELS, STATUS_LABELS, type Notification } from './api';

const choices = (labels: Record<string, string>) => Object.entries(labels).map(([id, name]) => ({ id, name }));

const filters = [
  <ReferenceInput key="mailboxId" source="mailboxId" reference="mailboxes" alwaysOn>
    <AutocompleteInput label="Mailbox" optionText="address" filterToQuery={(q: string) => ({ q })} />
  </ReferenceInput>,
  <SelectInput key="kind" source="kind" label="Kind" choices={choices(KIND_LABELS)} />,
  <SelectInput key="status" source="status" label="Status" choices={choices(STATUS_LABELS)} />,
];

const Empty = () => (
  <Typography variant="body2" sx={{ p: 2, color: 'text.secondary' }}>
    No notices match. Notices are sent when a mailbox crosses a warning threshold of its plan, goes over or back under
    its quota, before mail expires, and when a space request is decided; pick another mailbox or clear the filters.
  </Typography>
);

/** Every notice sent (or waiting, or failed), newest first: open one to read what it said. */
export const NotificationList = () => (
  <List title="Notices" filters={filters} sort={{ field: 'createdAt', order: 'DESC' }} exporter={false} empty={<Empty />}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="createdAt" label="Created"><DateField source="createdAt" showTime /></DataTable.Col>
      <DataTable.Col source="mailboxId" label="Mailbox" disableSort>
        <ReferenceField source="mailboxId" reference="mailboxes" link="show" />
      </DataTable.Col>
      <DataTable.Col source="kind" label="Kind"><FunctionField render={(r: Notification) => KIND_LABELS[r.kind]} /></DataTable.Col>
      <DataTable.Col source="subject" label="Subject" disableSort><TextField source="subject" emptyText="(not rendered yet)" /></DataTable.Col>
      <DataTable.Col source="toAddress" label="To" disableSort />
      <DataTable.Col source="status" label="Status"><FunctionField render={(r: Notification) => STATUS_LABELS[r.status]} /></DataTable.Col>
      <DataTable.Col source="sentAt" label="Sent"><DateField source="sentAt" showTime emptyText="—" /></DataTable.Col>
    </DataTable>
  </List>
);
