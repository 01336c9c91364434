import type { DataProvider } from 'react-admin';
import type { Mailbox } from '../mailboxes/types';

/** Where a search from the app bar leads: straight to one mailbox, or to the mailbox list filtered by the text. */
export type SearchTarget = { kind: 'mailbox'; id: number | string } | { kind: 'list'; q: string };

// Enough rows to find an exact address among the few that contain it ("ann@x" is also in "joann@x").
const CANDIDATES = 10;

/**
 * Asks the mailbox list endpoint (its `q` filter: address or name) and decides: a single hit, or a hit whose
 * address is exactly the text, opens that mailbox; anything else (none, several) opens the filtered list.
 */
export async function resolveSearch(dataProvider: DataProvider, text: string): Promise<SearchTarget> {
  const q = text.trim();
  const { data, total } = await dataProvider.getList<Mailbox>('mailboxes', {
    filter: { q },
    pagination: { page: 1, perPage: CANDIDATES },
    sort: { field: 'address', order: 'ASC' },
  });
  if (data.length === 1 && total === 1) return { kind: 'mailbox', id: data[0].id };
  const exact = data.find((mailbox) => mailbox.address === q.toLowerCase());
  return exact ? { kind: 'mailbox', id: exact.id } : { kind: 'list', q };
}
