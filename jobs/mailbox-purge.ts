// The purge of deleted mailboxes whose grace period is over (docs/mailbox-lifecycle.md). The maintenance task
// 'purge-deleted' (on its schedule) gives each due mailbox a one-mailbox expiry run and an `expiry` job with
// `purge: true`; the expiry worker (workers/expiry.ts) removes the mail through the expiry engine, and this file holds what
// is purge-specific: the fan-out, the checks, and marking the mailbox purged once nothing is left. Not a worker of
// its own (jobs/workers/ holds one file per queue): both the maintenance and the expiry worker use it.
import { UnrecoverableError } from 'bullmq';
import type { WorkerContext } from './context.ts';
import type { Queues } from '../server/core/queues/registry.ts';
import type { Db } from '../server/core/lib/prisma.ts';
import { createAuditLog } from '../server/core/repositories/audit-log.ts';
import { activeHoldWhere } from '../server/core/repositories/legal-holds.ts';
import { expiryJobId } from '../server/core/services/expiry-runs.ts';
import { publishMailboxChanged } from '../server/core/pubsub/notify-change.ts';
import { purgeDue } from '../server/core/domain/mailbox-lifecycle.ts';

// Purges per maintenance run: each holds an expiry worker slot for one IMAP session; the next run (every 15 minutes)
// takes the rest.
const PURGE_BATCH = 100;

/**
 * Due mailboxes (deleted, grace period over, not purged), without a purge already pending or running and not under an
 * active legal hold (a held one stays deleted and waits: it is picked up once the hold ends). One run per mailbox.
 */
export async function enqueueDuePurges(ctx: WorkerContext, queues: Pick<Queues, 'expiry'>, now = new Date()) {
  const { prisma } = ctx;
  const due = await prisma.mailbox.findMany({
    where: {
      status: 'deleted', purgedAt: null, purgeAfter: { lte: now },
      legalHolds: { none: activeHoldWhere(now) },
      expiryMailboxRuns: { none: { status: { in: ['pending', 'running'] }, run: { trigger: 'purge' } } },
    },
    select: { id: true }, orderBy: { purgeAfter: 'asc' }, take: PURGE_BATCH,
  });
  const held = await prisma.mailbox.count({ where: { status: 'deleted', purgedAt: null, purgeAfter: { lte: now }, legalHolds: { some: activeHoldWhere(now) } } });
  for (const { id } of due) {
    const run = await prisma.expiryRun.create({ data: { scope: `purge:${id}`, dryRun: false, trigger: 'purge', createdBy: null, mailboxesTotal: 1 } });
    await prisma.expiryMailboxRun.create({ data: { runId: run.id, mailboxId: id, dryRun: false } });
    await queues.expiry.add('expiry', { mailboxId: id, runId: run.id, dryRun: false, purge: true }, { jobId: expiryJobId(run.id, id) });
  }
  return { purges: due.length, waitingForHold: held };
}

/** Checked before every removal: a mailbox restored or already purged meanwhile stops the purge (no retry). */
export async function purgeStillDue(prisma: Db, mailboxId: number) {
  const m = await prisma.mailbox.findUnique({ where: { id: mailboxId }, select: { status: true, purgeAfter: true, purgedAt: true } });
  if (!m || !purgeDue(m, new Date())) throw new UnrecoverableError('the mailbox is no longer due for a purge (restored or already purged); removal stopped');
}

export async function purgeRefused(ctx: WorkerContext, mailboxId: number, runId: number, hold: { id: number; setBy: string; reason: string }) {
  await createAuditLog(ctx.prisma).record(null, {
    action: 'mailbox.purge_refused', entityType: 'mailbox', entityId: mailboxId,
    after: { runId, holdId: hold.id, reason: `legal hold #${hold.id} (set by ${hold.setBy}: ${hold.reason}) is active` },
  });
}

/** After a purge attempt: audited either way; the mailbox is marked purged only when it finished with nothing left. */
export async function finishPurge(ctx: WorkerContext, mailboxId: number, summary: { status: string; deleted: number; error: string | null } & Record<string, unknown>) {
  const done = summary.status === 'done';
  await ctx.prisma.$transaction(async (tx) => {
    if (done) await tx.mailbox.updateMany({ where: { id: mailboxId, status: 'deleted', purgedAt: null }, data: { purgedAt: new Date() } });
    await createAuditLog(tx as Db).record(null, { action: done ? 'mailbox.purged' : 'mailbox.purge_failed', entityType: 'mailbox', entityId: mailboxId, after: summary }, tx);
  });
  // A purged mailbox leaves Dovecot's userdb view; the policy service keeps answering it as deleted.
  if (done) await publishMailboxChanged(ctx.connection, ctx.config.QUEUE_PREFIX, [mailboxId]).catch(() => undefined);
}
