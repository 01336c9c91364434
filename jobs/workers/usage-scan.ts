// usage-scan: measure mailboxes over IMAP (imap/usage.ts: a two-round-trip read, imapflow when the server needs
// more), store usage, history samples and quiet notice-state moves in one statement per job (usage-store.ts),
// then evaluate quota notices where one is due (evaluateQuotaNotices: row lock, deduplicated per crossing).
//
// A job holds one mailbox (a manual scan, or one handed off by a batch) or a batch of up to SCAN_BATCH_SIZE
// from the scheduled fan-out (maintenance 'scan-all'), scanned one after another: one IMAP session at a time
// per job, as before. For one mailbox, a refused login is permanent (the mailbox is marked, UnrecoverableError:
// no retry storm) and network trouble is transient, retried with backoff (server/core/queues/registry.ts). A batch hands every
// mailbox that failed, for whatever reason, to a job of its own, which then follows those rules: a bad
// mailbox neither holds its batch back nor makes it retry. Any failure of a one-mailbox job is recorded as the
// mailbox's scanError right away. Idempotent: a retry overwrites the same figures.
import { Worker, UnrecoverableError, type Job } from 'bullmq';
import type { WorkerContext } from '../context.ts';
import { SCAN_BATCH_SIZE, type JobPayloads, type Queues } from '../../server/core/queues/registry.ts';
import { ImapAuthError } from '../../server/core/imap/connect.ts';
import { scanMailboxUsage, type MeasureOptions } from '../../server/core/imap/usage.ts';
import { loadScanTargets, recordUsage, type MeasuredMailbox, type ScanTarget } from '../../server/core/repositories/usage-store.ts';
import { quotaSyncWanted, setServerQuota, toKiB } from '../../server/core/imap/quota-sync.ts';
import type { MailboxUsage } from '../../server/core/imap/usage.ts';
import { evaluateQuotaNotices, noticeSettings } from '../../server/core/services/quota-notices.ts';
import { publishMailboxChanged } from '../../server/core/pubsub/notify-change.ts';
import { doveadmApiEnabled } from '../../server/core/doveadm/http-api.ts';
import { readQuotaTotals } from '../../server/core/doveadm/quota.ts';

/**
 * Mailboxes per scheduled job. A job's fixed cost (two reads, one write, one publish, BullMQ's bookkeeping;
 * ~12 ms of worker CPU) shrinks to ~0.5 ms a mailbox, while a batch still takes only seconds on a slow server
 * (25 × ~100 ms) and 1,000 mailboxes make 40 jobs to spread over the workers.
 */

export interface UsageScanDeps {
  notifyQueue: Queues['notify'];
  /** Where a batch hands off the mailboxes that failed in it. */
  scanQueue: Queues['usage-scan'];
  /** Force a usage source (tests, or servers whose QUOTA cannot be trusted); skips the quick read. */
  measure?: MeasureOptions;
}

type ScanJob = Job<JobPayloads['usage-scan']>;

export async function runUsageScan(ctx: WorkerContext, deps: UsageScanDeps, job: ScanJob) {
  const { prisma } = ctx;
  const single = job.data.mailboxIds === undefined;
  const ids = job.data.mailboxIds ?? [job.data.mailboxId];
  const rows = await loadScanTargets(prisma, ids);
  if (single && !rows.length) throw new UnrecoverableError(`mailbox ${job.data.mailboxId} no longer exists`);
  const active = rows.filter((m) => m.status === 'active');
  if (single && !active.length) return { skipped: 'disabled' };

  const measured: MeasuredMailbox[] = [];
  const handOff: number[] = [];
  // A scheduled scan reads totals only where folders are fresh: from doveadm's HTTP API in one request when set up,
  // else per mailbox over IMAP. Whatever doveadm did not answer for is measured over IMAP below.
  const totalsOnly = (m: ScanTarget) => !single && foldersFresh(m, ctx.config.SCAN_FOLDERS_HOURS);
  const fromDoveadm = !deps.measure?.source && doveadmApiEnabled(ctx.config) ? await doveadmTotals(ctx, active.filter(totalsOnly)) : new Map<string, MailboxUsage>();
  for (const mailbox of active) {
    const totals = fromDoveadm.get(mailbox.imapLogin);
    if (totals) { measured.push({ mailbox, usage: totals }); continue; }
    try {
      const usage = await scanMailboxUsage(ctx.config, mailbox.imapLogin, { ...deps.measure, totalsOnly: totalsOnly(mailbox) }, ctx.logger);
      await syncServerLimit(ctx, mailbox, usage);
      measured.push({ mailbox, usage });
    } catch (err) {
      if (!single) { handOff.push(mailbox.id); continue; }
      // Every failure of a mailbox's own job is on its row at once (the dashboard counts it as failing; the next
      // successful scan clears it), retried or not: a scan that cannot finish is never shown as merely "running".
      const message = err instanceof Error ? err.message : String(err);
      await prisma.mailbox.update({ where: { id: mailbox.id }, data: { scanError: message.slice(0, 1000) } });
      throw err instanceof ImapAuthError ? new UnrecoverableError(message) : err;
    }
  }

  const now = new Date();
  const settings = noticeSettings(ctx.config);
  const due = await recordUsage(prisma, measured, now, settings);
  const scannedIds = measured.map((m) => m.mailbox.id);
  // The policy service re-reads these rows: fresh usage, and its count of bytes accepted since the last scan restarts.
  await publishMailboxChanged(ctx.connection, ctx.config.QUEUE_PREFIX, scannedIds).catch((err: unknown) => ctx.logger.warn({ err, mailboxIds: scannedIds }, 'policy cache notification failed'));
  let notifications = 0;
  for (const id of due) notifications += (await evaluateQuotaNotices(prisma, deps.notifyQueue, id, now, settings)).length;
  // jobId per batch and mailbox: a retried batch does not hand the same mailbox off twice.
  await deps.scanQueue.addBulk(handOff.map((mailboxId) => ({ name: 'usage-scan', data: { mailboxId, reason: job.data.reason }, opts: { jobId: `${job.id}-m${mailboxId}` } })));

  if (single) return { usedBytes: measured[0].usage.usedBytes, source: measured[0].usage.source, notifications };
  return { scanned: measured.length, handedOff: handOff.length, skipped: ids.length - active.length, notifications };
}

/** The batch's totals from doveadm's HTTP API; on any failure of the request, none (the IMAP path measures them). */
async function doveadmTotals(ctx: WorkerContext, mailboxes: ScanTarget[]): Promise<Map<string, MailboxUsage>> {
  if (!mailboxes.length) return new Map();
  try {
    return await readQuotaTotals(ctx.config, mailboxes.map((m) => m.imapLogin));
  } catch (err) {
    ctx.logger.warn({ err: (err as Error).message, mailboxes: mailboxes.length }, 'doveadm HTTP API failed: measuring this batch over IMAP');
    return new Map();
  }
}

/** Whether a scheduled scan may read totals only: the mailbox's folders were measured within SCAN_FOLDERS_HOURS. */
export function foldersFresh(mailbox: Pick<ScanTarget, 'foldersScannedAt'>, hours: number, now = Date.now()): boolean {
  return hours > 0 && mailbox.foldersScannedAt !== null && now - mailbox.foldersScannedAt.getTime() < hours * 3_600_000;
}

/**
 * Where the server enforces another limit than Mailwarden's (in whole KiB, as servers count) and QUOTA_SYNC lets
 * us, set Mailwarden's on the server (imap/quota-sync.ts); `usage.limitBytes` then holds what the server has now,
 * and is stored as the mailbox's serverLimitBytes either way. A failed SETQUOTA does not fail the scan: the
 * mismatch stays visible (serverLimitBytes) and the next scan tries again.
 */
async function syncServerLimit(ctx: WorkerContext, mailbox: ScanTarget, usage: MailboxUsage): Promise<void> {
  const wanted = mailbox.effectiveLimitBytes === null ? null : Number(mailbox.effectiveLimitBytes);
  if (toKiB(wanted) === toKiB(usage.limitBytes) || !quotaSyncWanted(ctx.config)) return;
  try {
    const set = await setServerQuota(ctx.config, mailbox.imapLogin, wanted);
    if (set !== 'skipped') {
      usage.limitBytes = set;
      ctx.logger.info({ mailboxId: mailbox.id, limitBytes: set }, 'storage limit set on the IMAP server (SETQUOTA)');
    }
  } catch (err) {
    ctx.logger.warn({ mailboxId: mailbox.id, err: (err as Error).message }, 'setting the storage limit on the IMAP server failed');
  }
}

/**
 * SCAN_RATE_PER_SECOND caps admin logins per second across every worker host: BullMQ keeps the limiter in Redis,
 * per queue. It counts jobs, and a job logs in up to SCAN_BATCH_SIZE times, so it admits rate / batch jobs a second
 * (a one-mailbox job counts as a batch: it can wait longer than it would need to, never log in faster).
 */
export function scanLimiter(ratePerSecond: number): { max: number; duration: number } {
  return ratePerSecond >= SCAN_BATCH_SIZE
    ? { max: Math.floor(ratePerSecond / SCAN_BATCH_SIZE), duration: 1000 }
    : { max: 1, duration: Math.ceil((1000 * SCAN_BATCH_SIZE) / ratePerSecond) };
}

export function createUsageScanWorker(ctx: WorkerContext, deps: UsageScanDeps, opts: { concurrency?: number } = {}) {
  return new Worker<JobPayloads['usage-scan']>('usage-scan', (job) => runUsageScan(ctx, deps, job), {
    connection: ctx.connection,
    prefix: ctx.config.QUEUE_PREFIX,
    // SCAN_CONCURRENCY (default 4) jobs at once, each with one IMAP session open (a Dovecot imap process).
    concurrency: opts.concurrency ?? ctx.config.SCAN_CONCURRENCY,
    limiter: scanLimiter(ctx.config.SCAN_RATE_PER_SECOND),
  });
}
