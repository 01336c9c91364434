// Mailboxes: find (filters for usage, plan, staleness), inspect (with the limit explained), create, update.
// A change to plan or override recomputes the effective limit in the same transaction and then
// evaluates warnings, so a lowered quota warns at once.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorSchema, IdParams, ListQuerystring, authErrors } from '../../schemas/common.ts';
import { MailboxCreateSchema, MailboxDetailSchema, MailboxSchema, MailboxUpdateSchema, StatusChangeSchema } from '../../schemas/mailbox.ts';
import { changeMailboxStatus } from '../../services/mailbox-lifecycle.ts';
import { ANY_STAFF } from '../../core/domain/roles.ts';
import { MAILBOX_STATUSES } from '../../core/domain/mailbox-lifecycle.ts';
import { filterValue, parseListQuery } from '../../core/repositories/list-query.ts';
import { ConflictError, InvalidInputError, NotFoundError } from '../../core/domain/errors.ts';
import { createMailboxRepository, type MailboxFilter } from '../../core/repositories/mailboxes.ts';
import { listMailboxPage, loadMailboxDetail } from '../../core/repositories/mailbox-pages.ts';
import { recomputeEffectiveLimit } from '../../core/services/mailbox-limits.ts';
import { afterLimitChange } from '../../services/limit-changes.ts';
import { sendList } from '../../http/list-reply.ts';
import type { DbOrTx } from '../../core/lib/prisma.ts';

const listSpec = {
  sortable: ['id', 'address', 'displayName', 'status', 'usagePercent', 'usedBytes', 'effectiveLimitBytes', 'scannedAt', 'createdAt'],
  defaultSort: ['address', 'asc'] as [string, 'asc'],
  parseFilter: (raw: Record<string, unknown>): MailboxFilter => ({
    q: filterValue.string(raw, 'q'),
    status: filterValue.oneOf(raw, 'status', MAILBOX_STATUSES),
    planId: filterValue.id(raw, 'planId'),
    overQuota: filterValue.boolean(raw, 'overQuota'),
    minPercent: filterValue.number(raw, 'minPercent', 0, 100_000),
    maxPercent: filterValue.number(raw, 'maxPercent', 0, 100_000),
    staleHours: filterValue.number(raw, 'staleHours', 0, 24 * 3650),
    ids: filterValue.ids(raw),
  }),
};

async function checkPlan(db: DbOrTx, planId: number | null | undefined) {
  if (planId && !(await db.quotaPlan.findUnique({ where: { id: planId }, select: { id: true } }))) {
    throw new InvalidInputError('body.planId', `refers to no plan (${planId})`);
  }
}

/**
 * A readable 409 naming the field and who has it (the console shows it as is). The unique indexes still decide
 * under concurrency: two registrations racing past this check get the error handler's generic 409.
 */
async function checkUnique(db: DbOrTx, address: string, login: string) {
  const [byAddress] = await db.$queryRaw<{ address: string }[]>`SELECT address FROM mailboxes WHERE address = ${address.trim().toLowerCase()}`;
  if (byAddress) throw new ConflictError(`body.address ${byAddress.address} already has a mailbox`, 'body.address');
  const [byLogin] = await db.$queryRaw<{ address: string }[]>`SELECT address FROM mailboxes WHERE lower(imap_login) = lower(${login.trim()})`;
  if (byLogin) throw new ConflictError(`body.imapLogin ${login.trim()} is already taken by ${byLogin.address}`, 'body.imapLogin');
}

const mailboxRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['mailboxes'];

  app.get('/', {
    config: { access: { roles: ANY_STAFF } },
    schema: { tags, summary: 'Find mailboxes', querystring: ListQuerystring, response: { 200: Type.Array(MailboxSchema), ...authErrors } },
  }, async (request, reply) => {
    const query = parseListQuery(request.query, listSpec);
    const { rows, total } = await listMailboxPage(app.prisma, query);
    return sendList(reply, 'mailboxes', query.skip, rows, total);
  });

  app.get('/:id', {
    config: { access: { roles: ANY_STAFF } },
    schema: { tags, summary: 'One mailbox, with its effective limit explained', params: IdParams, response: { 200: MailboxDetailSchema, 404: ErrorSchema, ...authErrors } },
  }, async (request) => {
    const mailbox = await loadMailboxDetail(app.prisma, request.params.id);
    if (!mailbox) throw new NotFoundError('Mailbox', request.params.id);
    return mailbox;
  });

  // Help desk registers mailboxes too (#18): creating one is everyday account work, like changing its status.
  app.post('/', {
    config: { access: { roles: ANY_STAFF } },
    schema: { tags, summary: 'Register a mailbox', body: MailboxCreateSchema, response: { 201: MailboxSchema, 409: ErrorSchema, ...authErrors } },
  }, async (request, reply) => {
    const created = await app.prisma.$transaction(async (tx) => {
      await checkPlan(tx, request.body.planId);
      await checkUnique(tx, request.body.address, request.body.imapLogin ?? request.body.address);
      const mailbox = await createMailboxRepository(tx).create(request.body);
      await recomputeEffectiveLimit(tx, mailbox.id);
      const after = await createMailboxRepository(tx).findById(mailbox.id);
      await app.audit.record(request, { action: 'mailbox.create', entityType: 'mailbox', entityId: mailbox.id, after }, tx);
      return after!;
    });
    await afterLimitChange(app, [created.id]); // the policy service learns the new recipient at once
    return reply.code(201).send(created);
  });

  app.put('/:id', {
    config: { access: { roles: ANY_STAFF } },
    schema: { tags, summary: 'Change plan, override, alternate address or name', params: IdParams, body: MailboxUpdateSchema, response: { 200: MailboxSchema, 404: ErrorSchema, ...authErrors } },
  }, async (request) => {
    const { id } = request.params;
    const { displayName, planId, limitOverrideBytes, alternateEmail, status, reason } = request.body;
    const { after, limitChanged } = await app.prisma.$transaction(async (tx) => {
      const repo = createMailboxRepository(tx);
      const before = await repo.findById(id);
      if (!before) throw new NotFoundError('Mailbox', id);
      // react-admin sends the whole record back: an unchanged status is fine, a changed one needs its own route.
      if (status !== undefined && status !== before.status) throw new InvalidInputError('body.status', `is changed with POST /api/mailboxes/${id}/status (with a reason), not here`);
      await checkPlan(tx, planId);
      await repo.update(id, { displayName, planId, limitOverrideBytes, alternateEmail });
      const { before: oldLimit, after: newLimit } = await recomputeEffectiveLimit(tx, id);
      const after = (await repo.findById(id))!;
      await app.audit.record(request, { action: 'mailbox.update', entityType: 'mailbox', entityId: id, before, after: { ...after, ...(reason ? { reason } : {}) } }, tx);
      return { after, limitChanged: oldLimit !== newLimit || before.status !== after.status };
    });
    if (limitChanged) await afterLimitChange(app, [id]);
    return after;
  });

  app.post('/:id/status', {
    config: { access: { roles: ANY_STAFF } },
    schema: {
      tags,
      summary: 'Suspend, disable, delete (purged after the grace period) or restore a mailbox, with a reason (docs/mailbox-lifecycle.md)',
      params: IdParams, body: StatusChangeSchema, response: { 200: MailboxSchema, 404: ErrorSchema, 409: ErrorSchema, ...authErrors },
    },
  }, async (request) => changeMailboxStatus(app, request, request.params.id, request.body.status, request.body.reason));
};

export default mailboxRoutes;
