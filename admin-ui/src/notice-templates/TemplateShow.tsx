import { Box, Typography } from '@mui/material';
import { Show, SimpleShowLayout, TextField, useRecordContext } from 'react-admin';
import { KIND_LABELS } from '../notifications/api';
import type { NoticeTemplate } from './api';

const Text = () => {
  const record = useRecordContext<NoticeTemplate>();
  return <Box component="pre" sx={{ m: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontFamily: 'inherit' }}>{record?.text}</Box>;
};

const Title = () => {
  const record = useRecordContext<NoticeTemplate>();
  return <>{record ? `Template: ${KIND_LABELS[record.kind]}` : 'Template'}</>;
};

/** A template as it stands, for roles that read but do not edit (help desk). */
export const TemplateShow = () => (
  <Show title={<Title />}>
    <SimpleShowLayout>
      <TextField source="subject" label="Subject" />
      <Text />
      <TextField source="html" label="HTML part" emptyText="(the text, in paragraphs)" />
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>Figures such as {'{{usage}}'} are filled in when a notice is sent.</Typography>
    </SimpleShowLayout>
  </Show>
);
