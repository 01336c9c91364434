import { Chip, Stack, Tooltip } from '@mui/material';
import { CreateButton, DataTable, DateField, List, SearchInput, TopToolbar, useRecordContext } from 'react-admin';
import { DATE_TIME_OPTIONS } from '../common/relativeTime';
import { describeRule, type RetentionPolicy } from './types';

const filters = [<SearchInput key="q" source="q" alwaysOn />];

const PolicyName = (_props: { label?: string }) => {
  const policy = useRecordContext<RetentionPolicy>();
  if (!policy) return null;
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <span>{policy.name}</span>
      {policy.isDefault && <Chip label="default" size="small" color="primary" variant="outlined" />}
    </Stack>
  );
};

/** The rules in order as small chips, "INBOX 32 d"; the tooltip says what each does. */
const RulesSummary = (_props: { label?: string }) => {
  const policy = useRecordContext<RetentionPolicy>();
  if (!policy) return null;
  if (policy.rules.length === 0) return <span>no rules (keeps all mail)</span>;
  return (
    <Stack direction="row" spacing={0.5} sx={{ flexWrap: 'wrap', rowGap: 0.5 }}>
      {policy.rules.map((rule) => (
        <Tooltip key={rule.id} title={describeRule(rule)}>
          <Chip size="small" variant="outlined" label={`${rule.folderSelector} ${rule.maxAgeDays} d${rule.action === 'move' ? ' → move' : ''}`} />
        </Tooltip>
      ))}
    </Stack>
  );
};

const ListActions = () => (
  <TopToolbar>
    <CreateButton />
  </TopToolbar>
);

// rowClick is left to react-admin: edit for admin/ops, the read-only page for help desk (accessControl.ts).
export const PolicyList = () => (
  <List sort={{ field: 'name', order: 'ASC' }} perPage={25} filters={filters} actions={<ListActions />}>
    <DataTable bulkActionButtons={false}>
      <DataTable.Col source="name">
        <PolicyName />
      </DataTable.Col>
      <DataTable.Col source="rules" label="Rules (first match wins)" disableSort>
        <RulesSummary />
      </DataTable.Col>
      <DataTable.NumberCol source="planCount" label="Plans" disableSort />
      <DataTable.NumberCol source="mailboxCount" label="Mailboxes" disableSort />
      <DataTable.Col source="updatedAt" label="Updated">
        <DateField source="updatedAt" showTime options={DATE_TIME_OPTIONS} />
      </DataTable.Col>
    </DataTable>
  </List>
);
