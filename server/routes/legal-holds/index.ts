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
import type { LegalHoldFilter } from '../../core/repositories/legal-holds.ts';
import { createLegalHoldService } from '../../services/legal-holds.ts';
import { sendList } from '../../http/list-reply.ts';
import { actorOf } from '../../http/actor.ts';
import type { FastifyRequest } from 'fastify';

const listSpec = {
  sortable: ['id', 'startsAt', 'endsAt', 'createdAt', 'liftedAt'],
  defaultSort: ['id', 'desc'] as [string, 'desc'],
  parseFilter: (raw: Record<string, unknown>): LegalHoldFilter => ({
    mailboxId: filterValue.id(raw, 'mailboxId'),
    active: filterValue.boolean(raw, 'active'),
    ids: filterValue.ids(raw),
  }),
};

const legalHoldRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const holds = createLegalHoldService(app.prisma, app.audit);
  const tags = ['legal-holds'];

  app.get('/', {
    config: { access: { roles: ANY_STAFF } },
    schema: { tags, summary: 'List legal holds (filter mailboxId, active)', querystring: ListQuerystring, response: { 200: Type.Array(LegalHoldSchema), ...authErrors } },
  }, async (request, reply) => {
    const query = parseListQuery(request.query, listSpec);
    const { rows, total } = await holds.list(query);
    return sendList(reply, 'legal-holds', query.skip, rows, total);
  });

  app.get('/:id', {
    config: { access: { roles: ANY_STAFF } },
    schema: { tags, params: IdParams, response: { 200: LegalHoldSchema, 404: ErrorSchema, ...authErrors } },
  }, async (request) => holds.get(request.params.id));

  app.post('/', {
    config: { access: { roles: OPS } },
    schema: { tags, summary: 'Put a mailbox on legal hold (optionally until a date)', body: LegalHoldCreateSchema, response: { 201: LegalHoldSchema, ...authErrors } },
  }, async (request, reply) => reply.code(201).send(await holds.place(actorOf(request), request.body)));

  const lift = (request: FastifyRequest<{ Params: { id: number } }>) => holds.lift(actorOf(request), request.params.id);
  const liftSchema = { tags, summary: 'Lift a legal hold now (it stays on record)', params: IdParams, response: { 200: LegalHoldSchema, 404: ErrorSchema, 409: ErrorSchema, ...authErrors } };
  app.post('/:id/lift', { config: { access: { roles: OPS } }, schema: liftSchema }, lift);
  app.delete('/:id', { config: { access: { roles: OPS } }, schema: { ...liftSchema, summary: 'Lift a legal hold now (same as POST /:id/lift; the record is kept)' } }, lift);
};

export default legalHoldRoutes;
