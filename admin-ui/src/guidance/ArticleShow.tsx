import { Show, SimpleShowLayout, TextField, useRecordContext } from 'react-admin';
import { MarkdownPreview } from './MarkdownPreview';
import type { Article } from './types';

const RenderedArticle = () => <MarkdownPreview markdown={useRecordContext<Article>()?.markdown} />;

/** Read-only view (helpdesk): the article as users see it on the help page. */
export const ArticleShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="title" />
      <TextField source="slug" />
      <RenderedArticle />
    </SimpleShowLayout>
  </Show>
);
