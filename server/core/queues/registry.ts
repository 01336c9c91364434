// The one registry of queues: names, payload types and default job options. The API (producer)
// and the workers (consumers) both import it, so a queue name or payload can't drift between them.
// Payloads carry ids only: Redis stores job data in clear text, so never secrets or message bodies.
import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import type { MailboxReadRequest } from './mailbox-read.ts';

/** Mailboxes per usage-scan batch job: each job logs in this many times (the rate limiter counts jobs). */
export const SCAN_BATCH_SIZE = 25;

export interface JobPayloads {
  /** Read capabilities, quota root and folders of one mailbox and store them on it. */
  probe: { mailboxId: number };
  /** Measure usage over IMAP, store it and evaluate quota thresholds: of one mailbox (a manual scan, or one
   *  split off a batch to be retried on its own), or of a batch (up to SCAN_BATCH_SIZE) from the scheduled fan-out
   *  (maintenance 'scan-all'). */
  'usage-scan': { reason: 'scheduled' | 'manual' } & ({ mailboxId: number; mailboxIds?: undefined } | { mailboxIds: number[]; mailboxId?: undefined });
  /** Send one recorded notification (its row holds recipient and data; the job only the id). */
  notify: { notificationId: number };
  /** Housekeeping fanned out by job schedulers: scan every mailbox, end expired increases, prune samples, purge deleted
   *  mailboxes, prune the per-message expiry audit (EXPIRY_AUDIT_KEEP_DAYS). */
  maintenance: { task: 'scan-all' | 'expire-increases' | 'prune-usage-samples' | 'purge-deleted' | 'prune-expiry-audit' };
  /** Apply (or, dryRun, only measure) the retention policy of one mailbox within run `runId`. */
  /** `withoutNotice`: staff waived the pre-expiry notice promise for this run (their reason is in the audit log). */
  /** `purge`: remove every message of a deleted mailbox whose grace period is over (maintenance 'purge-deleted'). */
  expiry: { mailboxId: number; runId: number; dryRun: boolean; withoutNotice?: boolean; purge?: boolean };
  /** Fan out an expiry run: one `expiry` job per mailbox (every active one, or those a policy governs).
   *  Scheduled sweeps carry no runId: the job creates the run and stores its id in its own data. */
  'expiry-sweep': { runId?: number; policyId?: number; dryRun: boolean; trigger: 'scheduled' | 'manual' | 'preview' };
  /** After a plan's limit (or the default flag) changed: recompute the stored limit of every mailbox on plan `planId`
   *  (and, `withoutPlan`, of every mailbox without a plan, which the default plan governs) in batches, then evaluate
   *  their quota notices. Retry-safe: it recomputes from the database and notices are deduplicated per crossing. */
  'plan-limits': { planId: number; withoutPlan: boolean };
  /** A read-only look into one mailbox that an API request waits for (mailbox-read.ts). */
  'mailbox-read': MailboxReadRequest;
  /** Sync mailboxes from the directory (server/core/directory/sync.ts), or with dryRun only compute and store the diff.
   *  Scheduled runs carry no runId: the job creates the run and stores its id in its own data. */
  'directory-sync': { runId?: number; dryRun: boolean; trigger: 'scheduled' | 'manual' };
}

export type QueueName = keyof JobPayloads;

const DAY_S = 24 * 3600;

// Completed jobs are trimmed (run records live in PostgreSQL); failed ones stay a month for inspection.
const KEEP = { removeOnComplete: { age: DAY_S, count: 1000 }, removeOnFail: { age: 30 * DAY_S } } as const;

export const QUEUE_DEFAULTS: { [K in QueueName]: JobsOptions } = {
  // A probe is a cheap read: three tries over ~30 s ride out a Dovecot restart.
  probe: { attempts: 3, backoff: { type: 'exponential', delay: 5_000 }, ...KEEP },
  // A scan is idempotent (it overwrites usage); retries cover a Dovecot restart or a dropped connection.
  'usage-scan': { attempts: 4, backoff: { type: 'exponential', delay: 10_000 }, ...KEEP },
  // SMTP outages can last: 8 tries with exponential backoff from 30 s span about two hours.
  notify: { attempts: 8, backoff: { type: 'exponential', delay: 30_000 }, ...KEEP },
  maintenance: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 }, ...KEEP },
  // Retry-safe (pending/done audit rows, UIDVALIDITY + UID): three tries over ~3 minutes ride out an IMAP restart.
  expiry: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 }, ...KEEP },
  // A fan-out is idempotent (unique run rows, jobIds per run and mailbox); retries cover a PostgreSQL blip.
  'expiry-sweep': { attempts: 3, backoff: { type: 'exponential', delay: 30_000 }, ...KEEP },
  // Idempotent (recomputes from the database, notices deduplicated): five tries over ~5 minutes ride out a PostgreSQL blip.
  'plan-limits': { attempts: 5, backoff: { type: 'exponential', delay: 20_000 }, ...KEEP },
  // Someone is waiting for the answer: no retry (they ask again). The result (it may name subjects) is kept a minute,
  // long enough for the waiting API to read it even if it missed the completion event, then removed.
  'mailbox-read': { attempts: 1, removeOnComplete: { age: 60, count: 100 }, removeOnFail: { age: 3600, count: 1000 } },
  // A run changes nothing until its one transaction commits, so a retry is safe: three tries over ~3 minutes ride out
  // a directory or PostgreSQL restart; bad credentials or a missing base DN fail at once (UnrecoverableError).
  'directory-sync': { attempts: 3, backoff: { type: 'exponential', delay: 60_000 }, ...KEEP },
};

export const QUEUE_NAMES = Object.keys(QUEUE_DEFAULTS) as QueueName[];

export type Queues = { [K in QueueName]: Queue<JobPayloads[K], unknown, string> };

export function createQueues(connection: ConnectionOptions, prefix: string): Queues {
  const entries = QUEUE_NAMES.map((name) => [
    name,
    new Queue(name, { connection, prefix, defaultJobOptions: QUEUE_DEFAULTS[name] }),
  ]);
  return Object.fromEntries(entries) as Queues;
}

export async function closeQueues(queues: Queues): Promise<void> {
  await Promise.all(Object.values(queues).map((q) => q.close()));
}
