// Retention of one mailbox: the effective policy explained per folder, assigning a policy override, a dry-run
// preview (read by a worker while the request waits: the API never opens IMAP), and "expire now" (a
// single-mailbox run, 202).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorSchema, IdParams, authErrors } from '../../schemas/common.ts';
import { MailboxRetentionSchema, PolicyAssignSchema } from '../../schemas/retention.ts';
import { ExpireMailboxBodySchema, PreviewSchema, RunEnqueuedSchema, bodyDefaultsToEmpty } from '../../schemas/expiry.ts';
import { ANY_STAFF, OPS } from '../../core/domain/roles.ts';
import { describeMailboxRetention } from '../../services/mailbox-retention.ts';
import { createMailboxExpiryService } from '../../services/mailbox-expiry.ts';
import { createRetentionAssignment } from '../../services/retention-assignment.ts';
import { actorOf } from '../../http/actor.ts';

const mailboxRetentionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['retention'];
  const assignment = createRetentionAssignment(app.prisma, app.audit);
  const expiry = createMailboxExpiryService(app.prisma, app.audit, app.queues, app.mailboxReads);

  app.get('/:id/retention', {
    config: { access: { roles: ANY_STAFF } },
    schema: {
      tags, summary: 'The effective retention policy of a mailbox, explained, and the rule that applies to each folder',
      description: 'Folders come from the last probe (or usage scan); with live=true, or when none is stored, they are listed over IMAP.',
      params: IdParams, querystring: Type.Object({ live: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 200: MailboxRetentionSchema, 404: ErrorSchema, 409: ErrorSchema, 429: ErrorSchema, 503: ErrorSchema, ...authErrors },
    },
  }, async (request) => {
    const mailbox = await expiry.mailbox(request.params.id);
    return describeMailboxRetention(app.prisma, app.config, app.mailboxReads, mailbox, { live: request.query.live ?? false });
  });

  app.put('/:id/retention-policy', {
    config: { access: { roles: OPS } },
    schema: { tags, summary: 'Assign a retention policy to this mailbox (overrides its plan), or null to follow the plan again', params: IdParams, body: PolicyAssignSchema, response: { 200: MailboxRetentionSchema, 404: ErrorSchema, ...authErrors } },
  }, async (request) => {
    const { id } = request.params;
    await assignment.assignToMailbox(actorOf(request), id, request.body.policyId);
    return describeMailboxRetention(app.prisma, app.config, app.mailboxReads, await expiry.mailbox(id), { live: false });
  });

  app.post('/:id/expiry-preview', {
    config: { access: { roles: ANY_STAFF } },
    schema: {
      tags, summary: 'Dry-run preview, now, over IMAP: what expiry would remove per folder (count, bytes, oldest/newest, up to 20 samples)',
      description: 'Read-only (folders are opened with EXAMINE) and read by a worker while the request waits (409 when the IMAP server refuses the mailbox login, 429 when too many wait, 503 when no worker answers in time). Under an active legal hold a real run removes nothing: heldBy says so, and the folders show what the policy alone would select.',
      params: IdParams, response: { 200: PreviewSchema, 404: ErrorSchema, 409: ErrorSchema, 429: ErrorSchema, 503: ErrorSchema, ...authErrors },
    },
  }, async (request) => expiry.preview(actorOf(request), request.params.id, request.staff!.canViewMessageMetadata));

  app.post('/:id/expire', {
    config: { access: { roles: OPS } },
    preValidation: bodyDefaultsToEmpty,
    schema: {
      tags, summary: 'Expire this mailbox now (or dry-run it): a single-mailbox expiry run',
      description: 'Follow the run at GET /api/expiry-runs/{runId}; the mailbox row at GET /api/expiry-mailbox-runs/{mailboxRunId}.',
      params: IdParams, body: ExpireMailboxBodySchema, response: { 202: RunEnqueuedSchema, 404: ErrorSchema, 409: ErrorSchema, ...authErrors },
    },
  }, async (request, reply) => reply.code(202).send(await expiry.expireNow(actorOf(request), request.params.id, request.body ?? {})));
};

export default mailboxRetentionRoutes;
