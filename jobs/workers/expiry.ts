// expiry: apply the retention policy to one mailbox within a run (server/core/imap/expiry/expire-mailbox.ts), and keep its run row.
// In order: a mailbox under an active legal hold is skipped (skipped_hold): nothing is removed, and only the
// \Deleted marks an earlier, interrupted attempt of ours left are taken back; a disabled one is
// skipped_disabled; one without a policy skipped_no_policy. Otherwise the per-mailbox Redis lock is taken
// (held by another run -> skipped_locked, naming that run), one IMAP session is opened, and the mailbox
// expired. Before every STORE and EXPUNGE the lock and the legal holds are checked again: a hold placed
// during the run stops it within one batch (stopped_hold), taking back marks not yet expunged.
// Real runs then record pre-expiry notices.
// A purge job (`purge`, from maintenance 'purge-deleted') takes the same path for a deleted mailbox whose grace
// period is over: under a legal hold it is refused (skipped_hold), otherwise every message is removed through the
// same engine (server/core/imap/expiry/purge-mailbox.ts) and, once none is left, the mailbox is marked purged.
// Failures: a refused login is permanent (UnrecoverableError, row failed); anything else is retried with
// backoff (server/core/queues/registry.ts), the row going back to pending with the error until the last attempt marks it failed.
// Whoever finishes the last mailbox row of a run closes the run (services/expiry-runs.ts).
import { Worker, UnrecoverableError, type Job } from 'bullmq';
import type { WorkerContext } from '../context.ts';
import type { JobPayloads, Queues } from '../../server/core/queues/registry.ts';
import { ImapAuthError, openMailboxSession } from '../../server/core/imap/connect.ts';
import { expireMailbox, type MailboxExpiryResult } from '../../server/core/imap/expiry/expire-mailbox.ts';
import { LegalHoldPlacedError, type ExpiryHooks } from '../../server/core/imap/expiry/expire-folder.ts';
import { loadAdmit } from '../../server/core/imap/expiry/notice-admission.ts';
import { listFolders } from '../../server/core/imap/expiry/expire-mailbox.ts';
import { reconcilePending } from '../../server/core/imap/expiry/reconcile-interrupted.ts';
import { recordExpiryNotices } from '../../server/core/imap/expiry/pre-expiry-notices.ts';
import { acquireExpiryLock, ExpiryLockLostError } from '../expiry-lock.ts';
import { createExpiryAudit } from '../../server/core/repositories/expiry-audit.ts';
import { activeHolds, loadMailboxPolicy } from '../../server/core/services/retention.ts';
import { finishRunIfDone, UNFINISHED, type MailboxRunStatus } from '../../server/core/services/expiry-runs.ts';
import { enqueueNotifications } from '../../server/core/services/quota-notices.ts';
import { createAuditLog } from '../../server/core/repositories/audit-log.ts';
import { firstActiveHold } from '../../server/core/repositories/legal-holds.ts';
import type { Prisma } from '../../server/core/lib/prisma.ts';
import { purgeMailbox } from '../../server/core/imap/expiry/purge-mailbox.ts';
import { purgeDue } from '../../server/core/domain/mailbox-lifecycle.ts';
import { finishPurge, purgeRefused, purgeStillDue } from '../mailbox-purge.ts';

export interface ExpiryOptions {
  now?: Date;
  /** Test-only: see ExpiryHooks. */
  hooks?: ExpiryHooks;
  chunkSize?: number;
  /** False while BullMQ will retry: a failure puts the row back to pending instead of failed. */
  finalAttempt?: boolean;
}

export type ExpiryDeps = { notifyQueue: Queues['notify'] };
type Data = JobPayloads['expiry'];

export async function runMailboxExpiry(ctx: WorkerContext, deps: ExpiryDeps, data: Data, opts: ExpiryOptions = {}) {
  const { prisma } = ctx;
  const now = opts.now ?? new Date();
  const mailbox = await prisma.mailbox.findUnique({ where: { id: data.mailboxId } });
  if (!mailbox) {
    // Deleting a mailbox deletes its run rows (cascade): the run may now be complete without it.
    if (await finishRunIfDone(prisma, data.runId)) await recordRunFinished(ctx, data.runId);
    return { status: 'mailbox_deleted' };
  }

  const row = await prisma.expiryMailboxRun.upsert({
    where: { runId_mailboxId: { runId: data.runId, mailboxId: data.mailboxId } },
    create: { runId: data.runId, mailboxId: data.mailboxId, dryRun: data.dryRun },
    update: {},
  });
  // A re-delivered job whose mailbox already finished: nothing to redo.
  if (!['pending', 'running'].includes(row.status)) return { status: row.status, alreadyFinished: true };
  const finish = async (status: MailboxRunStatus, fields: Partial<Prisma.ExpiryMailboxRunUncheckedUpdateInput> = {}) => {
    await prisma.expiryMailboxRun.update({ where: { id: row.id }, data: { status, finishedAt: new Date(), ...fields } });
    if (await finishRunIfDone(prisma, data.runId)) await recordRunFinished(ctx, data.runId);
    return { status, error: (fields.error as string | null | undefined) ?? null };
  };

  const holds = await activeHolds(prisma, mailbox.id, new Date());
  if (holds.length) {
    const h = holds[0];
    const released = await releaseOurMarks(ctx, mailbox, data.runId, now);
    const note = released ? `; ${released} \\Deleted mark(s) left by an interrupted earlier attempt were taken back` : '';
    if (data.purge) await purgeRefused(ctx, mailbox.id, data.runId, h);
    return finish('skipped_hold', { error: `legal hold #${h.id} (set by ${h.setBy}: ${h.reason}) is active; nothing was removed${note}` });
  }
  if (data.purge && !purgeDue(mailbox, now)) return finish('skipped_disabled', { error: 'not due for a purge (restored, already purged, or its grace period has not ended); nothing was removed' });
  if (!data.purge && mailbox.status !== 'active') return finish('skipped_disabled', { error: `mailbox is ${mailbox.status}` });
  const policy = data.purge ? { policy: { name: 'purge after deletion' }, rules: [] } : await loadMailboxPolicy(prisma, mailbox);
  if (!data.purge && (!policy.policy || !policy.rules.length)) return finish('skipped_no_policy', { error: 'explanation' in policy ? policy.explanation.at(-1) ?? null : null });

  const lock = await acquireExpiryLock(ctx.connection, ctx.config.QUEUE_PREFIX, mailbox.id, data.runId);
  if (!lock.acquired) {
    return finish('skipped_locked', { error: `another expiry run${lock.holderRunId ? ` (run ${lock.holderRunId})` : ''} was processing this mailbox; skipped to avoid touching it twice at once` });
  }
  try {
    await prisma.expiryMailboxRun.update({ where: { id: row.id }, data: { status: 'running', startedAt: row.startedAt ?? new Date() } });
    const beforeRemoval = async () => {
      await lock.assertHeld();
      const h = await firstActiveHold(prisma, mailbox.id, new Date());
      if (h) {
        throw new LegalHoldPlacedError(h.id, `legal hold #${h.id} (set by ${h.setBy}: ${h.reason}) was placed during the run; removal stopped`);
      }
      if (data.purge) await purgeStillDue(prisma, mailbox.id);
    };
    const admit = data.withoutNotice || data.purge ? undefined : await loadAdmit(prisma, mailbox.id, policy.rules, now);
    const { result, noticeIds } = await withSession(ctx, mailbox.imapLogin, async (client) => {
      if (data.purge) {
        const result = await purgeMailbox({
          client, audit: createExpiryAudit(prisma), mailboxId: mailbox.id, mailboxRunId: row.id, now, allowPlainExpunge: ctx.config.EXPIRY_ALLOW_PLAIN_EXPUNGE,
          subjectMode: ctx.config.EXPIRY_AUDIT_SUBJECT, chunkSize: opts.chunkSize, maxUidSetChars: ctx.config.EXPIRY_MAX_UID_SET_CHARS, hooks: opts.hooks, beforeRemoval,
        });
        return { result, noticeIds: [] as number[] };
      }
      const result = await expireMailbox({
        client, audit: createExpiryAudit(prisma), mailboxId: mailbox.id, mailboxRunId: row.id, rules: policy.rules, now,
        dryRun: data.dryRun, allowPlainExpunge: ctx.config.EXPIRY_ALLOW_PLAIN_EXPUNGE, subjectMode: ctx.config.EXPIRY_AUDIT_SUBJECT,
        chunkSize: opts.chunkSize, maxUidSetChars: ctx.config.EXPIRY_MAX_UID_SET_CHARS, hooks: opts.hooks, beforeRemoval, admit,
      });
      const noticeIds = data.dryRun ? [] : await recordExpiryNotices(client, prisma, mailbox, result.planned, now);
      return { result, noticeIds };
    });
    await enqueueNotifications(deps.notifyQueue, noticeIds);
    if (result.reconciled) await refreshOtherRuns(ctx, result.reconciled.otherRuns);
    const outcome = await finish(result.errors.length ? 'failed' : 'done', figures(result));
    const summary = {
      ...outcome, examined: result.examined, matched: result.matched, deleted: result.deleted, moved: result.moved, bytesFreed: result.bytesFreed,
      notices: noticeIds.length, ...(data.withoutNotice ? { withoutNotice: true } : {}),
    };
    // Only runs that changed something (or failed) are audited: a nightly sweep of a large site would
    // otherwise write one event per untouched mailbox. The run rows keep every mailbox's figures anyway.
    if (data.purge) {
      await finishPurge(ctx, mailbox.id, { runId: data.runId, mailboxRunId: row.id, ...summary });
    } else if (!data.dryRun && (result.deleted + result.moved > 0 || outcome.status === 'failed')) {
      await createAuditLog(prisma).record(null, {
        action: 'mailbox.expired', entityType: 'mailbox', entityId: mailbox.id,
        after: { runId: data.runId, mailboxRunId: row.id, policy: policy.policy?.name ?? null, ...summary },
      });
    }
    return summary;
  } catch (err) {
    const message = (err as Error).message;
    const final = opts.finalAttempt ?? true;
    if (err instanceof LegalHoldPlacedError) {
      // Not a failure to retry: the hold wins. What went before it is in the audit; the row says why it stopped.
      const totals = await auditFigures(ctx, row.id);
      const outcome = await finish('stopped_hold', { ...totals, error: message });
      await createAuditLog(prisma).record(null, {
        action: data.purge ? 'mailbox.purge_stopped' : 'mailbox.expiry_stopped', entityType: 'mailbox', entityId: mailbox.id,
        after: { runId: data.runId, mailboxRunId: row.id, holdId: err.holdId, deleted: totals.deleted, moved: totals.moved },
      });
      return { ...outcome, deleted: totals.deleted, moved: totals.moved, stoppedByHold: err.holdId };
    }
    if (err instanceof ExpiryLockLostError) {
      // Taken over by a redelivery of this very job: the row is the new holder's to finish. Otherwise (the lock
      // lapsed) settle it like any failed attempt, unless a holder already finished it.
      if ((await lock.holderRunId()) !== data.runId) {
        await prisma.expiryMailboxRun.updateMany({
          where: { id: row.id, status: { in: UNFINISHED } },
          data: final ? { status: 'failed', finishedAt: new Date(), error: message } : { status: 'pending', error: `attempt failed, will retry: ${message}` },
        });
        if (final && (await finishRunIfDone(prisma, data.runId))) await recordRunFinished(ctx, data.runId);
      }
      throw err;
    }
    if (final || err instanceof UnrecoverableError) await finish('failed', { error: message });
    else await prisma.expiryMailboxRun.update({ where: { id: row.id }, data: { status: 'pending', error: `attempt failed, will retry: ${message}` } });
    throw err;
  } finally {
    await lock.release();
  }
}

async function withSession<T>(ctx: WorkerContext, login: string, fn: (client: Awaited<ReturnType<typeof openMailboxSession>>) => Promise<T>): Promise<T> {
  let client;
  try {
    client = await openMailboxSession(ctx.config, login, ctx.logger, { qresync: true });
  } catch (err) {
    if (err instanceof ImapAuthError) throw new UnrecoverableError(err.message);
    throw err;
  }
  try {
    return await fn(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

function figures(r: MailboxExpiryResult) {
  return {
    folders: r.folders as unknown as Prisma.InputJsonValue,
    examined: r.examined, matched: r.matched, deleted: r.deleted, moved: r.moved, bytesFreed: BigInt(r.bytesFreed),
    error: r.errors.length ? r.errors.join('; ') : null,
  };
}

/** Removed-message figures of one mailbox run, from its confirmed audit rows. */
async function auditFigures(ctx: WorkerContext, mailboxRunId: number) {
  const totals = await createExpiryAudit(ctx.prisma).doneTotals(mailboxRunId);
  const count = (a: string) => totals.filter((t) => t.action === a).reduce((n, t) => n + t.count, 0);
  const freed = totals.filter((t) => t.action === 'delete').reduce((n, t) => n + t.bytes, 0);
  return { deleted: count('delete'), moved: count('move'), bytesFreed: BigInt(freed) };
}

/**
 * Under a legal hold nothing is removed, but an earlier attempt of ours that died between its STORE and its
 * confirmation may have left \Deleted marks (its `pending` audit rows say where): take them back, so the user's
 * own client cannot expunge them. Messages that attempt did remove are confirmed in the audit. Takes the lock
 * like a run; returns how many marks were taken back (0 when there was nothing to settle or the lock was busy).
 */
async function releaseOurMarks(ctx: WorkerContext, mailbox: { id: number; imapLogin: string }, runId: number, now: Date): Promise<number> {
  const audit = createExpiryAudit(ctx.prisma);
  if (!(await audit.pendingOf(mailbox.id)).length) return 0;
  const lock = await acquireExpiryLock(ctx.connection, ctx.config.QUEUE_PREFIX, mailbox.id, runId);
  if (!lock.acquired) return 0;
  try {
    const result = await withSession(ctx, mailbox.imapLogin, async (client) => reconcilePending({
      client, audit, mailboxId: mailbox.id, mailboxRunId: 0, now, allowPlainExpunge: false,
      subjectMode: ctx.config.EXPIRY_AUDIT_SUBJECT, chunkSize: 0, beforeRemoval: lock.assertHeld,
    }, [], await listFolders(client)));
    if (result.otherRuns.length) await refreshOtherRuns(ctx, result.otherRuns);
    return result.dropped;
  } finally {
    await lock.release();
  }
}

/** A crashed run's rows that reconciliation confirmed: bring that run's removed counts up to date. */
async function refreshOtherRuns(ctx: WorkerContext, mailboxRunIds: number[]) {
  const audit = createExpiryAudit(ctx.prisma);
  for (const id of mailboxRunIds) {
    const totals = await audit.doneTotals(id);
    const count = (a: string) => totals.filter((t) => t.action === a).reduce((n, t) => n + t.count, 0);
    const freed = totals.filter((t) => t.action === 'delete').reduce((n, t) => n + t.bytes, 0);
    await ctx.prisma.expiryMailboxRun.update({ where: { id }, data: { deleted: count('delete'), moved: count('move'), bytesFreed: BigInt(freed) } });
  }
}

async function recordRunFinished(ctx: WorkerContext, runId: number) {
  const run = await ctx.prisma.expiryRun.findUnique({ where: { id: runId } });
  if (!run) return;
  await createAuditLog(ctx.prisma).record(null, {
    action: 'expiry_run.finished', entityType: 'expiry_run', entityId: runId,
    after: { status: run.status, dryRun: run.dryRun, scope: run.scope, mailboxes: run.mailboxesTotal, error: run.error },
  });
}

export function createExpiryWorker(ctx: WorkerContext, deps: ExpiryDeps, opts: { concurrency?: number } = {}) {
  return new Worker<Data>('expiry', (job: Job<Data>) => runMailboxExpiry(ctx, deps, job.data, {
    finalAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
  }), {
    connection: ctx.connection,
    prefix: ctx.config.QUEUE_PREFIX,
    // Each job holds one IMAP session that writes (STORE/EXPUNGE/MOVE): EXPIRY_CONCURRENCY (default 2) bounds that load.
    concurrency: opts.concurrency ?? ctx.config.EXPIRY_CONCURRENCY,
    // A 5,000-message mailbox takes seconds, a huge one minutes; the lock is renewed every lockDuration/2 while
    // the job awaits IMAP, so 60 s only needs to outlast an event-loop stall (large FETCH parsing), not the job.
    lockDuration: 60_000,
  });
}

export { recordRunFinished };
