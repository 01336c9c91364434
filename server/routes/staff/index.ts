// Staff management (admin only). Each change and its audit event commit in one transaction.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorSchema, IdParams, ListQuerystring, authErrors } from '../../schemas/common.ts';
import { SessionsEndedSchema, StaffCreateSchema, StaffSchema, StaffUpdateSchema } from '../../schemas/staff.ts';
import { ADMIN, ROLES } from '../../core/domain/roles.ts';
import { filterValue, parseListQuery } from '../../core/repositories/list-query.ts';
import { ConflictError, NotFoundError } from '../../core/domain/errors.ts';
import { createStaffRepository, type StaffFilter } from '../../core/repositories/staff.ts';
import { sendList } from '../../http/list-reply.ts';
import { createSecretBox } from '../../core/lib/mfa-crypto.ts';
import { createStaffMfa } from '../../services/staff-mfa.ts';

const listSpec = {
  sortable: ['id', 'email', 'name', 'role', 'active', 'lastLoginAt', 'createdAt'],
  defaultSort: ['email', 'asc'] as [string, 'asc'],
  parseFilter: (raw: Record<string, unknown>): StaffFilter => ({
    q: filterValue.string(raw, 'q'),
    role: filterValue.oneOf(raw, 'role', ROLES),
    active: filterValue.boolean(raw, 'active'),
    ids: filterValue.ids(raw),
  }),
};

const staffRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const staff = createStaffRepository(app.prisma);
  const mfa = createStaffMfa(app.prisma, app.redis, createSecretBox(app.config.MFA_SECRET_KEY ?? app.config.SESSION_SECRET), app.config.QUEUE_PREFIX);
  const access = { roles: ADMIN };
  const tags = ['staff'];

  app.get('/', {
    config: { access },
    schema: { tags, summary: 'List staff users', querystring: ListQuerystring, response: { 200: Type.Array(StaffSchema), ...authErrors } },
  }, async (request, reply) => {
    const query = parseListQuery(request.query, listSpec);
    const { rows, total } = await staff.list(query);
    return sendList(reply, 'staff', query.skip, rows, total);
  });

  app.get('/:id', {
    config: { access },
    schema: { tags, params: IdParams, response: { 200: StaffSchema, 404: ErrorSchema, ...authErrors } },
  }, async (request) => {
    const user = await staff.findById(request.params.id);
    if (!user) throw new NotFoundError('Staff user', request.params.id);
    return user;
  });

  app.post('/', {
    config: { access },
    schema: { tags, summary: 'Create a staff user', body: StaffCreateSchema, response: { 201: StaffSchema, 409: ErrorSchema, ...authErrors } },
  }, async (request, reply) => {
    const created = await app.prisma.$transaction(async (tx) => {
      const user = await createStaffRepository(tx).create(request.body);
      await app.audit.record(request, { action: 'staff.create', entityType: 'staff', entityId: user.id, after: user }, tx);
      return user;
    });
    return reply.code(201).send(created);
  });

  app.put('/:id', {
    config: { access },
    schema: { tags, summary: 'Update a staff user (password optional)', params: IdParams, body: StaffUpdateSchema, response: { 200: StaffSchema, 404: ErrorSchema, 409: ErrorSchema, ...authErrors } },
  }, async (request) => {
    const { id } = request.params;
    const { name, role, active, password, canViewMessageMetadata } = request.body;
    const updated = await app.prisma.$transaction(async (tx) => {
      const repo = createStaffRepository(tx);
      const before = await repo.findById(id);
      if (!before) throw new NotFoundError('Staff user', id);
      const demotesAdmin = before.role === 'admin' && before.active && ((role && role !== 'admin') || active === false);
      if (demotesAdmin && (await repo.countActiveAdmins()) <= 1) throw new ConflictError('Cannot demote or deactivate the last active admin');
      const after = await repo.update(id, { name, role, active, password, canViewMessageMetadata });
      // A changed password or role ends the user's other sessions: old privileges must not linger.
      if (password || (role && role !== before.role) || active === false) await tx.session.deleteMany({ where: { staffId: id } });
      await app.audit.record(request, { action: 'staff.update', entityType: 'staff', entityId: id, before, after: { ...after, ...(password ? { password: 'changed' } : {}) } }, tx);
      return after;
    });
    await app.sessions.staffChanged(id); // name, permission or role as every API process shows it, or sessions ended
    return updated;
  });

  app.delete('/:id/sessions', {
    config: { access },
    schema: { tags, summary: "Sign a staff user out everywhere (ends all of the user's sessions)", params: IdParams, response: { 200: SessionsEndedSchema, 404: ErrorSchema, ...authErrors } },
  }, async (request) => {
    const { id } = request.params;
    if (!(await staff.findById(id))) throw new NotFoundError('Staff user', id);
    const ended = await app.sessions.destroyAllFor(id);
    await app.audit.record(request, { action: 'staff.logout-everywhere', entityType: 'staff', entityId: id, after: { ended } });
    return { ended };
  });

  app.delete('/:id/mfa', {
    config: { access },
    schema: { tags, summary: "Reset a staff user's MFA (secret and recovery codes gone; their sessions end; they enrol again)", params: IdParams, response: { 200: StaffSchema, 404: ErrorSchema, ...authErrors } },
  }, async (request) => {
    const { id } = request.params;
    if (!(await staff.findById(id))) throw new NotFoundError('Staff user', id);
    const wasEnabled = await mfa.reset(id);
    const ended = await app.sessions.destroyAllFor(id);
    await app.audit.record(request, { action: 'staff.mfa-reset', entityType: 'staff', entityId: id, after: { wasEnabled, sessionsEnded: ended } });
    return (await staff.findById(id))!;
  });

  app.delete('/:id', {
    config: { access },
    schema: { tags, summary: 'Delete a staff user', params: IdParams, response: { 200: StaffSchema, 404: ErrorSchema, 409: ErrorSchema, ...authErrors } },
  }, async (request) => {
    const { id } = request.params;
    if (id === request.staff!.id) throw new ConflictError('You cannot delete your own account');
    const removed = await app.prisma.$transaction(async (tx) => {
      const repo = createStaffRepository(tx);
      const before = await repo.findById(id);
      if (!before) throw new NotFoundError('Staff user', id);
      const removed = await repo.delete(id);
      await app.audit.record(request, { action: 'staff.delete', entityType: 'staff', entityId: id, before }, tx);
      return removed;
    });
    await app.sessions.staffChanged(id); // its sessions went with the row (cascade)
    return removed;
  });
};

export default staffRoutes;
