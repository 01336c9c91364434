import { Button, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { Confirm, Edit, SaveButton, SimpleForm, TextInput, Toolbar, useNotify, useRecordContext, useRedirect } from 'react-admin';
import { errorMessage } from '../common/errors';
import { KIND_LABELS } from '../notifications/api';
import { resetTemplate, type NoticeTemplate } from './api';
import { TemplatePreview } from './TemplatePreview';

const Placeholders = () => {
  const record = useRecordContext<NoticeTemplate>();
  if (!record) return null;
  return (
    <Typography variant="body2" sx={{ color: 'text.secondary' }}>
      Placeholders: {record.placeholders.map((p) => `{{${p}}}`).join(' ')}. Values are filled in as plain text (escaped in
      the HTML part); any other {'{{…}}'} is refused when you save.
    </Typography>
  );
};

const ResetButton = () => {
  const record = useRecordContext<NoticeTemplate>();
  const notify = useNotify();
  const redirect = useRedirect();
  const [asking, setAsking] = useState(false);
  if (!record || record.isDefault) return null;
  return (
    <>
      <Button color="warning" onClick={() => setAsking(true)}>Back to the default</Button>
      <Confirm
        isOpen={asking}
        title={`Use the default ${KIND_LABELS[record.kind].toLowerCase()} template again?`}
        content="The edited wording is dropped (the audit log keeps it); the next notice of this kind uses the built-in text."
        confirm="Use the default"
        onConfirm={() => {
          setAsking(false);
          resetTemplate(record.kind).then(
            () => { notify('Template reset to the default', { type: 'info' }); redirect('list', 'notice-templates'); },
            (e: unknown) => notify(errorMessage(e, 'The template was not reset'), { type: 'error' }),
          );
        }}
        onClose={() => setAsking(false)}
      />
    </>
  );
};

const TemplateToolbar = () => (
  <Toolbar sx={{ justifyContent: 'space-between' }}>
    <SaveButton />
    <ResetButton />
  </Toolbar>
);

const Title = () => {
  const record = useRecordContext<NoticeTemplate>();
  return <>{record ? `Template: ${KIND_LABELS[record.kind]}` : 'Template'}</>;
};

const Preview = () => {
  const record = useRecordContext<NoticeTemplate>();
  return record ? <TemplatePreview kind={record.kind} /> : null;
};

/** Edit a notice template, with a live preview; saving asks for a reason that goes to the audit log. */
export const TemplateEdit = () => (
  <Edit title={<Title />} mutationMode="pessimistic" transform={(d: NoticeTemplate & { reason?: string }) => ({ subject: d.subject, text: d.text, html: d.html?.trim() ? d.html : null, reason: d.reason })}>
    <SimpleForm toolbar={<TemplateToolbar />}>
      <Stack direction={{ xs: 'column', lg: 'row' }} spacing={2} sx={{ width: '100%' }}>
        <Stack sx={{ flex: 1, minWidth: 0 }}>
          <TextInput source="subject" label="Subject" fullWidth />
          <TextInput source="text" label="Text" multiline minRows={8} fullWidth />
          <TextInput source="html" label="HTML part (optional)" multiline minRows={3} fullWidth helperText="Leave empty: the text, in paragraphs" />
          <TextInput source="reason" label="Reason or ticket" fullWidth helperText="Kept in the audit log" />
          <Placeholders />
        </Stack>
        <Stack sx={{ flex: 1, minWidth: 0 }}>
          <Preview />
        </Stack>
      </Stack>
    </SimpleForm>
  </Edit>
);
