import { Typography } from '@mui/material';
import { Datagrid, DateField, FunctionField, List, SelectInput, TextField } from 'react-admin';
import { BytesField } from '../common/BytesField';
import { DecisionButtons } from './DecisionButtons';

const filters = [
  <SelectInput key="status" source="status" alwaysOn choices={[
    { id: 'pending', name: 'Waiting' }, { id: 'approved', name: 'Approved' }, { id: 'refused', name: 'Refused' },
  ]} />,
];

const Empty = () => (
  <Typography variant="body2" sx={{ p: 2, color: 'text.secondary' }}>
    No request here. Mail users ask for more space from their own page (/me); a new request shows under Waiting, and
    approving it raises their limit until the date they asked for.
  </Typography>
);

/** Help desk's queue of requests users filed from /me: how much, why, until when; decided here. */
export const SpaceRequestList = () => (
  <List title="Requests for more space" filters={filters} filterDefaultValues={{ status: 'pending' }} sort={{ field: 'createdAt', order: 'DESC' }} exporter={false}>
    <Datagrid bulkActionButtons={false} rowClick={false} empty={<Empty />}>
      <DateField source="createdAt" label="Asked" showTime />
      <TextField source="address" label="Mailbox" />
      <BytesField source="extraBytes" label="More" />
      <DateField source="until" label="Until" />
      <TextField source="reason" label="Why" />
      <FunctionField label="Decision" render={(r: { status: string; decidedBy: string | null }) => (r.status === 'pending' ? 'waiting' : `${r.status} by ${r.decidedBy}`)} />
      <DecisionButtons />
    </Datagrid>
  </List>
);
