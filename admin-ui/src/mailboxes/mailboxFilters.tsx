import { BooleanInput, NumberInput, ReferenceInput, SearchInput, SelectInput } from 'react-admin';
import { STATUS_CHOICES } from './types';

/** The mailbox list's filters; each `source` is a key of the API's `filter` parameter. */
export const mailboxFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Address or name" />,
  <ReferenceInput key="planId" source="planId" reference="plans" sort={{ field: 'name', order: 'ASC' }} perPage={100}>
    <SelectInput label="Plan" optionText="name" />
  </ReferenceInput>,
  <SelectInput key="status" source="status" choices={STATUS_CHOICES} />,
  <BooleanInput key="overQuota" source="overQuota" label="Over quota" defaultValue={true} />,
  <NumberInput key="minPercent" source="minPercent" label="Used at least (%)" min={0} step={5} />,
  <NumberInput key="maxPercent" source="maxPercent" label="Used at most (%)" min={0} step={5} />,
  <NumberInput key="staleHours" source="staleHours" label="Not scanned for (hours)" min={1} step={1} defaultValue={24} />,
];
