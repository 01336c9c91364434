// The usage scan's Dovecot fast path: every mailbox of a batch in one doveadm HTTP request (`quotaGet` per user),
// with no IMAP login. Totals only (STORAGE and MESSAGE as Dovecot's quota counts them, the same figures IMAP QUOTA
// gives); folders stay with the IMAP scan. A user the request could not measure is left out of the answer, and the
// caller measures it over IMAP.
import type { MailboxUsage } from '../imap/usage.ts';
import { runDoveadm, type DoveadmApiConfig } from './http-api.ts';

interface QuotaRow { type?: string; value?: string; limit?: string }

export async function readQuotaTotals(config: DoveadmApiConfig, logins: readonly string[]): Promise<Map<string, MailboxUsage>> {
  const results = await runDoveadm(config, logins.map((user, i) => ['quotaGet', { user }, `q${i}`]));
  const out = new Map<string, MailboxUsage>();
  for (const result of results) {
    const login = logins[Number(result.tag.slice(1))];
    if (!result.ok || login === undefined || !Array.isArray(result.payload)) continue;
    const usage = toUsage(result.payload as QuotaRow[]);
    if (usage) out.set(login, usage);
  }
  return out;
}

/** STORAGE is in KiB; an unlimited limit is "-". No STORAGE row: nothing to go on. */
function toUsage(rows: QuotaRow[]): MailboxUsage | null {
  const storage = rows.find((r) => r.type === 'STORAGE');
  const used = Number(storage?.value);
  if (!storage || !Number.isSafeInteger(used)) return null;
  const limit = Number(storage.limit);
  const messages = Number(rows.find((r) => r.type === 'MESSAGE')?.value);
  return {
    usedBytes: used * 1024,
    usedMessages: Number.isSafeInteger(messages) ? messages : null,
    limitBytes: Number.isSafeInteger(limit) && limit > 0 ? limit * 1024 : null,
    source: 'quota',
    folders: [],
    totalsOnly: true,
  };
}
