import { AutocompleteInput, ReferenceInput, TextInput, useListContext, type InputProps } from 'react-admin';

/** Entity types whose records have a name to pick by: the filter shows that name, never the id. */
const NAMED = {
  mailbox: { reference: 'mailboxes', label: 'Mailbox', optionText: 'address' },
  plan: { reference: 'plans', label: 'Plan', optionText: 'name' },
} as const;

// The filter keeps the id as the API takes it (a string); the picker's records have numeric ids.
const toId = (v: unknown) => (v === null || v === undefined || v === '' ? v : Number(v));
const toFilter = (v: unknown) => (v === null || v === undefined || v === '' ? v : String(v));

/** The audit log's entity filter: a mailbox or plan picked by its address or name; other kinds by id. */
export const EntityInput = (props: Pick<InputProps, 'source'> & { alwaysOn?: boolean }) => {
  const { filterValues } = useListContext();
  const named = NAMED[filterValues?.entityType as keyof typeof NAMED];
  if (!named) return <TextInput source={props.source} label="Entity id" />;
  return (
    <ReferenceInput source={props.source} reference={named.reference} sort={{ field: named.optionText, order: 'ASC' }}>
      <AutocompleteInput label={named.label} optionText={named.optionText} format={toId} parse={toFilter} sx={{ minWidth: 260 }} />
    </ReferenceInput>
  );
};
