// Retention of one mailbox: the effective policy explained per folder, assigning a policy override, a dry-run
// preview (read by a worker while the request waits: the API never opens IMAP), and "expire now" (a
// single-mailbox run, 202).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorSchema, IdParams, authErrors } from '../../schemas/common.ts';
import { MailboxRetentionSchema, PolicyAssignSchema } from '../../schemas/retention.ts';
import { ExpireMailboxBodySchema, PreviewSchema, RunEnqueuedSchema, bodyDefaultsToEmpty } from '../../schemas/expiry.ts';
import { ANY_STAFF, OPS } from '../../core/domain/roles.ts';
import { InvalidInputError, NotFoundError } from '../../core/domain/errors.ts';
import { describeMailboxRetention } from '../../services/mailbox-retention.ts';
import { activeHolds, loadMailboxPolicy } from '../../core/services/retention.ts';
import { createMailboxRun, expiryJobId, refuseWhilePaused } from '../../core/services/expiry-runs.ts';
import { createRetentionAssignment } from '../../services/retention-assignment.ts';
import { actorOf } from '../../http/actor.ts';

const mailboxRetentionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['retention'];
  const assignment = createRetentionAssignment(app.prisma, app.audit);

  async function mailboxOr404(id: number) {
    const mailbox = await app.prisma.mailbox.findUnique({ where: { id } });
    if (!mailbox) throw new NotFoundError('Mailbox', id);
    return mailbox;
  }

  app.get('/:id/retention', {
    config: { access: { roles: ANY_STAFF } },
    schema: {
      tags, summary: 'The effective retention policy of a mailbox, explained, and the rule that applies to each folder',
      description: 'Folders come from the last probe (or usage scan); with live=true, or when none is stored, they are listed over IMAP.',
      params: IdParams, querystring: Type.Object({ live: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 200: MailboxRetentionSchema, 404: ErrorSchema, 409: ErrorSchema, 429: ErrorSchema, 503: ErrorSchema, ...authErrors },
    },
  }, async (request) => {
    const mailbox = await mailboxOr404(request.params.id);
    return describeMailboxRetention(app.prisma, app.config, app.mailboxReads, mailbox, { live: request.query.live ?? false });
  });

  app.put('/:id/retention-policy', {
    config: { access: { roles: OPS } },
    schema: { tags, summary: 'Assign a retention policy to this mailbox (overrides its plan), or null to follow the plan again', params: IdParams, body: PolicyAssignSchema, response: { 200: MailboxRetentionSchema, 404: ErrorSchema, ...authErrors } },
  }, async (request) => {
    const { id } = request.params;
    await assignment.assignToMailbox(actorOf(request), id, request.body.policyId);
    return describeMailboxRetention(app.prisma, app.config, app.mailboxReads, await mailboxOr404(id), { live: false });
  });

  app.post('/:id/expiry-preview', {
    config: { access: { roles: ANY_STAFF } },
    schema: {
      tags, summary: 'Dry-run preview, now, over IMAP: what expiry would remove per folder (count, bytes, oldest/newest, up to 20 samples)',
      description: 'Read-only (folders are opened with EXAMINE) and read by a worker while the request waits (409 when the IMAP server refuses the mailbox login, 429 when too many wait, 503 when no worker answers in time). Under an active legal hold a real run removes nothing: heldBy says so, and the folders show what the policy alone would select.',
      params: IdParams, response: { 200: PreviewSchema, 404: ErrorSchema, 409: ErrorSchema, 429: ErrorSchema, 503: ErrorSchema, ...authErrors },
    },
  }, async (request) => {
    const mailbox = await mailboxOr404(request.params.id);
    const now = new Date();
    const [policy, holds] = await Promise.all([loadMailboxPolicy(app.prisma, mailbox), activeHolds(app.prisma, mailbox.id, now)]);
    const folders = policy.rules.length
      ? (await app.mailboxReads.read({ kind: 'expiry-preview', mailboxId: mailbox.id, at: now.toISOString(), withMetadata: request.staff!.canViewMessageMetadata }, mailbox.imapLogin)).folders
      : [];
    // A preview reads a user's mail (with the permission, subjects and senders too): keep a record of who looked.
    await app.audit.record(request, { action: 'mailbox.expiry_preview', entityType: 'mailbox', entityId: mailbox.id, after: { policy: policy.policy?.name ?? null, count: folders.reduce((n, f) => n + f.count, 0) } });
    const hold = holds[0];
    return {
      mailboxId: mailbox.id,
      at: now,
      policy: policy.policy,
      explanation: policy.explanation,
      heldBy: hold ? { id: hold.id, reason: hold.reason, setBy: hold.setBy } : null,
      folders,
      totals: { count: folders.reduce((n, f) => n + f.count, 0), bytes: folders.reduce((n, f) => n + f.bytes, 0), awaitingNotice: folders.reduce((n, f) => n + f.awaitingNotice, 0) },
    };
  });

  app.post('/:id/expire', {
    config: { access: { roles: OPS } },
    preValidation: bodyDefaultsToEmpty,
    schema: {
      tags, summary: 'Expire this mailbox now (or dry-run it): a single-mailbox expiry run',
      description: 'Follow the run at GET /api/expiry-runs/{runId}; the mailbox row at GET /api/expiry-mailbox-runs/{mailboxRunId}.',
      params: IdParams, body: ExpireMailboxBodySchema, response: { 202: RunEnqueuedSchema, 404: ErrorSchema, 409: ErrorSchema, ...authErrors },
    },
  }, async (request, reply) => {
    const withoutNotice = request.body?.withoutNotice ?? false;
    const reason = request.body?.reason?.trim() ?? '';
    if (withoutNotice && reason.length < 3) throw new InvalidInputError('body.reason', 'is required to expire without notice (what and why, kept in the audit log)');
    const mailbox = await mailboxOr404(request.params.id);
    await refuseWhilePaused(app.queues);
    const dryRun = request.body?.dryRun ?? false;
    const { run, mailboxRun } = await app.prisma.$transaction(async (tx) => {
      const created = await createMailboxRun(tx, { mailboxId: mailbox.id, dryRun, trigger: 'manual', createdBy: request.staff!.email });
      await app.audit.record(request, { action: 'mailbox.expire', entityType: 'mailbox', entityId: mailbox.id, after: { runId: created.run.id, dryRun, ...(withoutNotice ? { withoutNotice, reason } : {}) } }, tx);
      return created;
    });
    // Enqueued after the commit: the worker must find the rows.
    const job = await app.queues.expiry.add('expiry', { mailboxId: mailbox.id, runId: run.id, dryRun, ...(withoutNotice ? { withoutNotice } : {}) }, { jobId: expiryJobId(run.id, mailbox.id) });
    return reply.code(202).send({ runId: run.id, mailboxRunId: mailboxRun.id, jobId: String(job.id), queue: 'expiry' });
  });
};

export default mailboxRetentionRoutes;
