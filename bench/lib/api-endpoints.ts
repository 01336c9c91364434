// The requests the console's mailbox screens send (admin-ui/src/mailboxes: MailboxList with perPage 25 and
// address ASC, its filters, the usage column's DESC sort, MailboxShow), built the way ra-data-simple-rest
// builds them (sort, range, filter as JSON; the total from Content-Range), each with a check of its reply.
import type { Endpoint } from './api-load.ts';

const PAGE = 25;

function listPath(sort: [string, 'ASC' | 'DESC'], filter: Record<string, unknown>): string {
  const query = new URLSearchParams({ sort: JSON.stringify(sort), range: JSON.stringify([0, PAGE - 1]), filter: JSON.stringify(filter) });
  return `/api/mailboxes?${query}`;
}

interface ListRow { id: number; address: string; displayName: string; usagePercent: number | null }

/** Status, page size and Content-Range of a first page; then `more` checks the rows. */
function listCheck(more: (rows: ListRow[], total: number) => string | null) {
  return (status: number, headers: Headers, body: unknown): string | null => {
    if (status !== 200) return `status ${status}`;
    const m = /^mailboxes 0-(\d+)\/(\d+)$/.exec(headers.get('content-range') ?? '');
    if (!m) return `Content-Range ${headers.get('content-range')}`;
    const rows = body as ListRow[];
    const total = Number(m[2]);
    if (rows.length !== Math.min(PAGE, total)) return `${rows.length} rows for a total of ${total}`;
    return more(rows, total);
  };
}

const ascending = (xs: string[]) => xs.every((x, i) => i === 0 || xs[i - 1] <= x);

// Address fragments of different selectivity, as staff type them: a surname stem, a first name, digits, a
// name in display-name case, a rare exact-ish local part, a whole domain (a quarter of all mailboxes), and two
// letters (what the search box sends while someone is still typing: too short for the trigram index).
const FRAGMENTS = ['kowal', 'anna.', '4217', 'Garcia', 'tanaka99', 'students', 'ko'];

export function consoleEndpoints(mailboxes: number): Endpoint[] {
  let nextFragment = 0;
  let lastId = 0;
  return [
    {
      name: 'list: first page',
      path: () => listPath(['address', 'ASC'], {}),
      check: listCheck((rows, total) => (total !== mailboxes ? `total ${total}, expected ${mailboxes}` : ascending(rows.map((r) => r.address)) ? null : 'not sorted by address')),
    },
    {
      name: 'list: search address',
      path: () => listPath(['address', 'ASC'], { q: FRAGMENTS[nextFragment++ % FRAGMENTS.length] }),
      check: listCheck((rows, total) => {
        if (total === 0) return 'no match';
        const q = FRAGMENTS[(nextFragment - 1) % FRAGMENTS.length].toLowerCase();
        return rows.every((r) => r.address.includes(q) || r.displayName.toLowerCase().includes(q)) ? null : `a row not matching ${q}`;
      }),
    },
    {
      name: 'list: ≥ 90 % used',
      path: () => listPath(['address', 'ASC'], { minPercent: 90 }),
      check: listCheck((rows, total) => (total === 0 ? 'no match' : rows.every((r) => (r.usagePercent ?? 0) >= 90) ? null : 'a row under 90 %')),
    },
    {
      name: 'list: usage desc',
      path: () => listPath(['usagePercent', 'DESC'], {}),
      check: listCheck((rows) => (rows.every((r, i) => r.usagePercent !== null && (i === 0 || rows[i - 1].usagePercent! >= r.usagePercent)) ? null : 'not sorted by usage')),
    },
    {
      name: 'detail: random id',
      path: () => `/api/mailboxes/${(lastId = 1 + Math.floor(Math.random() * mailboxes))}`,
      check: (status, _headers, body) => {
        const b = body as { id?: number; limit?: unknown };
        return status !== 200 ? `status ${status}` : b.id !== lastId || !b.limit ? 'wrong or incomplete mailbox' : null;
      },
    },
  ];
}
