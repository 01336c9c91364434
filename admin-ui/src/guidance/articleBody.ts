import type { Article } from './types';

/** Exactly the body `POST/PUT /api/guidance-articles` accepts (no id or timestamps). */
export const toArticleBody = ({ slug, protocol, client, title, markdown, position }: Article) => ({
  slug: slug.trim(),
  protocol,
  client,
  title: title.trim(),
  markdown: markdown ?? '',
  position: Number(position ?? 0),
});
