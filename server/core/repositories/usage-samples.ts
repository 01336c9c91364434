// A mailbox's usage history as the API shows it: the samples each usage scan stores (core/repositories/usage-store.ts
// writes them), oldest first, byte counts converted to numbers at this edge.
import type { DbOrTx } from '../lib/prisma.ts';
import { toNumber } from '../lib/bigint.ts';

/** The most one answer carries (the oldest of the window first). */
const MAX_SAMPLES = 5000;

export function createUsageSampleRepository(db: DbOrTx) {
  return {
    async listSince(mailboxId: number, since: Date) {
      const samples = await db.usageSample.findMany({ where: { mailboxId, at: { gte: since } }, orderBy: { at: 'asc' }, take: MAX_SAMPLES });
      return samples.map((s) => ({ at: s.at, usedBytes: Number(s.usedBytes), usedMessages: s.usedMessages, limitBytes: toNumber(s.limitBytes) }));
    },
  };
}
