// Legal holds: while a hold on a mailbox is active (started, not lifted, not past its end date) no expiry of
// any kind removes mail from it, and its run rows say skipped_hold; a run already under way when the hold is
// placed stops before its next STORE or EXPUNGE (stopped_hold). Holds end by themselves at endsAt (activity is
// computed from the dates, so nothing has to flip a flag on time). Set and lifted by ops/admins, with audit;
// a lifted hold stays on record (DELETE lifts, it does not erase).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorSchema, IdParams, ListQuerystring, authErrors } from '../../schemas/common.ts';
import { LegalHoldCreateSchema, LegalHoldSchema } from '../../schemas/retention.ts';
import { ANY_STAFF, OPS } from '../../core/domain/roles.ts';
import { filterValue, parseListQuery } from '../../core/repositories/list-query.ts';
import { ConflictError, InvalidInputError, NotFoundError } from '../../core/domain/errors.ts';
import { activeHoldWhere, isHoldActive } from '../../core/services/retention.ts';
import { sendList } from '../../http/list-reply.ts';
import type { Db, Prisma } from '../../core/lib/prisma.ts';
import type { FastifyRequest } from 'fastify';

const MAX_YEARS = 100;

const listSpec = {
  sortable: ['id', 'startsAt', 'endsAt', 'createdAt', 'liftedAt'],
  defaultSort: ['id', 'desc'] as [string, 'desc'],
  parseFilter: (raw: Record<string, unknown>) => ({
    mailboxId: filterValue.id(raw, 'mailboxId'),
    active: filterValue.boolean(raw, 'active'),
    ids: filterValue.ids(raw),
  }),
};

type HoldRow = Awaited<ReturnType<Db['legalHold']['findFirstOrThrow']>>;
const toApi = (h: HoldRow, now = new Date()) => ({ ...h, active: isHoldActive(h, now) });

const legalHoldRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['legal-holds'];

  app.get('/', {
    config: { access: { roles: ANY_STAFF } },
    schema: { tags, summary: 'List legal holds (filter mailboxId, active)', querystring: ListQuerystring, response: { 200: Type.Array(LegalHoldSchema), ...authErrors } },
  }, async (request, reply) => {
    const query = parseListQuery(request.query, listSpec);
    const now = new Date();
    const { mailboxId, active, ids } = query.filter;
    const and: Prisma.LegalHoldWhereInput[] = [];
    if (mailboxId) and.push({ mailboxId });
    if (ids) and.push({ id: { in: ids } });
    if (active === true) and.push(activeHoldWhere(now));
    if (active === false) and.push({ NOT: activeHoldWhere(now) });
    const where = { AND: and };
    const [rows, total] = await Promise.all([
      app.prisma.legalHold.findMany({ where, orderBy: [{ [query.sortField]: query.sortOrder }, { id: 'desc' }], skip: query.skip, take: query.take }),
      app.prisma.legalHold.count({ where }),
    ]);
    return sendList(reply, 'legal-holds', query.skip, rows.map((h) => toApi(h, now)), total);
  });

  app.get('/:id', {
    config: { access: { roles: ANY_STAFF } },
    schema: { tags, params: IdParams, response: { 200: LegalHoldSchema, 404: ErrorSchema, ...authErrors } },
  }, async (request) => {
    const hold = await app.prisma.legalHold.findUnique({ where: { id: request.params.id } });
    if (!hold) throw new NotFoundError('Legal hold', request.params.id);
    return toApi(hold);
  });

  app.post('/', {
    config: { access: { roles: OPS } },
    schema: { tags, summary: 'Put a mailbox on legal hold (optionally until a date)', body: LegalHoldCreateSchema, response: { 201: LegalHoldSchema, ...authErrors } },
  }, async (request, reply) => {
    const { mailboxId, reason } = request.body;
    const now = new Date();
    const startsAt = request.body.startsAt ? new Date(request.body.startsAt) : now;
    const endsAt = request.body.endsAt ? new Date(request.body.endsAt) : null;
    if (endsAt && endsAt.getTime() <= Math.max(now.getTime(), startsAt.getTime())) throw new InvalidInputError('body.endsAt', 'must be in the future and after startsAt');
    if ((endsAt ?? startsAt).getTime() > now.getTime() + MAX_YEARS * 365.25 * 86_400_000) throw new InvalidInputError(endsAt ? 'body.endsAt' : 'body.startsAt', `must be within ${MAX_YEARS} years`);
    const hold = await app.prisma.$transaction(async (tx) => {
      if (!(await tx.mailbox.findUnique({ where: { id: mailboxId }, select: { id: true } }))) throw new InvalidInputError('body.mailboxId', `refers to no mailbox (${mailboxId})`);
      const row = toApi(await tx.legalHold.create({ data: { mailboxId, reason, startsAt, endsAt, setBy: request.staff!.email } }));
      await app.audit.record(request, { action: 'mailbox.legal_hold_set', entityType: 'mailbox', entityId: mailboxId, after: row }, tx);
      return row;
    });
    return reply.code(201).send(hold);
  });

  async function lift(request: FastifyRequest<{ Params: { id: number } }>) {
    const { id } = request.params;
    return app.prisma.$transaction(async (tx) => {
      const before = await tx.legalHold.findUnique({ where: { id } });
      if (!before) throw new NotFoundError('Legal hold', id);
      if (before.liftedAt) throw new ConflictError(`This hold was already lifted by ${before.liftedBy} on ${before.liftedAt.toISOString()}`);
      if (before.endsAt && before.endsAt.getTime() <= Date.now()) throw new ConflictError(`This hold already ended on ${before.endsAt.toISOString()}`);
      const after = toApi(await tx.legalHold.update({ where: { id }, data: { liftedAt: new Date(), liftedBy: request.staff!.email } }));
      await app.audit.record(request, { action: 'mailbox.legal_hold_lifted', entityType: 'mailbox', entityId: before.mailboxId, before: toApi(before), after }, tx);
      return after;
    });
  }

  const liftSchema = { tags, summary: 'Lift a legal hold now (it stays on record)', params: IdParams, response: { 200: LegalHoldSchema, 404: ErrorSchema, 409: ErrorSchema, ...authErrors } };
  app.post('/:id/lift', { config: { access: { roles: OPS } }, schema: liftSchema }, lift);
  app.delete('/:id', { config: { access: { roles: OPS } }, schema: { ...liftSchema, summary: 'Lift a legal hold now (same as POST /:id/lift; the record is kept)' } }, lift);
};

export default legalHoldRoutes;
