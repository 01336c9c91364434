// Real: the API (PostgreSQL, Redis), the test Dovecot (its deny passdb and userdb read the migrated views of the test
// database) and Mailwarden's policy service in-process on the API's queue prefix. What each mailbox status does.
import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../server/core/config.ts';
import { as, createStaff, login, startTestApp, type Session } from '../harness/app.ts';
import { TEST_MAIL_PASSWORD, TEST_PORTS, testMailUser } from '../harness/env.ts';
import { withMailbox } from '../harness/mail.ts';
import { startTestPolicy, type TestPolicy } from '../harness/policy.ts';

const DISABLED_REPLY = '421 4.2.1 test: mailbox disabled';
const DELETED_REPLY = '550 5.1.1 test: mailbox deleted';
let app: FastifyInstance;
let config: Config;
let policy: TestPolicy;
let helpdesk: Session;
let ops: Session;

async function userLogin(user: string): Promise<string> {
  const client = new ImapFlow({ host: '127.0.0.1', port: TEST_PORTS.imap, secure: false, auth: { user, pass: TEST_MAIL_PASSWORD }, logger: false });
  try {
    await client.connect();
    await client.logout();
    return 'ok';
  } catch (err) {
    const e = err as { responseText?: string; serverResponseCode?: string; message: string };
    return `refused: ${e.serverResponseCode ?? ''} ${e.responseText ?? e.message}`.trim();
  }
}

/** Mailwarden's own access as master user (what the purge uses): the folder list of the mailbox. */
const masterLogin = (user: string) => withMailbox(config, user, async (c) => ((await c.list()).length > 0 ? 'ok' : 'no folders')).catch((e: Error) => `refused: ${e.message}`);

function policyAction(recipient: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(policy.port, '127.0.0.1', () =>
      socket.write(`request=smtpd_access_policy\nprotocol_state=RCPT\nrecipient=${recipient}\nsize=1000\n\n`));
    let data = '';
    socket.on('data', (b) => { data += b; if (data.endsWith('\n\n')) { socket.end(); resolve(data.trim().replace(/^action=/, '')); } });
    socket.on('error', reject);
  });
}

/** The policy service hears of a change over Redis: wait for the answer instead of sleeping a fixed time. */
async function eventually(fn: () => Promise<string>, want: string): Promise<string> {
  let got = '';
  for (let i = 0; i < 50 && (got = await fn()) !== want; i++) await new Promise((r) => setTimeout(r, 100));
  return got;
}

const setStatus = (session: Session, id: number, status: string, reason?: string) =>
  as(app, session, { method: 'POST', url: `/api/mailboxes/${id}/status`, payload: reason === undefined ? { status } : { status, reason } });

beforeAll(async () => {
  ({ app, config } = await startTestApp({ POLICY_DISABLED_ACTION: DISABLED_REPLY, POLICY_DELETED_ACTION: DELETED_REPLY, MAILBOX_PURGE_GRACE_DAYS: '30' }));
  await createStaff(app, 'helpdesk');
  await createStaff(app, 'ops');
  helpdesk = await login(app, 'helpdesk@example.test');
  ops = await login(app, 'ops@example.test');
  // Scanned just now, far under its limit: the quota decision for an active or suspended mailbox is DUNNO.
  await app.prisma.quotaPlan.create({ data: { name: 'Standard', storageLimitBytes: 10n ** 9n, isDefault: true } });
  policy = await startTestPolicy({ QUEUE_PREFIX: config.QUEUE_PREFIX, POLICY_DISABLED_ACTION: DISABLED_REPLY, POLICY_DELETED_ACTION: DELETED_REPLY });
});

afterAll(async () => {
  await policy?.stop();
  await app?.close();
});

async function createMailbox(n: number): Promise<number> {
  const res = await as(app, helpdesk, { method: 'POST', url: '/api/mailboxes', payload: { address: testMailUser(n), displayName: `User ${n}` } });
  expect(res.statusCode).toBe(201);
  const id = res.json().id as number;
  await app.prisma.mailbox.update({ where: { id }, data: { usedBytes: 0n, scannedAt: new Date() } });
  return id;
}

describe('mailbox statuses against Dovecot and the policy service', () => {
  it.each([
    // status, the user's own login, Mailwarden's master login, the policy service's answer
    ['active', 'ok', 'ok', 'DUNNO'],
    ['suspended', 'refused', 'ok', 'DUNNO'],
    ['disabled', 'refused', 'ok', DISABLED_REPLY],
    ['deleted', 'refused', 'ok', DELETED_REPLY],
  ])('%s: user login %s, master login %s, Postfix gets %s', async (status, user, master, reply) => {
    const n = { active: 51, suspended: 52, disabled: 53, deleted: 54 }[status]!;
    const id = await createMailbox(n);
    await app.prisma.mailbox.update({ where: { id }, data: { scannedAt: new Date() } });
    if (status !== 'active') expect((await setStatus(helpdesk, id, status, `ticket 4711: ${status}`)).statusCode).toBe(200);
    const login = await userLogin(testMailUser(n));
    if (user === 'ok') expect(login).toBe('ok');
    // The deny passdb refuses the login as failed authentication, never an internal error.
    else expect(login).toMatch(/^refused: AUTHENTICATIONFAILED/);
    expect(await masterLogin(testMailUser(n))).toBe(master);
    expect(await eventually(() => policyAction(testMailUser(n)), reply)).toBe(reply);
  });
});

describe('POST /api/mailboxes/:id/status', () => {
  it('needs a reason, names the field, and changes nothing without one', async () => {
    const id = await createMailbox(55);
    const res = await setStatus(helpdesk, id, 'suspended');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/reason/);
    expect(await app.prisma.mailbox.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'active' });
  });

  it('refuses a status change through PUT, naming the route to use', async () => {
    const id = await createMailbox(56);
    const res = await as(app, helpdesk, { method: 'PUT', url: `/api/mailboxes/${id}`, payload: { status: 'disabled' } });
    expect([res.statusCode, res.json().message]).toEqual([400, `body.status is changed with POST /api/mailboxes/${id}/status (with a reason), not here`]);
  });

  it('deletes with a purge time after the grace period, restores within it, and audits both with their reasons', async () => {
    const id = await createMailbox(57);
    const before = Date.now();
    const deleted = await setStatus(helpdesk, id, 'deleted', 'left the company, ticket 12');
    expect(deleted.statusCode).toBe(200);
    const purgeAfter = Date.parse(deleted.json().purgeAfter);
    expect(purgeAfter - before).toBeGreaterThanOrEqual(30 * 86_400_000 - 1000);
    expect(purgeAfter - Date.now()).toBeLessThanOrEqual(30 * 86_400_000);
    expect(deleted.json()).toMatchObject({ status: 'deleted', statusReason: 'left the company, ticket 12' });

    const restored = await setStatus(helpdesk, id, 'active', 'came back, ticket 13');
    expect(restored.json()).toMatchObject({ status: 'active', purgeAfter: null, deletedAt: null, statusReason: 'came back, ticket 13' });
    expect(await userLogin(testMailUser(57))).toBe('ok');

    const events = await app.prisma.auditEvent.findMany({ where: { entityType: 'mailbox', entityId: String(id), action: { in: ['mailbox.delete', 'mailbox.restore'] } }, orderBy: { id: 'asc' } });
    expect(events.map((e) => [e.action, e.actorEmail, (e.after as { reason: string }).reason])).toEqual([
      ['mailbox.delete', 'helpdesk@example.test', 'left the company, ticket 12'],
      ['mailbox.restore', 'helpdesk@example.test', 'came back, ticket 13'],
    ]);
  });

  it('refuses a restore once the grace period is over, and any change to a purged mailbox', async () => {
    const id = await createMailbox(58);
    await setStatus(helpdesk, id, 'deleted', 'left');
    await app.prisma.mailbox.update({ where: { id }, data: { purgeAfter: new Date(Date.now() - 1000) } });
    const late = await setStatus(helpdesk, id, 'active', 'too late');
    expect([late.statusCode, late.json().message]).toEqual([409, expect.stringMatching(/^the grace period ended on .*: the mailbox is being purged and can no longer be restored$/)]);
    await app.prisma.mailbox.update({ where: { id }, data: { purgedAt: new Date() } });
    expect((await setStatus(helpdesk, id, 'active', 'still too late')).json().message).toMatch(/^the mailbox was purged on /);
  });

  it('refuses to delete a mailbox under a legal hold', async () => {
    const id = await createMailbox(59);
    await app.prisma.legalHold.create({ data: { mailboxId: id, reason: 'litigation 7', setBy: 'ops@example.test' } });
    const res = await setStatus(ops, id, 'deleted', 'cleanup');
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/^legal hold #\d+ \(set by ops@example.test: litigation 7\) covers this mailbox/);
    expect(await app.prisma.mailbox.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'active', purgeAfter: null });
  });
});
