// Real PostgreSQL and Redis behind the real app: every mutation writes an audit event, secrets redacted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { as, type Session } from '../harness/app.ts';
import { startAppAs } from '../harness/signed-in-app.ts';

let app: FastifyInstance;
let admin: Session;

beforeAll(async () => {
  ({ app, session: admin } = await startAppAs('admin'));
});
afterAll(() => app.close());

async function lastEvent(action: string) {
  const res = await as(app, admin, { method: 'GET', url: `/api/audit-events?filter=${encodeURIComponent(JSON.stringify({ action }))}&range=[0,0]` });
  expect(res.statusCode).toBe(200);
  return res.json()[0];
}

describe('audit events', () => {
  it('records staff creation with actor, entity and after-state, without the password', async () => {
    const res = await as(app, admin, { method: 'POST', url: '/api/staff', payload: { email: 'new@example.test', name: 'New', role: 'helpdesk', password: 'a-very-secret-password' } });
    expect(res.statusCode).toBe(201);
    const event = await lastEvent('staff.create');
    expect(event).toMatchObject({ actorType: 'staff', actorEmail: 'admin@example.test', entityType: 'staff', entityId: String(res.json().id) });
    expect(event.after).toMatchObject({ email: 'new@example.test', role: 'helpdesk' });
    expect(JSON.stringify(event)).not.toContain('a-very-secret-password');
    expect(JSON.stringify(event)).not.toMatch(/argon2/);
  });

  it('records an update with before and after, and a password change only as "redacted"', async () => {
    const user = (await app.prisma.staffUser.findUnique({ where: { email: 'new@example.test' } }))!;
    const res = await as(app, admin, { method: 'PUT', url: `/api/staff/${user.id}`, payload: { role: 'ops', password: 'another-long-password' } });
    expect(res.statusCode).toBe(200);
    const event = await lastEvent('staff.update');
    expect(event.before.role).toBe('helpdesk');
    expect(event.after.role).toBe('ops');
    expect(event.after.password).toBe('[redacted]');
    expect(JSON.stringify(event)).not.toContain('another-long-password');
  });

  it('records a deletion with the before-state', async () => {
    const user = (await app.prisma.staffUser.findUnique({ where: { email: 'new@example.test' } }))!;
    expect((await as(app, admin, { method: 'DELETE', url: `/api/staff/${user.id}` })).statusCode).toBe(200);
    const event = await lastEvent('staff.delete');
    expect(event.before.email).toBe('new@example.test');
  });

  it('records mailbox creation', async () => {
    const res = await as(app, admin, { method: 'POST', url: '/api/mailboxes', payload: { address: 'Zoe@Example.test', displayName: 'Zoe' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ address: 'zoe@example.test', imapLogin: 'zoe@example.test' });
    const event = await lastEvent('mailbox.create');
    expect(event.entityId).toBe(String(res.json().id));
  });

  it('filters by actor, entity, action (exact or prefix) and time range', async () => {
    const list = async (filter: Record<string, unknown>) => {
      const res = await as(app, admin, { method: 'GET', url: `/api/audit-events?range=[0,999]&filter=${encodeURIComponent(JSON.stringify(filter))}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { action: string; actorType: string; entityId: string | null; at: string }[];
    };
    const all = await list({});
    const mailboxCreate = all.find((e) => e.action === 'mailbox.create')!;
    expect((await list({ entityType: 'mailbox', entityId: mailboxCreate.entityId })).map((e) => e.action)).toEqual(['mailbox.create']);
    expect((await list({ action: 'staff.*' })).map((e) => e.action).sort()).toEqual(['staff.create', 'staff.delete', 'staff.login', 'staff.update']);
    expect(await list({ action: 'staff.' })).toEqual([]);
    expect(await list({ actorType: 'system' })).toEqual([]);
    expect((await list({ actorType: 'staff' })).length).toBe(all.length);
    // The time range is inclusive at both ends, to the millisecond.
    const at = mailboxCreate.at;
    expect((await list({ from: at, to: at })).map((e) => e.action)).toContain('mailbox.create');
    expect((await list({ from: new Date(Date.parse(at) + 1).toISOString(), action: 'mailbox.create' }))).toEqual([]);
    expect((await list({ to: new Date(Date.parse(at) - 1).toISOString(), action: 'mailbox.create' }))).toEqual([]);
  });

  it.each([
    [{ from: 'yesterday' }, 'filter.from must be an ISO date'],
    [{ from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, 'filter.to must not be before filter.from'],
    [{ actorType: 'robot' }, 'filter.actorType must be one of: staff, system'],
    [{ action: 'mail*box' }, 'filter.action may contain * only at the end (a prefix such as "mailbox.*")'],
    [{ entityType: 42 }, 'filter.entityType must be a string of at most 50 characters'],
  ])('refuses the filter %j with a 400 naming the field', async (filter, message) => {
    const res = await as(app, admin, { method: 'GET', url: `/api/audit-events?filter=${encodeURIComponent(JSON.stringify(filter))}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe(message);
  });

  it('filters by actor and entity', async () => {
    const res = await as(app, admin, { method: 'GET', url: `/api/audit-events?filter=${encodeURIComponent(JSON.stringify({ entityType: 'mailbox', actorEmail: 'admin@example.test' }))}` });
    expect(res.json().every((e: { entityType: string }) => e.entityType === 'mailbox')).toBe(true);
    expect(res.json().length).toBeGreaterThan(0);
  });
});
