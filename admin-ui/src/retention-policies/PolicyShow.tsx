import { Chip, Stack, Typography } from '@mui/material';
import { EditButton, Labeled, Show, SimpleShowLayout, TextField, TopToolbar, useRecordContext } from 'react-admin';
import { AssignmentInfo } from './AssignmentInfo';
import { RulesTable } from './RulesTable';
import type { RetentionPolicy } from './types';

const Rules = (_props: { label?: string }) => {
  const policy = useRecordContext<RetentionPolicy>();
  return policy ? <RulesTable rules={policy.rules} /> : null;
};

const Title = () => {
  const policy = useRecordContext<RetentionPolicy>();
  if (!policy) return null;
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <Typography variant="h6">{policy.name}</Typography>
      {policy.isDefault && <Chip label="default" size="small" color="primary" variant="outlined" />}
    </Stack>
  );
};

// EditButton hides itself for roles that may not edit (canAccess).
/** A policy read-only: what help desk sees (and anyone, before editing). */
export const PolicyShow = () => (
  <Show aside={<AssignmentInfo />} actions={<TopToolbar><EditButton /></TopToolbar>}>
    <SimpleShowLayout>
      <Title />
      <TextField source="description" emptyText="No description" />
      <Labeled label="Rules, in order: for each folder the first match wins" fullWidth>
        <Rules />
      </Labeled>
    </SimpleShowLayout>
  </Show>
);
