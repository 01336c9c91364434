import { Alert, Box, Card, CardContent, CardHeader, Skeleton, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useWatch } from 'react-hook-form';
import { errorMessage } from '../common/errors';
import { previewTemplate, type TemplatePreview as Preview } from './api';

const DEBOUNCE_MS = 300;

/**
 * The draft as a notice of this kind would read, with made-up values, rendered by the server as it renders mail.
 * The HTML part is shown in a sandboxed frame with no permissions: whatever the template holds, nothing in it runs
 * and it cannot reach the console (the server also refuses scripts and event handlers in templates).
 */
export const TemplatePreview = ({ kind }: { kind: string }) => {
  const [subject, text, html] = useWatch({ name: ['subject', 'text', 'html'] }) as [string, string, string | null];
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      previewTemplate(kind, { subject, text, html }).then(
        (p) => { if (current) { setPreview(p); setError(null); } },
        (e: unknown) => current && setError(errorMessage(e, 'Preview unavailable')),
      );
    }, DEBOUNCE_MS);
    return () => { current = false; clearTimeout(timer); };
  }, [kind, subject, text, html]);

  return (
    <Card variant="outlined" sx={{ width: '100%' }} data-testid="template-preview">
      <CardHeader title="Preview" subheader="With made-up values for Alex Example" titleTypographyProps={{ variant: 'subtitle1', component: 'h2' }} />
      <CardContent>
        {error && <Alert severity="warning" sx={{ mb: 1 }}>{error}</Alert>}
        {!preview ? <Skeleton variant="rectangular" height={160} /> : (
          <>
            <Typography variant="subtitle2" component="p" data-testid="preview-subject">Subject: {preview.subject}</Typography>
            <Box component="pre" data-testid="preview-text" sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontFamily: 'inherit', bgcolor: 'action.hover', p: 1, borderRadius: 1 }}>{preview.text}</Box>
            <Typography variant="caption" component="p" sx={{ color: 'text.secondary', mt: 1 }}>HTML part:</Typography>
            <Box component="iframe" title="HTML part of the notice" sandbox="" srcDoc={preview.html} sx={{ width: '100%', height: 220, border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: '#fff' }} />
          </>
        )}
      </CardContent>
    </Card>
  );
};
