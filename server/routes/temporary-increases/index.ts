// Temporary quota increases: extra bytes until a date, with a reason. The effective limit (and so
// Dovecot's) changes in the same transaction; the maintenance job ends expired ones and tells the user.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DateTime, ErrorSchema, IdParams, ListQuerystring, Nullable, authErrors } from '../../schemas/common.ts';
import { LimitBytes } from '../../schemas/plan.ts';
import { ANY_STAFF } from '../../core/domain/roles.ts';
import { filterValue, parseListQuery } from '../../core/repositories/list-query.ts';
import { ConflictError, InvalidInputError, NotFoundError } from '../../core/domain/errors.ts';
import { recomputeEffectiveLimit } from '../../core/services/mailbox-limits.ts';
import { afterLimitChange } from '../../services/limit-changes.ts';
import { sendList } from '../../http/list-reply.ts';
import type { Db } from '../../core/lib/prisma.ts';

const MAX_DAYS = 366;

const IncreaseSchema = Type.Object({
  id: Type.Integer(),
  mailboxId: Type.Integer(),
  extraBytes: Type.Number(),
  reason: Type.String(),
  expiresAt: DateTime,
  createdBy: Type.String(),
  createdAt: DateTime,
  endedAt: Nullable(DateTime),
});

const IncreaseCreateSchema = Type.Object(
  {
    mailboxId: Type.Integer({ minimum: 1 }),
    extraBytes: LimitBytes,
    expiresAt: Type.String({ format: 'date-time' }),
    reason: Type.String({ minLength: 3, maxLength: 500 }),
  },
  { additionalProperties: false },
);

const listSpec = {
  sortable: ['id', 'expiresAt', 'createdAt'],
  defaultSort: ['expiresAt', 'desc'] as [string, 'desc'],
  parseFilter: (raw: Record<string, unknown>) => ({
    mailboxId: filterValue.id(raw, 'mailboxId'),
    active: filterValue.boolean(raw, 'active'),
  }),
};

type IncreaseRow = NonNullable<Awaited<ReturnType<Db['temporaryIncrease']['findUnique']>>>;
const toApi = (i: IncreaseRow) => ({ ...i, extraBytes: Number(i.extraBytes) });

const increaseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['temporary-increases'];
  const access = { roles: ANY_STAFF };

  app.get('/', {
    config: { access },
    schema: { tags, summary: 'List temporary increases', querystring: ListQuerystring, response: { 200: Type.Array(IncreaseSchema), ...authErrors } },
  }, async (request, reply) => {
    const query = parseListQuery(request.query, listSpec);
    const now = new Date();
    const { mailboxId, active } = query.filter;
    const where = {
      ...(mailboxId ? { mailboxId } : {}),
      ...(active === true ? { endedAt: null, expiresAt: { gt: now } } : {}),
      ...(active === false ? { OR: [{ endedAt: { not: null } }, { expiresAt: { lte: now } }] } : {}),
    };
    const [rows, total] = await Promise.all([
      app.prisma.temporaryIncrease.findMany({ where, orderBy: [{ [query.sortField]: query.sortOrder }, { id: 'desc' }], skip: query.skip, take: query.take }),
      app.prisma.temporaryIncrease.count({ where }),
    ]);
    return sendList(reply, 'temporary-increases', query.skip, rows.map(toApi), total);
  });

  app.post('/', {
    config: { access },
    schema: { tags, summary: 'Grant extra quota until a date', body: IncreaseCreateSchema, response: { 201: IncreaseSchema, ...authErrors } },
  }, async (request, reply) => {
    const { mailboxId, extraBytes, reason } = request.body;
    const expiresAt = new Date(request.body.expiresAt);
    const now = Date.now();
    if (expiresAt.getTime() <= now) throw new InvalidInputError('body.expiresAt', 'must be in the future');
    if (expiresAt.getTime() > now + MAX_DAYS * 86_400_000) throw new InvalidInputError('body.expiresAt', `must be within ${MAX_DAYS} days`);
    const created = await app.prisma.$transaction(async (tx) => {
      if (!(await tx.mailbox.findUnique({ where: { id: mailboxId }, select: { id: true } }))) throw new InvalidInputError('body.mailboxId', `refers to no mailbox (${mailboxId})`);
      const row = toApi(await tx.temporaryIncrease.create({ data: { mailboxId, extraBytes: BigInt(extraBytes), reason, expiresAt, createdBy: request.staff!.email } }));
      const limit = await recomputeEffectiveLimit(tx, mailboxId);
      await app.audit.record(request, { action: 'mailbox.increase_granted', entityType: 'mailbox', entityId: mailboxId, before: { effectiveLimitBytes: limit.before }, after: { ...row, effectiveLimitBytes: limit.after } }, tx);
      return row;
    });
    await afterLimitChange(app, [mailboxId]);
    return reply.code(201).send(created);
  });

  app.delete('/:id', {
    config: { access },
    schema: { tags, summary: 'End an increase now (the limit reverts at once)', params: IdParams, response: { 200: IncreaseSchema, 404: ErrorSchema, 409: ErrorSchema, ...authErrors } },
  }, async (request) => {
    const { id } = request.params;
    const { row, mailboxId } = await app.prisma.$transaction(async (tx) => {
      const existing = await tx.temporaryIncrease.findUnique({ where: { id } });
      if (!existing) throw new NotFoundError('Temporary increase', id);
      if (existing.endedAt) throw new ConflictError('This increase has already ended');
      const row = toApi(await tx.temporaryIncrease.update({ where: { id }, data: { endedAt: new Date() } }));
      const limit = await recomputeEffectiveLimit(tx, existing.mailboxId);
      await app.audit.record(request, { action: 'mailbox.increase_ended', entityType: 'mailbox', entityId: existing.mailboxId, before: { ...toApi(existing), effectiveLimitBytes: limit.before }, after: { ...row, effectiveLimitBytes: limit.after } }, tx);
      return { row, mailboxId: existing.mailboxId };
    });
    await afterLimitChange(app, [mailboxId]);
    return row;
  });
};

export default increaseRoutes;
