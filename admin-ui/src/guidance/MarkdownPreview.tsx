import { Alert, Box, Card, CardContent, CardHeader, Skeleton } from '@mui/material';
import { PlaceholderList } from './PlaceholderList';
import { usePreview } from './usePreview';

const ARTICLE_STYLE = {
  '& h2, & h3, & h4': { mt: 1.5, mb: 0.5 },
  '& p, & ul, & ol': { my: 1 },
  '& code, & pre': { fontFamily: 'monospace' },
  '& pre': { p: 1, overflowX: 'auto', bgcolor: 'action.hover' },
};

/**
 * The article as the public help page will show it: rendered and sanitized by the server with today's live
 * values. The HTML comes from the server's sanitizer, which is why it may be inserted as HTML here.
 */
export const MarkdownPreview = ({ markdown }: { markdown: string | undefined }) => {
  const { preview, error } = usePreview(markdown);
  return (
    <Card variant="outlined" sx={{ width: '100%' }}>
      <CardHeader title="Preview" subheader="With today's settings, quota and retention" titleTypographyProps={{ variant: 'subtitle1' }} />
      <CardContent>
        {error && <Alert severity="warning" sx={{ mb: 1 }}>{error}</Alert>}
        {preview ? <Box sx={ARTICLE_STYLE} dangerouslySetInnerHTML={{ __html: preview.html }} /> : <Skeleton variant="rectangular" height={120} />}
        {preview && <PlaceholderList values={preview.values} />}
      </CardContent>
    </Card>
  );
};
