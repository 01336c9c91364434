import type { ApiResponse } from '../api/types';

/** A guidance article, as `GET /api/guidance-articles/:id` returns it. */
export type Article = ApiResponse<'/api/guidance-articles/{id}', 'get'>;
export type ArticleProtocol = Article['protocol'];
export type ArticleClient = Article['client'];

export const PROTOCOL_CHOICES: { id: ArticleProtocol; name: string }[] = [
  { id: 'any', name: 'Any protocol' },
  { id: 'imap', name: 'IMAP (hidden when IMAP is off)' },
  { id: 'pop', name: 'POP (hidden when POP is off)' },
];

export const CLIENT_CHOICES: { id: ArticleClient; name: string }[] = [
  { id: 'generic', name: 'Any mail program' },
  { id: 'thunderbird', name: 'Thunderbird' },
  { id: 'outlook', name: 'Outlook' },
  { id: 'apple-mail', name: 'Apple Mail (Mac)' },
  { id: 'ios', name: 'iPhone and iPad' },
  { id: 'android', name: 'Android' },
];
