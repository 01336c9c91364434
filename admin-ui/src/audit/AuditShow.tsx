import { DateField, Labeled, Show, SimpleShowLayout, TextField } from 'react-admin';
import { DATE_TIME_OPTIONS } from '../common/relativeTime';
import { ActorField } from './ActorField';
import { EntityField, ReasonField, SummaryField } from './AuditFields';
import { DiffView } from './DiffView';

export const AuditShow = () => (
  <Show>
    <SimpleShowLayout>
      <DateField source="at" label="When" showTime options={DATE_TIME_OPTIONS} />
      <Labeled label="Actor">
        <ActorField />
      </Labeled>
      <TextField source="action" />
      <Labeled label="On what">
        <EntityField />
      </Labeled>
      <Labeled label="Summary">
        <SummaryField />
      </Labeled>
      <Labeled label="Reason">
        <ReasonField />
      </Labeled>
      <TextField source="reqId" label="Request id" emptyText="—" />
      <Labeled label="Changes" fullWidth>
        <DiffView />
      </Labeled>
    </SimpleShowLayout>
  </Show>
);
