// Expiry of one mailbox for the API: the dry-run preview (read by a worker while the request waits, audited because
// it reads a user's mail) and "expire now" (a single-mailbox run whose rows and audit event commit together; the
// job is queued after the commit, so the worker finds the rows).
import type { Db } from '../core/lib/prisma.ts';
import type { Queues } from '../core/queues/registry.ts';
import type { AuditLog } from '../core/repositories/audit-log.ts';
import { createMailboxRepository } from '../core/repositories/mailboxes.ts';
import { InvalidInputError, NotFoundError } from '../core/domain/errors.ts';
import { activeHolds, loadMailboxPolicy } from '../core/services/retention.ts';
import { createMailboxRun, expiryJobId, refuseWhilePaused } from '../core/services/expiry-runs.ts';
import type { MailboxReads } from './mailbox-reads.ts';
import type { StaffActor } from './actor.ts';

export interface ExpireNowInput { dryRun?: boolean; withoutNotice?: boolean; reason?: string }

export function createMailboxExpiryService(db: Db, audit: AuditLog, queues: Pick<Queues, 'expiry'>, reads: MailboxReads) {
  const mailboxes = createMailboxRepository(db);

  /** The mailbox row as stored; a missing mailbox is a 404. */
  async function mailbox(id: number) {
    const row = await mailboxes.findStored(id);
    if (!row) throw new NotFoundError('Mailbox', id);
    return row;
  }

  return {
    mailbox,

    /** What expiry would remove now, per folder; `withMetadata` for staff allowed to see subjects and senders. */
    async preview(actor: StaffActor, id: number, withMetadata: boolean) {
      const row = await mailbox(id);
      const now = new Date();
      const [policy, holds] = await Promise.all([loadMailboxPolicy(db, row), activeHolds(db, row.id, now)]);
      const folders = policy.rules.length
        ? (await reads.read({ kind: 'expiry-preview', mailboxId: row.id, at: now.toISOString(), withMetadata }, row.imapLogin)).folders
        : [];
      // A preview reads a user's mail (with the permission, subjects and senders too): keep a record of who looked.
      await audit.record(actor, { action: 'mailbox.expiry_preview', entityType: 'mailbox', entityId: row.id, after: { policy: policy.policy?.name ?? null, count: folders.reduce((n, f) => n + f.count, 0) } });
      const hold = holds[0];
      return {
        mailboxId: row.id,
        at: now,
        policy: policy.policy,
        explanation: policy.explanation,
        heldBy: hold ? { id: hold.id, reason: hold.reason, setBy: hold.setBy } : null,
        folders,
        totals: { count: folders.reduce((n, f) => n + f.count, 0), bytes: folders.reduce((n, f) => n + f.bytes, 0), awaitingNotice: folders.reduce((n, f) => n + f.awaitingNotice, 0) },
      };
    },

    /** Starts a single-mailbox run; without notice only with a reason (kept in the audit log). */
    async expireNow(actor: StaffActor, id: number, input: ExpireNowInput) {
      const withoutNotice = input.withoutNotice ?? false;
      const reason = input.reason?.trim() ?? '';
      if (withoutNotice && reason.length < 3) throw new InvalidInputError('body.reason', 'is required to expire without notice (what and why, kept in the audit log)');
      const row = await mailbox(id);
      await refuseWhilePaused(queues);
      const dryRun = input.dryRun ?? false;
      const { run, mailboxRun } = await db.$transaction(async (tx) => {
        const created = await createMailboxRun(tx, { mailboxId: row.id, dryRun, trigger: 'manual', createdBy: actor.staff.email });
        await audit.record(actor, { action: 'mailbox.expire', entityType: 'mailbox', entityId: row.id, after: { runId: created.run.id, dryRun, ...(withoutNotice ? { withoutNotice, reason } : {}) } }, tx);
        return created;
      });
      const job = await queues.expiry.add('expiry', { mailboxId: row.id, runId: run.id, dryRun, ...(withoutNotice ? { withoutNotice } : {}) }, { jobId: expiryJobId(run.id, row.id) });
      return { runId: run.id, mailboxRunId: mailboxRun.id, jobId: String(job.id), queue: 'expiry' as const };
    },
  };
}
