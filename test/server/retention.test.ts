// Real PostgreSQL, Redis and Dovecot; the API via app.inject, with the expiry, expiry-sweep and mailbox-read workers running
// in-process on the app's queues (as a worker host would). Nothing stubbed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Worker } from 'bullmq';
import { pino } from 'pino';
import type { Config } from '../../server/core/config.ts';
import { as, createStaff, login, startTestApp, type Session } from '../harness/app.ts';
import { testMailUser } from '../harness/env.ts';
import { STANDARD_RULES, createMailboxRow, createPolicy, listMail, seed } from '../harness/retention.ts';
import { createWorkerRedis } from '../../server/core/lib/redis.ts';
import { createExpiryWorker } from '../../jobs/workers/expiry.ts';
import { createExpirySweepWorker } from '../../jobs/workers/expiry-sweep.ts';
import { createMailboxReadWorker } from '../../jobs/workers/mailbox-read.ts';

let app: FastifyInstance;
let config: Config;
let ops: Session;
let helpdesk: Session;
const workers: Worker[] = [];
const connection = createWorkerRedis('redis://127.0.0.1:6379');

const req = (s: Session, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) => as(app, s, { method, url, payload });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function finishedRun(runId: number, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const run = (await req(helpdesk, 'GET', `/api/expiry-runs/${runId}`)).json();
    if (run.status !== 'running') return run;
    await sleep(50);
  }
  throw new Error(`run ${runId} did not finish`);
}

beforeAll(async () => {
  ({ app, config } = await startTestApp());
  await createStaff(app, 'ops');
  await createStaff(app, 'helpdesk');
  ops = await login(app, 'ops@example.test');
  // This file checks what previews and the expired-message audit show; test/security/least-privilege.test.ts checks
  // who may see message metadata (this help desk member is granted it).
  await app.prisma.staffUser.update({ where: { email: 'helpdesk@example.test' }, data: { canViewMessageMetadata: true } });
  helpdesk = await login(app, 'helpdesk@example.test');
  const ctx = { config, prisma: app.prisma, connection, logger: pino({ level: 'silent' }) };
  workers.push(createExpiryWorker(ctx, { notifyQueue: app.queues.notify }), createExpirySweepWorker(ctx, app.queues), createMailboxReadWorker(ctx));
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  connection.disconnect();
  await app.close();
});

describe('POST /api/retention-policies', () => {
  it('creates a policy with ordered rules and defaults; staff read it, helpdesk may not write', async () => {
    const res = await req(ops, 'POST', '/api/retention-policies', { name: 'Standard', isDefault: true, rules: STANDARD_RULES });
    expect(res.statusCode).toBe(201);
    expect(res.json().rules.map((r: { position: number; folderSelector: string; ageBasis: string; keepFlagged: boolean }) => [r.position, r.folderSelector, r.ageBasis, r.keepFlagged]))
      .toEqual([[0, '\\Trash', 'saved', true], [1, '\\Junk', 'received', false], [2, 'INBOX', 'received', true], [3, 'Lists/*', 'received', true]]);
    const list = await req(helpdesk, 'GET', '/api/retention-policies');
    expect(list.headers['content-range']).toBe('retention-policies 0-0/1');
    expect((await req(helpdesk, 'POST', '/api/retention-policies', { name: 'X', rules: [] })).statusCode).toBe(403);
    expect((await req(ops, 'POST', '/api/retention-policies', { name: 'Standard', rules: [] })).statusCode).toBe(409);
  });

  it.each([
    [[{ folderSelector: 'INBOX', maxAgeDays: -5 }], /^body\.rules\.0\.maxAgeDays must be >= 1/],
    [[{ folderSelector: 'INBOX', maxAgeDays: 40_000 }], /^body\.rules\.0\.maxAgeDays must be <= 36500/],
    [[{ folderSelector: 'INBOX', maxAgeDays: 30 }, { folderSelector: '\\Bin', maxAgeDays: 7 }], /^body\.rules\.1\.folderSelector names an unknown special-use folder \\Bin/],
    [[{ folderSelector: 'INBOX', maxAgeDays: 30 }, { folderSelector: 'inbox', maxAgeDays: 7 }], /^body\.rules\.1\.folderSelector is identical to body\.rules\.0\.folderSelector \(overlapping rules\)/],
    [[{ folderSelector: 'Lists/*', maxAgeDays: 30 }, { folderSelector: 'Lists/dev/*', maxAgeDays: 7 }], /^body\.rules\.1\.folderSelector is shadowed by body\.rules\.0\.folderSelector/],
    [[{ folderSelector: 'INBOX', maxAgeDays: 30, action: 'move' }], /^body\.rules\.0\.moveTo is required when action is move/],
    [[{ folderSelector: 'Archive', maxAgeDays: 30, action: 'move', moveTo: 'Archive' }], /^body\.rules\.0\.moveTo is selected by the rule itself/],
    [[{ folderSelector: 'INBOX', maxAgeDays: 30, ageBasis: 'modified' }], /^body\.rules\.0\.ageBasis must be one of: received, sent, saved/],
    [[{ folderSelector: 'INBOX', maxAgeDays: 10, noticeDays: 14 }], /^body\.rules\.0\.noticeDays must be less than maxAgeDays/],
  ])('rejects rules %j naming the field', async (rules, message) => {
    const res = await req(ops, 'POST', '/api/retention-policies', { name: 'Bad', rules });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(message);
    expect(await app.prisma.retentionPolicy.count({ where: { name: 'Bad' } })).toBe(0);
  });

  it('replaces rules in order on PUT and keeps the ids of unchanged positions', async () => {
    const created = (await req(ops, 'POST', '/api/retention-policies', { name: 'Editable', rules: [{ folderSelector: 'INBOX', maxAgeDays: 30 }, { folderSelector: '\\Junk', maxAgeDays: 7 }] })).json();
    const res = await req(ops, 'PUT', `/api/retention-policies/${created.id}`, { ...created, rules: [{ ...created.rules[0], maxAgeDays: 60 }] });
    expect(res.statusCode).toBe(200);
    expect(res.json().rules).toEqual([expect.objectContaining({ id: created.rules[0].id, maxAgeDays: 60, position: 0 })]);
  });
});

describe('DELETE /api/retention-policies/:id', () => {
  it('refuses (409) while the policy is the default, or a plan or mailbox uses it, and says which', async () => {
    const standard = (await app.prisma.retentionPolicy.findUniqueOrThrow({ where: { name: 'Standard' } })).id;
    const del = () => req(ops, 'DELETE', `/api/retention-policies/${standard}`);
    expect((await del()).json()).toMatchObject({ statusCode: 409, message: expect.stringMatching(/in use: it is the default policy/) });

    const other = (await req(ops, 'POST', '/api/retention-policies', { name: 'Other', isDefault: true, rules: [] })).json();
    const plan = await app.prisma.quotaPlan.create({ data: { name: 'Student', storageLimitBytes: BigInt(2 ** 30) } });
    expect((await req(ops, 'PUT', `/api/plans/${plan.id}/retention-policy`, { policyId: standard })).json()).toMatchObject({ policy: { id: standard, name: 'Standard' } });
    expect((await del()).json()).toMatchObject({ statusCode: 409, message: expect.stringMatching(/plan\(s\) "Student" assign it/) });
    // The plan reports its policy; PUT /api/plans/:id takes it back unchanged but does not assign one.
    const shown = (await req(helpdesk, 'GET', `/api/plans/${plan.id}`)).json();
    expect(shown.retentionPolicyId).toBe(standard);
    expect((await req(helpdesk, 'GET', '/api/plans')).json().find((p: { id: number }) => p.id === plan.id).retentionPolicyId).toBe(standard);
    expect((await req(ops, 'PUT', `/api/plans/${plan.id}`, { ...shown, gracePercent: 5 })).statusCode).toBe(200);
    const reassign = await req(ops, 'PUT', `/api/plans/${plan.id}`, { ...shown, retentionPolicyId: other.id });
    expect([reassign.statusCode, reassign.json().message]).toEqual([400, `body.retentionPolicyId is changed with PUT /api/plans/${plan.id}/retention-policy, not here`]);
    expect((await app.prisma.quotaPlan.findUniqueOrThrow({ where: { id: plan.id } })).retentionPolicyId).toBe(standard);

    await req(ops, 'PUT', `/api/plans/${plan.id}/retention-policy`, { policyId: null });
    expect((await req(helpdesk, 'GET', `/api/plans/${plan.id}`)).json().retentionPolicyId).toBeNull();
    const mailbox = await createMailboxRow(app.prisma, testMailUser(50));
    await req(ops, 'PUT', `/api/mailboxes/${mailbox.id}/retention-policy`, { policyId: standard });
    expect((await del()).json()).toMatchObject({ statusCode: 409, message: expect.stringMatching(/1 mailbox\(es\) are assigned it directly/) });

    await req(ops, 'PUT', `/api/mailboxes/${mailbox.id}/retention-policy`, { policyId: null });
    await req(ops, 'PUT', `/api/retention-policies/${standard}`, { isDefault: true }); // back to default for the next tests
    expect((await req(ops, 'DELETE', `/api/retention-policies/${other.id}`)).statusCode).toBe(200);
    expect(await app.prisma.auditEvent.count({ where: { action: 'retention_policy.delete', entityId: String(other.id) } })).toBe(1);
  });
});

describe('GET /api/mailboxes/:id/retention', () => {
  it('explains the effective policy (default, plan, override) and the rule for each live folder', async () => {
    const mailbox = await app.prisma.mailbox.findUniqueOrThrow({ where: { address: testMailUser(50) } });
    const get = async () => (await req(helpdesk, 'GET', `/api/mailboxes/${mailbox.id}/retention?live=true`)).json();
    const viaDefault = await get();
    expect(viaDefault).toMatchObject({ source: 'default', policy: { name: 'Standard' }, foldersSource: 'live' });
    const byPath = Object.fromEntries(viaDefault.folders.map((f: { path: string; rule: { folderSelector: string } | null }) => [f.path, f.rule?.folderSelector ?? null]));
    expect(byPath).toMatchObject({ INBOX: 'INBOX', Trash: '\\Trash', Junk: '\\Junk', Sent: null, Archive: null });

    const lax = (await req(ops, 'POST', '/api/retention-policies', { name: 'Lax', rules: [{ folderSelector: '*', maxAgeDays: 3650 }] })).json();
    const plan = await app.prisma.quotaPlan.findUniqueOrThrow({ where: { name: 'Student' } });
    await app.prisma.mailbox.update({ where: { id: mailbox.id }, data: { planId: plan.id } });
    await req(ops, 'PUT', `/api/plans/${plan.id}/retention-policy`, { policyId: lax.id });
    expect(await get()).toMatchObject({ source: 'plan', policy: { name: 'Lax' } });
    const override = (await req(ops, 'PUT', `/api/mailboxes/${mailbox.id}/retention-policy`, { policyId: lax.id })).json();
    expect(override).toMatchObject({ source: 'mailbox', explanation: [expect.stringMatching(/assigned policy "Lax" directly/)] });
    expect((await req(ops, 'PUT', `/api/mailboxes/${mailbox.id}/retention-policy`, { policyId: 99999 })).json().message).toMatch(/^body\.policyId refers to no retention policy/);
    expect((await req(helpdesk, 'PUT', `/api/mailboxes/${mailbox.id}/retention-policy`, { policyId: null })).statusCode).toBe(403);
    await req(ops, 'PUT', `/api/mailboxes/${mailbox.id}/retention-policy`, { policyId: null });
    await app.prisma.mailbox.update({ where: { id: mailbox.id }, data: { planId: null } });
  });
});

describe('legal holds', () => {
  it('are set and lifted by ops with audit, end by themselves at endsAt, and are refused to helpdesk', async () => {
    const mailbox = await createMailboxRow(app.prisma, testMailUser(51));
    const body = { mailboxId: mailbox.id, reason: 'litigation hold' };
    expect((await req(helpdesk, 'POST', '/api/legal-holds', body)).statusCode).toBe(403);
    expect((await req(ops, 'POST', '/api/legal-holds', { ...body, endsAt: '2020-01-01T00:00:00Z' })).json().message).toMatch(/^body\.endsAt must be in the future/);
    const hold = (await req(ops, 'POST', '/api/legal-holds', body)).json();
    expect(hold).toMatchObject({ active: true, setBy: 'ops@example.test', endsAt: null });
    const ending = (await req(ops, 'POST', '/api/legal-holds', { ...body, endsAt: new Date(Date.now() + 86_400_000).toISOString() })).json();
    await app.prisma.legalHold.update({ where: { id: ending.id }, data: { endsAt: new Date(Date.now() - 1000) } }); // time passes

    const active = await req(helpdesk, 'GET', `/api/legal-holds?filter=${encodeURIComponent(JSON.stringify({ mailboxId: mailbox.id, active: true }))}`);
    expect(active.json().map((h: { id: number }) => h.id)).toEqual([hold.id]);
    expect((await req(helpdesk, 'GET', `/api/legal-holds/${ending.id}`)).json().active).toBe(false);

    const lifted = await req(ops, 'POST', `/api/legal-holds/${hold.id}/lift`);
    expect(lifted.json()).toMatchObject({ active: false, liftedBy: 'ops@example.test' });
    expect((await req(ops, 'DELETE', `/api/legal-holds/${hold.id}`)).statusCode).toBe(409);
    expect(await app.prisma.auditEvent.findMany({ where: { entityId: String(mailbox.id), action: { startsWith: 'mailbox.legal_hold' } }, select: { action: true }, orderBy: { id: 'asc' } }))
      .toEqual([{ action: 'mailbox.legal_hold_set' }, { action: 'mailbox.legal_hold_set' }, { action: 'mailbox.legal_hold_lifted' }]);
  });
});

describe('preview, runs and the per-message audit', () => {
  const user = testMailUser(52);
  let mailboxId: number;

  let previewed: string[] = [];
  it('previews (a mailbox-read worker reads the mailbox) what would be removed, per folder, without changing anything', async () => {
    mailboxId = (await createMailboxRow(app.prisma, user)).id;
    await seed(config, user);
    const before = await listMail(config, user);
    const res = await req(helpdesk, 'POST', `/api/mailboxes/${mailboxId}/expiry-preview`);
    expect(res.statusCode).toBe(200);
    const preview = res.json();
    const counts = Object.fromEntries(preview.folders.map((f: { path: string; count: number }) => [f.path, f.count]));
    expect(counts).toEqual({ INBOX: 3, Junk: 3, Trash: 0, 'Lists/dev': 2 });
    expect(preview.totals.count).toBe(8);
    const inbox = preview.folders.find((f: { path: string }) => f.path === 'INBOX');
    expect(inbox.sample.map((s: { subject: string }) => s.subject).sort()).toEqual(['expire old-read INBOX 1/3', 'expire old-read INBOX 2/3', 'expire old-read INBOX 3/3']);
    expect(new Date(inbox.oldest).getTime()).toBeLessThan(new Date(inbox.newest).getTime());
    expect(await listMail(config, user)).toEqual(before);
    previewed = preview.folders.flatMap((f: { path: string; sample: { uid: number }[] }) => f.sample.map((m) => `${f.path}/${m.uid}`)).sort();
  });

  it('expires one mailbox on request (202), then the run, its mailbox row and the audit tell what happened', async () => {
    const res = await req(ops, 'POST', `/api/mailboxes/${mailboxId}/expire`, { dryRun: false });
    expect(res.statusCode).toBe(202);
    const run = await finishedRun(res.json().runId);
    expect(run).toMatchObject({ status: 'completed', scope: `mailbox:${mailboxId}`, createdBy: 'ops@example.test', totals: { deleted: 6, moved: 2, mailboxes: { done: 1 } } });
    const rows = (await req(helpdesk, 'GET', `/api/expiry-mailbox-runs?filter=${encodeURIComponent(JSON.stringify({ runId: run.id }))}`)).json();
    expect(rows).toEqual([expect.objectContaining({ mailboxId, address: user, status: 'done', deleted: 6, moved: 2 })]);

    const audit = await req(helpdesk, 'GET', `/api/expired-messages?filter=${encodeURIComponent(JSON.stringify({ mailboxId }))}&range=[0,99]`);
    expect(audit.headers['content-range']).toBe('expired-messages 0-7/8');
    // Message by message, the run removed exactly what the preview named (8 messages: all within its samples).
    expect(audit.json().map((m: { folder: string; uid: number }) => `${m.folder}/${m.uid}`).sort()).toEqual(previewed);
    const one = audit.json().find((m: { action: string }) => m.action === 'move');
    expect(one).toMatchObject({ movedTo: 'Archive', state: 'done', folder: 'Lists/dev', runId: run.id });
    const byId = (await req(helpdesk, 'GET', `/api/expired-messages?filter=${encodeURIComponent(JSON.stringify({ messageId: one.messageId }))}`)).json();
    expect(byId.map((m: { id: number }) => m.id)).toEqual([one.id]);

    const byAddress = (filter: object) => req(helpdesk, 'GET', `/api/expired-messages?filter=${encodeURIComponent(JSON.stringify(filter))}&range=[0,99]`);
    const found = await byAddress({ address: ` ${user.toUpperCase()} ` });
    expect(found.statusCode, found.body).toBe(200);
    expect(found.headers['content-range']).toBe('expired-messages 0-7/8');
    expect(found.json().every((m: { mailboxId: number }) => m.mailboxId === mailboxId)).toBe(true);
    expect((await byAddress({ address: 'nobody@example.test' })).json()).toEqual([]);
    expect((await byAddress({ address: user.slice(0, 6) })).json()).toEqual([]); // exact, not a substring
    const bad = await byAddress({ address: ['x'] });
    expect([bad.statusCode, bad.json().message]).toEqual([400, 'filter.address must be a string of at most 254 characters']);
  });

  it('under a rule with notices, the preview counts what awaits its notice; expiring it now needs withoutNotice and a reason', async () => {
    const noticed = await createPolicy(app.prisma, 'Inbox 30 days, 7 days notice', [{ folderSelector: 'INBOX', maxAgeDays: 30, noticeDays: 7 }]);
    const other = testMailUser(49);
    const { id } = await createMailboxRow(app.prisma, other, { retentionPolicyId: noticed.id });
    await seed(config, other, [{ folder: 'INBOX', count: 4, ageDays: [40, 50], flags: ['\\Seen'], subjectPrefix: 'old' }]);
    const preview = (await req(helpdesk, 'POST', `/api/mailboxes/${id}/expiry-preview`)).json();
    expect(preview.totals).toMatchObject({ count: 0, awaitingNotice: 4 });

    const refused = await req(ops, 'POST', `/api/mailboxes/${id}/expire`, { withoutNotice: true });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toMatch(/^body\.reason /);
    const res = await req(ops, 'POST', `/api/mailboxes/${id}/expire`, { withoutNotice: true, reason: 'user left, HR ticket 4411' });
    expect(res.statusCode).toBe(202);
    expect(await finishedRun(res.json().runId)).toMatchObject({ status: 'completed', totals: { deleted: 4 } });
    expect(await listMail(config, other)).toEqual({});
    const event = await app.prisma.auditEvent.findFirstOrThrow({ where: { action: 'mailbox.expire', entityId: String(id) } });
    expect(event.after).toMatchObject({ withoutNotice: true, reason: 'user left, HR ticket 4411' });
  });

  it('previews a policy across its mailboxes as a dry-run run', async () => {
    const standard = (await app.prisma.retentionPolicy.findUniqueOrThrow({ where: { name: 'Standard' } })).id;
    const res = await req(ops, 'POST', `/api/retention-policies/${standard}/preview`);
    expect(res.statusCode).toBe(202);
    const run = await finishedRun(res.json().runId);
    expect(run).toMatchObject({ dryRun: true, trigger: 'preview', scope: `policy:${standard}`, status: 'completed', totals: { deleted: 0, moved: 0 } });
    // Governed by the default policy: every mailbox of this file, none with a policy of its own.
    expect(run.mailboxesTotal).toBe(3);
    expect(run.totals.mailboxes).toEqual({ done: 3 });
    expect(run.totals.matched).toBe(0); // mailbox 52 was just expired; 50 and 51 are empty
  });

  it('pauses and resumes expiry; a sweep is refused while paused and runs once resumed', async () => {
    expect((await req(helpdesk, 'POST', '/api/expiry/pause')).statusCode).toBe(403);
    expect((await req(ops, 'POST', '/api/expiry/pause')).json()).toMatchObject({ paused: true });
    expect((await req(ops, 'POST', '/api/expiry/sweep', {})).json()).toMatchObject({ statusCode: 409, message: expect.stringMatching(/paused/) });
    expect((await req(ops, 'POST', '/api/expiry/resume')).json()).toMatchObject({ paused: false });
    // A POST without a body passes validation (it means a real run); here it is refused only for the pause.
    await req(ops, 'POST', '/api/expiry/pause');
    expect((await req(ops, 'POST', `/api/mailboxes/${mailboxId}/expire`)).statusCode).toBe(409);
    await req(ops, 'POST', '/api/expiry/resume');
    const res = await req(ops, 'POST', '/api/expiry/sweep', { dryRun: true });
    expect(res.statusCode).toBe(202);
    const run = await finishedRun(res.json().runId);
    expect(run).toMatchObject({ trigger: 'manual', scope: 'all', dryRun: true, status: 'completed' });
    expect((await req(helpdesk, 'GET', '/api/expiry/status')).json()).toMatchObject({ paused: false, lastRun: { id: run.id } });
  });

  it('documents every retention route in OpenAPI', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    for (const path of ['/api/retention-policies/', '/api/retention-policies/{id}/preview', '/api/mailboxes/{id}/retention', '/api/mailboxes/{id}/expiry-preview',
      '/api/mailboxes/{id}/expire', '/api/legal-holds/{id}/lift', '/api/expiry/sweep', '/api/expiry-runs/{id}', '/api/expired-messages', '/api/plans/{id}/retention-policy']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });
});
