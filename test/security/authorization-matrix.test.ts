// Real app, PostgreSQL and Redis. Every route the app registers × {anonymous, helpdesk, ops, admin}:
// generated from the live route table, so a new route is covered (and must declare a rule) automatically.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { as, createStaff, startTestApp, type Session } from '../harness/app.ts';
import type { Role } from '../../server/core/domain/roles.ts';

let app: FastifyInstance;
const ROLES: Role[] = ['helpdesk', 'ops', 'admin'];
const staffIds: Partial<Record<Role, number>> = {};

/** A fresh server-side session per request, so routes like logout cannot spoil the next case. */
async function sessionFor(role: Role): Promise<Session> {
  const token = await app.sessions.create(staffIds[role]!, {});
  return { cookie: `mw_session=${token}`, csrf: app.sessions.csrfToken(token), email: `${role}@example.test` };
}

beforeAll(async () => {
  ({ app } = await startTestApp());
  for (const role of ROLES) staffIds[role] = (await createStaff(app, role)).id;
});
afterAll(() => app.close());

function concreteUrl(url: string): string {
  // Unknown ids: handlers answer 404/400 after the access check, and nothing is changed.
  return url.replace(/:[A-Za-z]+/g, '999999').replace(/\*$/, 'anything');
}

describe('authorization matrix', () => {
  it('covers every /api route, each with a declared rule', () => {
    const api = app.accessTable.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD');
    expect(api.length).toBeGreaterThan(20);
    expect(api.filter((r) => !r.access).map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });

  it('answers 401 to anonymous callers and 403 to roles outside the rule, and lets the others through', async () => {
    const routes = app.accessTable.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD' && r.access && !('public' in r.access));
    const failures: string[] = [];
    for (const route of routes) {
      const url = concreteUrl(route.url);
      const method = route.method as 'GET';
      const anonymous = await app.inject({ method, url, payload: method === 'GET' ? undefined : {} });
      if (anonymous.statusCode !== 401) failures.push(`${route.method} ${route.url} anonymous → ${anonymous.statusCode}`);
      for (const role of ROLES) {
        const allowed = 'roles' in route.access! && route.access.roles.includes(role);
        const res = await as(app, await sessionFor(role), { method, url, payload: method === 'GET' ? undefined : {} });
        const denied = res.statusCode === 401 || res.statusCode === 403;
        if (allowed === denied) failures.push(`${route.method} ${route.url} as ${role} → ${res.statusCode} (${allowed ? 'should pass' : 'should be 403'})`);
        if (!allowed && res.statusCode !== 403) failures.push(`${route.method} ${route.url} as ${role} → ${res.statusCode}, expected 403`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('keeps staff management admin-only and policy editing away from helpdesk', () => {
    const rule = (method: string, url: string) => app.accessTable.find((r) => r.method === method && r.url.replace(/\/$/, '') === url)?.access;
    expect(rule('POST', '/api/staff')).toEqual({ roles: ['admin'] });
    expect(rule('PUT', '/api/plans/:id')).toEqual({ roles: ['admin', 'ops'] });
    expect(rule('DELETE', '/api/staff/:id/mfa')).toEqual({ roles: ['admin'] });
  });

  it('opens only sign-in, me, logout and MFA enrolment to staff whose role requires MFA before they enrol', () => {
    const beforeEnrolment = app.accessTable
      .filter((r) => r.method !== 'HEAD' && r.access && 'roles' in r.access && r.access.beforeMfaEnrolment)
      .map((r) => `${r.method} ${r.url.replace(/\/$/, '')}`).sort();
    expect(beforeEnrolment).toEqual([
      'GET /api/auth/me', 'GET /api/auth/mfa', 'POST /api/auth/logout', 'POST /api/auth/logout-everywhere', 'POST /api/auth/mfa/enrol', 'POST /api/auth/mfa/enrol/confirm',
    ]);
  });

  it('shows events about staff accounts to admins only (help desk and ops cannot read the staff list through the audit log)', async () => {
    await app.audit.record(null, { action: 'staff.update', entityType: 'staff', entityId: staffIds.ops, after: { email: 'ops@example.test', role: 'ops' } });
    for (const role of ROLES) {
      const res = await as(app, await sessionFor(role), { method: 'GET', url: `/api/audit-events?filter=${encodeURIComponent('{"action":"staff.*"}')}` });
      expect(res.json().length > 0, role).toBe(role === 'admin');
    }
  });
});
