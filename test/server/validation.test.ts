// Real PostgreSQL and Redis behind the real app; checks bad input is refused with the field named and nothing written.
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

const staffCount = () => app.prisma.staffUser.count();
const auditCount = () => app.prisma.auditEvent.count({ where: { action: { not: 'staff.login' } } });

describe('POST /api/staff with bad input', () => {
  it('rejects a malformed JSON body with 400 and writes nothing', async () => {
    const before = await staffCount();
    const res = await as(app, admin, { method: 'POST', url: '/api/staff', headers: { 'content-type': 'application/json' }, payload: '{"email": "a@b.c", ' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ statusCode: 400, error: 'Bad Request', reqId: expect.any(String) });
    expect(res.json().message).toMatch(/JSON/i);
    expect(await staffCount()).toBe(before);
  });

  it('rejects an unknown field, naming it', async () => {
    const res = await as(app, admin, { method: 'POST', url: '/api/staff', payload: { email: 'x@example.test', name: 'X', role: 'ops', password: 'long-enough-password', isRoot: true } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('body.isRoot is not allowed');
    expect(await app.prisma.staffUser.count({ where: { email: 'x@example.test' } })).toBe(0);
  });

  it('rejects a wrong type, naming the field', async () => {
    const res = await as(app, admin, { method: 'POST', url: '/api/staff', payload: { email: 'x@example.test', name: 42, role: 'ops', password: 'long-enough-password' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/^body\.name must be string/);
  });

  it('rejects a missing field and an invalid enum value, naming each', async () => {
    const missing = await as(app, admin, { method: 'POST', url: '/api/staff', payload: { email: 'x@example.test', name: 'X', password: 'long-enough-password' } });
    expect(missing.json().message).toBe('body.role is required');
    const badRole = await as(app, admin, { method: 'POST', url: '/api/staff', payload: { email: 'x@example.test', name: 'X', role: 'root', password: 'long-enough-password' } });
    expect(badRole.statusCode).toBe(400);
    expect(badRole.json().message).toMatch(/^body\.role must be one of: admin, ops, helpdesk/);
  });

  it('rejects a malformed email and a short password', async () => {
    const email = await as(app, admin, { method: 'POST', url: '/api/staff', payload: { email: 'not-an-email', name: 'X', role: 'ops', password: 'long-enough-password' } });
    expect(email.json().message).toMatch(/^body\.email must match format "email"/);
    const pw = await as(app, admin, { method: 'POST', url: '/api/staff', payload: { email: 'x@example.test', name: 'X', role: 'ops', password: 'short' } });
    expect(pw.json().message).toMatch(/^body\.password must NOT have fewer than 12 characters/);
    expect(await app.prisma.staffUser.count({ where: { email: 'x@example.test' } })).toBe(0);
  });

  it('answers 409 naming the field for a duplicate email, leaving one row and no audit event', async () => {
    const body = { email: 'dup@example.test', name: 'Dup', role: 'ops', password: 'long-enough-password' };
    expect((await as(app, admin, { method: 'POST', url: '/api/staff', payload: body })).statusCode).toBe(201);
    const audits = await auditCount();
    const again = await as(app, admin, { method: 'POST', url: '/api/staff', payload: body });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toMatch(/email/);
    expect(await app.prisma.staffUser.count({ where: { email: 'dup@example.test' } })).toBe(1);
    expect(await auditCount()).toBe(audits);
  });
});

describe('list query parameters', () => {
  it.each([
    ['sort', '["passwordHash","ASC"]', /^sort field must be one of/],
    ['sort', 'DROP TABLE', /^sort must be JSON/],
    ['range', '[5,1]', /^range must be/],
    ['range', '[0,100000]', /^range may span at most/],
    ['filter', '[]', /^filter must be a JSON object/],
    ['filter', '{"role":"root"}', /^filter\.role must be one of/],
  ])('GET /api/staff?%s=%s → 400', async (key, value, message) => {
    const res = await as(app, admin, { method: 'GET', url: `/api/staff?${key}=${encodeURIComponent(value)}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(message);
  });

  it('returns Content-Range for a valid page', async () => {
    const res = await as(app, admin, { method: 'GET', url: `/api/staff?sort=${encodeURIComponent('["email","ASC"]')}&range=${encodeURIComponent('[0,0]')}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toHaveLength(1);
    expect(res.headers['content-range']).toMatch(/^staff 0-0\/\d+$/);
  });
});
