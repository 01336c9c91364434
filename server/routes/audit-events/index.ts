// The audit log, read-only for every staff role: who changed what, when, before and after. Events about staff
// accounts (staff.*: logins, roles, MFA, sessions) are shown to admins only, as the staff list is.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorSchema, IdParams, ListQuerystring, authErrors } from '../../schemas/common.ts';
import { AuditEventSchema } from '../../schemas/audit.ts';
import { ADMIN, ANY_STAFF, type Role } from '../../core/domain/roles.ts';
import { filterValue, parseListQuery } from '../../core/repositories/list-query.ts';
import { InvalidInputError, NotFoundError } from '../../core/domain/errors.ts';
import { createAuditEventRepository, type AuditFilter } from '../../core/repositories/audit-events.ts';
import { sendList } from '../../http/list-reply.ts';
import { withEntityNames } from '../../services/entity-names.ts';

const listSpec = {
  sortable: ['id', 'at', 'action', 'entityType', 'entityId', 'actorEmail'],
  defaultSort: ['at', 'desc'] as [string, 'desc'],
  parseFilter: (raw: Record<string, unknown>): AuditFilter => {
    const filter = {
      q: filterValue.string(raw, 'q'),
      actorType: filterValue.oneOf(raw, 'actorType', ['staff', 'system'] as const),
      actorEmail: filterValue.string(raw, 'actorEmail', 254),
      entityType: filterValue.string(raw, 'entityType', 50),
      // Ids are stored as text; a numeric id (react-admin's ReferenceManyField sends the record's id) means the same.
      entityId: Number.isSafeInteger(raw.entityId) ? String(raw.entityId) : filterValue.string(raw, 'entityId', 100),
      action: filterValue.string(raw, 'action', 100),
      from: filterValue.date(raw, 'from'),
      to: filterValue.date(raw, 'to'),
    };
    if (filter.action?.slice(0, -1).includes('*')) {
      throw new InvalidInputError('filter.action', 'may contain * only at the end (a prefix such as "mailbox.*")');
    }
    if (filter.from && filter.to && filter.to < filter.from) throw new InvalidInputError('filter.to', 'must not be before filter.from');
    return filter;
  },
};

const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const audit = createAuditEventRepository(app.prisma);
  const access = { roles: ANY_STAFF };
  const tags = ['audit'];
  const visibility = (role: Role) => ({ staffEvents: ADMIN.includes(role) });

  app.get('/', {
    config: { access },
    schema: {
      tags, summary: 'List audit events (newest first)',
      description: 'filter (JSON): actorType (staff|system), actorEmail, entityType, entityId, action (exact, or a prefix ending in *), from and to (ISO dates, inclusive), q (action, actor or entity id).',
      querystring: ListQuerystring, response: { 200: Type.Array(AuditEventSchema), ...authErrors },
    },
  }, async (request, reply) => {
    const query = parseListQuery(request.query, listSpec);
    const { rows, total } = await audit.list(query, visibility(request.staff!.role));
    return sendList(reply, 'audit-events', query.skip, await withEntityNames(app.prisma, rows), total);
  });

  app.get('/:id', {
    config: { access },
    schema: { tags, params: IdParams, response: { 200: AuditEventSchema, 404: ErrorSchema, ...authErrors } },
  }, async (request) => {
    const event = await audit.findById(request.params.id, visibility(request.staff!.role));
    if (!event) throw new NotFoundError('Audit event', request.params.id);
    return (await withEntityNames(app.prisma, [event]))[0];
  });
};

export default auditRoutes;
