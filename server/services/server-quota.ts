// After a limit change (a mailbox's override, a temporary increase granted, revoked or expired): where Mailwarden
// sets limits on the IMAP server itself (QUOTA_SYNC, jobs/imap/quota-sync.ts), queue a usage scan of each mailbox.
// The scan compares the server's limit with Mailwarden's and sets it with SETQUOTA when they differ, so the server
// follows within seconds, and records what the server has (serverLimitBytes). Plan-wide changes reach the server
// at the next scheduled scan.
import type { Queues } from '../../jobs/queues.ts';
import type { Config } from '../config.ts';
import { quotaSyncWanted } from '../../jobs/imap/quota-sync.ts';

export async function queueServerLimitSync(
  queues: Pick<Queues, 'usage-scan'>,
  config: Pick<Config, 'QUOTA_SYNC' | 'IMAP_ADMIN_MODE' | 'IMAP_HOST' | 'IMAP_PORT'>,
  mailboxIds: number[],
): Promise<void> {
  if (!mailboxIds.length || !quotaSyncWanted(config)) return;
  const at = Date.now();
  await queues['usage-scan'].addBulk(mailboxIds.map((mailboxId) => ({
    name: 'usage-scan', data: { mailboxId, reason: 'manual' as const }, opts: { jobId: `limit-sync-${mailboxId}-${at}` },
  })));
}
