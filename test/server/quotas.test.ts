// Real PostgreSQL, Redis and Dovecot (its SQL userdb reads the limits written here); the API via app.inject.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../server/core/config.ts';
import { as, createStaff, login, startTestApp, type Session } from '../harness/app.ts';
import { testMailUser } from '../harness/env.ts';
import { resetMaildir, withMailbox } from '../harness/mail.ts';
import { runPlanLimits } from '../../jobs/workers/plan-limits.ts';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
let app: FastifyInstance;
let config: Config;
let ops: Session;
let helpdesk: Session;
let student: { id: number };

beforeAll(async () => {
  ({ app, config } = await startTestApp());
  await createStaff(app, 'ops');
  await createStaff(app, 'helpdesk');
  ops = await login(app, 'ops@example.test');
  helpdesk = await login(app, 'helpdesk@example.test');
  student = (await as(app, ops, { method: 'POST', url: '/api/plans', payload: { name: 'Student', storageLimitBytes: 2 * GiB, isDefault: true } })).json();
});
afterAll(() => app.close());

const post = (s: Session, url: string, payload: object) => as(app, s, { method: 'POST', url, payload });

describe('POST /api/plans validation', () => {
  it.each([
    [{ name: 'Neg', storageLimitBytes: -1 }, /^body\.storageLimitBytes must be >= 1024/],
    [{ name: 'Huge', storageLimitBytes: 2 ** 60 }, /^body\.storageLimitBytes must be <= /],
    [{ name: 'T', storageLimitBytes: GiB, warnThresholds: [80, 120] }, /^body\.warnThresholds\.1 must be <= 100/],
    [{ name: 'T', storageLimitBytes: GiB, warnThresholds: [0] }, /^body\.warnThresholds\.0 must be >= 1/],
    [{ name: 'T', storageLimitBytes: GiB, warnThresholds: [90, 80] }, /^body\.warnThresholds must be strictly ascending/],
    [{ name: 'T', storageLimitBytes: GiB, gracePercent: 101 }, /^body\.gracePercent must be <= 100/],
    [{ name: 'T', storageLimitBytes: '1GiB' }, /^body\.storageLimitBytes must be integer/],
  ])('rejects %j', async (payload, message) => {
    const res = await post(ops, '/api/plans', payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(message);
    expect(await app.prisma.quotaPlan.count()).toBe(1);
  });

  it('is refused to helpdesk', async () => {
    expect((await post(helpdesk, '/api/plans', { name: 'X', storageLimitBytes: GiB })).statusCode).toBe(403);
  });
});

describe('mailbox limits', () => {
  it('rejects an unknown plan and a malformed address, naming the field', async () => {
    const unknownPlan = await post(ops, '/api/mailboxes', { address: 'a@example.test', planId: 9999 });
    expect(unknownPlan.statusCode).toBe(400);
    expect(unknownPlan.json().message).toMatch(/^body\.planId refers to no plan/);
    const badAddress = await post(ops, '/api/mailboxes', { address: 'not an address' });
    expect(badAddress.json().message).toMatch(/^body\.address must match format "email"/);
    expect(await app.prisma.mailbox.count()).toBe(0);
  });

  it('explains the effective limit (plan + temporary increase) and Dovecot enforces the same number', async () => {
    const login = testMailUser(10);
    await resetMaildir(login);
    const created = (await post(ops, '/api/mailboxes', { address: login })).json();
    expect(created.effectiveLimitBytes).toBe(2 * GiB); // default plan applies without a planId

    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const inc = await post(helpdesk, '/api/temporary-increases', { mailboxId: created.id, extraBytes: GiB, expiresAt, reason: 'exam week' });
    expect(inc.statusCode).toBe(201);

    const detail = (await as(app, helpdesk, { method: 'GET', url: `/api/mailboxes/${created.id}` })).json();
    expect(detail.effectiveLimitBytes).toBe(3 * GiB);
    expect(detail.limit.parts).toEqual([
      expect.objectContaining({ kind: 'plan', bytes: 2 * GiB, label: 'Plan Student' }),
      expect.objectContaining({ kind: 'temporary-increase', bytes: GiB, label: 'exam week', expiresAt }),
    ]);
    const quota = await withMailbox(config, login, (c) => c.getQuota('INBOX'));
    expect(quota && quota.storage?.limit).toBe(3 * GiB);

    // Ending it early reverts at once, in the console and in Dovecot.
    expect((await as(app, helpdesk, { method: 'DELETE', url: `/api/temporary-increases/${inc.json().id}` })).statusCode).toBe(200);
    const quotaAfter = await withMailbox(config, login, (c) => c.getQuota('INBOX'));
    expect(quotaAfter && quotaAfter.storage?.limit).toBe(2 * GiB);
    const audit = await app.prisma.auditEvent.findMany({ where: { entityType: 'mailbox', entityId: String(created.id) }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['mailbox.create', 'mailbox.increase_granted', 'mailbox.increase_ended']);
  });

  it('rejects an increase in the past or beyond a year', async () => {
    const mailbox = await app.prisma.mailbox.findFirstOrThrow();
    const past = await post(helpdesk, '/api/temporary-increases', { mailboxId: mailbox.id, extraBytes: GiB, expiresAt: new Date(Date.now() - 1000).toISOString(), reason: 'oops' });
    expect(past.json().message).toBe('body.expiresAt must be in the future');
    const far = await post(helpdesk, '/api/temporary-increases', { mailboxId: mailbox.id, extraBytes: GiB, expiresAt: new Date(Date.now() + 400 * 86_400_000).toISOString(), reason: 'long' });
    expect(far.json().message).toMatch(/^body\.expiresAt must be within 366 days/);
  });

  it('recomputes every mailbox on a plan when the plan limit changes', async () => {
    const staffPlan = (await post(ops, '/api/plans', { name: 'Staff', storageLimitBytes: 10 * GiB })).json();
    const a = (await post(ops, '/api/mailboxes', { address: 'pa@example.test', planId: staffPlan.id })).json();
    const b = (await post(ops, '/api/mailboxes', { address: 'pb@example.test', planId: staffPlan.id, limitOverrideBytes: 50 * GiB })).json();
    const res = await as(app, ops, { method: 'PUT', url: `/api/plans/${staffPlan.id}`, payload: { storageLimitBytes: 5 * GiB } });
    expect(res.statusCode).toBe(200);
    // The request only queues the work (test/jobs/plan-limits.test.ts runs it with workers at scale); run it here.
    const [job] = await app.queues['plan-limits'].getJobs(['waiting']);
    expect(job.data).toEqual({ planId: staffPlan.id, withoutPlan: false });
    await runPlanLimits({ prisma: app.prisma, connection: app.redis, logger: app.log, config }, app.queues, job.data);
    const rows = await app.prisma.mailbox.findMany({ where: { id: { in: [a.id, b.id] } }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => Number(r.effectiveLimitBytes))).toEqual([5 * GiB, 50 * GiB]);
  });

  it('refuses to delete a plan in use with 409', async () => {
    const res = await as(app, ops, { method: 'DELETE', url: `/api/plans/${student.id}` });
    expect(res.statusCode).toBe(409);
  });
});

describe('POST /api/mailboxes/import', () => {
  const csv = (rows: string[]) => ['address,displayName,plan,limitOverrideBytes', ...rows].join('\n');
  const importCsv = (body: string, mode = 'all') => as(app, ops, { method: 'POST', url: `/api/mailboxes/import?mode=${mode}`, headers: { 'content-type': 'text/csv' }, payload: body });

  it('imports nothing when one row is bad, and names the row', async () => {
    const before = await app.prisma.mailbox.count();
    const res = await importCsv(csv(['i1@example.test,One,Student,', 'i2@example.test,Two,Nonexistent,', 'i3@example.test,Three,,1GiB']));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ line: 3, field: 'plan', message: 'unknown plan "Nonexistent"' }]);
    expect(res.json().message).toMatch(/line 3 \(plan\)/);
    expect(await app.prisma.mailbox.count()).toBe(before);
  });

  it('imports only the good rows with mode=valid-only, with effective limits set', async () => {
    const res = await importCsv(csv(['i1@example.test,One,Student,', 'i2@example.test,Two,Nonexistent,', 'i3@example.test,Three,,1GiB']), 'valid-only');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ imported: 2, errors: [{ line: 3 }] });
    const rows = await app.prisma.mailbox.findMany({ where: { address: { in: ['i1@example.test', 'i3@example.test'] } }, orderBy: { address: 'asc' } });
    expect(rows.map((r) => Number(r.effectiveLimitBytes))).toEqual([2 * GiB, GiB]);
  });
});

describe('GET /api/mailboxes filters', () => {
  it('filters by over-quota state and percent, and sorts by usage with unknown usage last', async () => {
    const [x, y] = await app.prisma.mailbox.findMany({ take: 2, orderBy: { id: 'asc' } });
    await app.prisma.mailbox.update({ where: { id: x.id }, data: { usedBytes: 3n * BigInt(GiB), usagePercent: 150, scannedAt: new Date() } });
    await app.prisma.mailbox.update({ where: { id: y.id }, data: { usedBytes: BigInt(GiB), usagePercent: 50, scannedAt: new Date(Date.now() - 48 * 3600_000) } });
    const q = (filter: object, sort = '["usagePercent","DESC"]') => as(app, helpdesk, { method: 'GET', url: `/api/mailboxes?filter=${encodeURIComponent(JSON.stringify(filter))}&sort=${encodeURIComponent(sort)}` });
    expect((await q({ overQuota: true })).json().map((m: { id: number }) => m.id)).toEqual([x.id]);
    expect((await q({ minPercent: 40, maxPercent: 60 })).json().map((m: { id: number }) => m.id)).toEqual([y.id]);
    const all = (await q({})).json();
    expect(all[0].id).toBe(x.id);
    expect(all[all.length - 1].usagePercent).toBeNull();
    const stale = (await q({ staleHours: 24 })).json().map((m: { id: number }) => m.id);
    expect(stale).toContain(y.id);
    expect(stale).not.toContain(x.id);
  });
});
