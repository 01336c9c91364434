// After a limit change (a mailbox's override, a temporary increase granted, revoked or expired, a plan's limit via
// the plan-limits job): where Mailwarden sets limits on the IMAP server itself (QUOTA_SYNC, server/core/imap/quota-sync.ts),
// queue a usage scan of those mailboxes. The scan compares the server's limit with Mailwarden's and sets it with
// SETQUOTA when they differ, so the server follows within seconds, and records what the server has
// (serverLimitBytes). Many mailboxes go in batch jobs of SCAN_BATCH_SIZE, paced by SCAN_RATE_PER_SECOND like the
// scheduled fan-out (a plan change of 100,000 mailboxes takes as long as one full scan); a missed one is synced by
// the next scheduled scan.
import { SCAN_BATCH_SIZE, type Queues } from '../queues/registry.ts';
import type { Config } from '../config.ts';
import { quotaSyncWanted } from '../imap/quota-sync.ts';

export async function queueServerLimitSync(
  queues: Pick<Queues, 'usage-scan'>,
  config: Pick<Config, 'QUOTA_SYNC' | 'IMAP_ADMIN_MODE' | 'IMAP_HOST' | 'IMAP_PORT'>,
  mailboxIds: number[],
): Promise<void> {
  if (!mailboxIds.length || !quotaSyncWanted(config)) return;
  const at = Date.now();
  const jobs = [];
  for (let i = 0; i < mailboxIds.length; i += SCAN_BATCH_SIZE) {
    const chunk = mailboxIds.slice(i, i + SCAN_BATCH_SIZE);
    jobs.push(chunk.length === 1
      ? { name: 'usage-scan', data: { mailboxId: chunk[0], reason: 'manual' as const }, opts: { jobId: `limit-sync-${chunk[0]}-${at}` } }
      : { name: 'usage-scan', data: { mailboxIds: chunk, reason: 'manual' as const }, opts: { jobId: `limit-sync-${chunk[0]}-n${chunk.length}-${at}` } });
  }
  for (let i = 0; i < jobs.length; i += 500) await queues['usage-scan'].addBulk(jobs.slice(i, i + 500));
}
