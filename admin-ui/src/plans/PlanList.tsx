import { Chip, Stack } from '@mui/material';
import { DataTable, List, ReferenceField, SelectField, TextField, useRecordContext } from 'react-admin';
import { BytesField } from '../common/BytesField';
import { ThresholdsField } from './ThresholdsField';
import { OVER_QUOTA_REPLY_CHOICES, type Plan } from './types';
import { csvExporter } from '../common/csvExporter';

const REPLY_SHORT = OVER_QUOTA_REPLY_CHOICES.map(({ id }) => ({ id, name: id === 'temporary' ? '4xx (retry)' : '5xx (bounce)' }));

const PlanName = () => {
  const plan = useRecordContext<Plan>();
  if (!plan) return null;
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <span>{plan.name}</span>
      {plan.isDefault && <Chip label="default" size="small" color="primary" variant="outlined" />}
    </Stack>
  );
};

// rowClick is left to react-admin: it opens the edit page only for roles allowed to edit plans.
export const PlanList = () => (
  <List sort={{ field: 'name', order: 'ASC' }} perPage={25} exporter={csvExporter}>
    <DataTable bulkActionButtons={false}>
      <DataTable.Col source="name">
        <PlanName />
      </DataTable.Col>
      <DataTable.Col source="storageLimitBytes" label="Storage limit">
        <BytesField source="storageLimitBytes" />
      </DataTable.Col>
      <DataTable.NumberCol source="messageLimit" label="Message limit" disableSort>
        <TextField source="messageLimit" emptyText="—" />
      </DataTable.NumberCol>
      <DataTable.Col source="warnThresholds" label="Warnings at" disableSort>
        <ThresholdsField />
      </DataTable.Col>
      <DataTable.NumberCol source="gracePercent" label="Grace %" disableSort />
      <DataTable.Col source="overQuotaReply" label="When full" disableSort>
        <SelectField source="overQuotaReply" choices={REPLY_SHORT} />
      </DataTable.Col>
      <DataTable.Col source="adminCopyEmail" label="Admin copy" disableSort>
        <TextField source="adminCopyEmail" emptyText="—" />
      </DataTable.Col>
      <DataTable.Col source="retentionPolicyId" label="Retention policy" disableSort>
        <ReferenceField source="retentionPolicyId" reference="retention-policies" link="show" emptyText="Default policy">
          <TextField source="name" />
        </ReferenceField>
      </DataTable.Col>
      <DataTable.NumberCol source="mailboxCount" label="Mailboxes" />
    </DataTable>
  </List>
);
