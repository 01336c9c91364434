import { DateTimeInput, SearchInput, SelectInput, TextInput, usePermissions, type SelectInputProps } from 'react-admin';
import { EntityInput } from './EntityInput';

/** The entity types the API records (entityType of audit events), for the filter's choices. */
const ENTITY_TYPE_CHOICES = [
  { id: 'mailbox', name: 'Mailbox' },
  { id: 'plan', name: 'Plan' },
  { id: 'retention_policy', name: 'Retention policy' },
  { id: 'staff', name: 'Staff' },
  { id: 'expiry', name: 'Expiry (pause/resume)' },
  { id: 'expiry_run', name: 'Expiry run' },
  { id: 'queue', name: 'Queue' },
  { id: 'job', name: 'Job' },
  { id: 'schedule', name: 'Schedule' },
  { id: 'guidance-article', name: 'Guidance article' },
  { id: 'mail-settings', name: 'Mail settings' },
];

/** Events about staff accounts are shown to admins only (the API leaves them out for other roles): so is their choice. */
const EntityTypeInput = (props: SelectInputProps) => {
  const { permissions } = usePermissions();
  const choices = permissions === 'admin' ? ENTITY_TYPE_CHOICES : ENTITY_TYPE_CHOICES.filter((c) => c.id !== 'staff');
  return <SelectInput {...props} choices={choices} />;
};

const ACTOR_TYPE_CHOICES = [
  { id: 'staff', name: 'Staff' },
  { id: 'system', name: 'System (jobs)' },
];

// The pickers give a local date and time to the minute; the API gets ISO timestamps, inclusive at both ends,
// so "To 14:05" includes events during 14:05. An empty entry removes the filter.
const toIso = (endOfMinute: boolean) => (value: string | Date | null) => {
  if (!value) return undefined;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return undefined;
  if (endOfMinute && at.getSeconds() === 0 && at.getMilliseconds() === 0) at.setSeconds(59, 999);
  return at.toISOString();
};

/** Filters of the audit log: actor, entity, action (exact, or a prefix such as "mailbox.*") and a time range. */
export const auditFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <TextInput key="actorEmail" source="actorEmail" label="Actor email" alwaysOn />,
  <SelectInput key="actorType" source="actorType" label="Actor type" choices={ACTOR_TYPE_CHOICES} />,
  <EntityTypeInput key="entityType" source="entityType" label="Entity type" alwaysOn />,
  <EntityInput key="entityId" source="entityId" />,
  <TextInput key="action" source="action" label="Action" helperText='Exact, or a prefix: "mailbox.*"' alwaysOn />,
  <DateTimeInput key="from" source="from" label="From" parse={toIso(false)} alwaysOn />,
  <DateTimeInput key="to" source="to" label="To" parse={toIso(true)} alwaysOn />,
];
