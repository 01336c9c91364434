// Bulk reads and writes of the CSV import: one INSERT … SELECT FROM unnest(arrays) per chunk, one = ANY(array) lookup. Prisma's
// createMany builds its query in JavaScript on the event loop: measured here, 1,000 rows held the API's event loop
// for 270–480 ms (a stalled /health/live during big imports); the arrays go to PostgreSQL as 6 parameters instead,
// holding the loop for a few milliseconds. Unique violations surface as Prisma errors the error handler maps to 409.
import type { DbOrTx } from '../lib/prisma.ts';

export interface NewMailboxRow {
  address: string;
  imapLogin: string;
  displayName: string;
  planId: number | null;
  limitOverrideBytes: bigint | null;
  effectiveLimitBytes: bigint | null;
}

export async function insertMailboxes(db: DbOrTx, rows: NewMailboxRow[]): Promise<number> {
  if (!rows.length) return 0;
  const column = <K extends keyof NewMailboxRow>(key: K) => rows.map((r) => r[key]);
  const bytes = (key: 'limitOverrideBytes' | 'effectiveLimitBytes') => rows.map((r) => (r[key] === null ? null : r[key]!.toString()));
  return db.$executeRaw`
    INSERT INTO mailboxes (address, imap_login, display_name, plan_id, limit_override_bytes, effective_limit_bytes, updated_at)
    SELECT address, imap_login, display_name, plan_id, limit_override_bytes, effective_limit_bytes, now()
    FROM unnest(${column('address')}::text[], ${column('imapLogin')}::text[], ${column('displayName')}::text[], ${column('planId')}::int[],
                ${bytes('limitOverrideBytes')}::bigint[], ${bytes('effectiveLimitBytes')}::bigint[])
      AS t(address, imap_login, display_name, plan_id, limit_override_bytes, effective_limit_bytes)`;
}

/** Which of these addresses are already registered (one query; the array is a single parameter). */
export async function registeredAddresses(db: DbOrTx, addresses: string[]): Promise<string[]> {
  if (!addresses.length) return [];
  const found = await db.$queryRaw<{ address: string }[]>`SELECT address FROM mailboxes WHERE address = ANY(${addresses}::text[])`;
  return found.map((r) => r.address);
}
