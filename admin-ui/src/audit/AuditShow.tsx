import { DateField, Labeled, Show, SimpleShowLayout, TextField } from 'react-admin';
import { ActorField } from './ActorField';
import { DiffView } from './DiffView';

export const AuditShow = () => (
  <Show>
    <SimpleShowLayout>
      <DateField source="at" label="When" showTime />
      <Labeled label="Actor">
        <ActorField />
      </Labeled>
      <TextField source="action" />
      <TextField source="entityType" label="Entity type" />
      <TextField source="entityId" label="Entity" emptyText="—" />
      <TextField source="reqId" label="Request id" emptyText="—" />
      <Labeled label="Changes" fullWidth>
        <DiffView />
      </Labeled>
    </SimpleShowLayout>
  </Show>
);
