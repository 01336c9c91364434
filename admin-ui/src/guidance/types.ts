export type ArticleProtocol = 'pop' | 'imap' | 'any';
export type ArticleClient = 'thunderbird' | 'outlook' | 'apple-mail' | 'ios' | 'android' | 'generic';

/** A guidance article, as `GET /api/guidance-articles` returns it. */
export interface Article {
  id: number;
  slug: string;
  protocol: ArticleProtocol;
  client: ArticleClient;
  title: string;
  markdown: string;
  position: number;
  createdAt: string;
  updatedAt: string;
}

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
