import { Box, Stack } from '@mui/material';
import { useWatch } from 'react-hook-form';
import { maxLength, minValue, NumberInput, regex, required, SelectInput, TextInput } from 'react-admin';
import { MarkdownPreview } from './MarkdownPreview';
import { CLIENT_CHOICES, PROTOCOL_CHOICES } from './types';

const validateSlug = [required(), maxLength(80), regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Lower-case words joined by hyphens, e.g. thunderbird-pop')];

const LivePreview = () => <MarkdownPreview markdown={useWatch({ name: 'markdown' }) as string | undefined} />;

/** Article fields on the left, the live preview on the right (stacked on narrow screens). */
export const ArticleInputs = () => (
  <Stack direction={{ xs: 'column', lg: 'row' }} spacing={3} sx={{ width: '100%' }}>
    <Box sx={{ flex: 1, minWidth: 0 }}>
      <TextInput source="title" validate={[required(), maxLength(200)]} />
      <TextInput source="slug" validate={validateSlug} helperText="Anchor on the help page (/help#slug)" />
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={{ xs: 0, sm: 2 }}>
        <SelectInput source="client" choices={CLIENT_CHOICES} validate={required()} />
        <SelectInput source="protocol" choices={PROTOCOL_CHOICES} validate={required()} />
        <NumberInput source="position" step={10} validate={minValue(0)} helperText="Lower comes first" />
      </Stack>
      <TextInput
        source="markdown"
        label="Markdown"
        multiline
        minRows={12}
        validate={maxLength(20000)}
        helperText="Markdown with {{placeholders}} (listed under the preview). Scripts, event handlers and javascript: links are removed."
        sx={{ '& textarea': { fontFamily: 'monospace' } }}
      />
    </Box>
    <Box sx={{ flex: 1, minWidth: 0 }}>
      <LivePreview />
    </Box>
  </Stack>
);
