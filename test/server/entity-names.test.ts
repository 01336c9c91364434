// Real PostgreSQL and Redis behind the real app (app.inject): names in place of ids on runs, audit events and jobs,
// and the reason staff give for a change, kept in its audit event.
// Nothing is stubbed; the job is a real BullMQ job left waiting (no worker needed to list it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { as, type Session } from '../harness/app.ts';
import { startAppAs } from '../harness/signed-in-app.ts';

let app: FastifyInstance;
let admin: Session;
const get = async (url: string) => {
  const res = await as(app, admin, { method: 'GET', url });
  expect(res.statusCode).toBe(200);
  return res.json();
};

beforeAll(async () => {
  ({ app, session: admin } = await startAppAs('admin'));
});
afterAll(() => app.close());

describe('names, not ids', () => {
  it('names a run\'s mailbox or policy (scopeName), null for a sweep and for a scope that no longer exists', async () => {
    const mailbox = await app.prisma.mailbox.create({ data: { address: 'names-run@example.org', imapLogin: 'names-run@example.org' } });
    const policy = await app.prisma.retentionPolicy.create({ data: { name: 'Archive 90 days' } });
    const runs = [];
    for (const scope of ['all', `mailbox:${mailbox.id}`, `policy:${policy.id}`, 'mailbox:999999']) {
      runs.push(await app.prisma.expiryRun.create({ data: { scope, status: 'completed', finishedAt: new Date() } })); // in order: the last is the latest
    }
    const list: { id: number; scopeName: string | null }[] = await get(`/api/expiry-runs?filter=${encodeURIComponent(JSON.stringify({ ids: runs.map((r) => r.id) }))}`);
    expect(Object.fromEntries(list.map((r) => [r.id, r.scopeName]))).toEqual({
      [runs[0].id]: null, [runs[1].id]: 'names-run@example.org', [runs[2].id]: 'Archive 90 days', [runs[3].id]: null,
    });
    expect((await get(`/api/expiry-runs/${runs[1].id}`)).scopeName).toBe('names-run@example.org');
    expect((await get('/api/expiry/status')).lastRun.scopeName).toBe(null);
  });

  it('names the entity of an audit event (entityName) in the list and on its own, null once it is gone', async () => {
    const res = await as(app, admin, { method: 'POST', url: '/api/mailboxes', payload: { address: 'names-audit@example.org' } });
    expect(res.statusCode).toBe(201);
    const filter = encodeURIComponent(JSON.stringify({ entityType: 'mailbox', entityId: String(res.json().id) }));
    const [event] = await get(`/api/audit-events?filter=${filter}`);
    expect(event).toMatchObject({ action: 'mailbox.create', entityName: 'names-audit@example.org' });
    expect((await get(`/api/audit-events/${event.id}`)).entityName).toBe('names-audit@example.org');
    // Gone: the event keeps its id, and no name is made up.
    await app.prisma.mailbox.delete({ where: { id: res.json().id } });
    expect((await get(`/api/audit-events/${event.id}`)).entityName).toBe(null);
  });

  it('names the mailbox a job is for (mailboxAddress)', async () => {
    const mailbox = await app.prisma.mailbox.create({ data: { address: 'names-job@example.org', imapLogin: 'names-job@example.org' } });
    await app.queues.probe.add('probe', { mailboxId: mailbox.id } as never);
    await app.queues.probe.add('probe', { mailboxId: 999999 } as never);
    const rows: { data: { mailboxId: number }; mailboxAddress: string | null }[] = await get('/api/queues/probe/jobs?state=waiting&range=[0,9]');
    expect(rows.map((r) => [r.data.mailboxId, r.mailboxAddress]).sort()).toEqual([[999999, null], [mailbox.id, 'names-job@example.org']].sort());
  });
});

describe('why', () => {
  it('keeps the reason given for a plan change in its audit event, shown beside the name', async () => {
    const plan = await app.prisma.quotaPlan.create({ data: { name: 'Why plan', storageLimitBytes: 10n * 1024n * 1024n } });
    const res = await as(app, admin, { method: 'PUT', url: `/api/plans/${plan.id}`, payload: { storageLimitBytes: 20 * 1024 * 1024, reason: '  ticket 812  ' } });
    expect(res.statusCode, res.body).toBe(200);
    const [event] = await get(`/api/audit-events?filter=${encodeURIComponent(JSON.stringify({ entityType: 'plan', entityId: String(plan.id) }))}`);
    expect(event).toMatchObject({ action: 'plan.update', entityName: 'Why plan', after: { storageLimitBytes: 20 * 1024 * 1024, reason: 'ticket 812' } });
    const long = await as(app, admin, { method: 'PUT', url: `/api/plans/${plan.id}`, payload: { reason: 'x'.repeat(501) } });
    expect(long.statusCode).toBe(400);
    expect(long.json().message).toMatch(/^body\.reason /);
  });
});
