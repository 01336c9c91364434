// Real PostgreSQL, the real Dovecot (its userdb reads dovecot_users), the API via app.inject, the real workers
// in-process and a real `doveadm kick` against that Dovecot (SESSION_KICK=doveadm with its own config). No stubs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ImapFlow } from 'imapflow';
import { as, createStaff, login, startTestApp, type Session } from '../harness/app.ts';
import { startJobsHarness, type JobsHarness } from '../harness/jobs.ts';
import { TEST_DOVECOT_DIR, TEST_MAIL_PASSWORD, TEST_PORTS, testMailUser, testPort } from '../harness/env.ts';
import { resetMaildir } from '../harness/mail.ts';
import { buildMessage } from '../../scripts/lib/seed-mail.ts';

const KiB = 1024;
const MiB = 1024 * KiB;
let app: FastifyInstance;
let jobs: JobsHarness;
let ops: Session;

beforeAll(async () => {
  const settings = { QUEUE_PREFIX: `mwtest-kick-${process.pid}`, SESSION_KICK: 'doveadm', DOVEADM_CONFIG: `${TEST_DOVECOT_DIR}/dovecot.conf` };
  ({ app } = await startTestApp(settings));
  jobs = await startJobsHarness(testPort(10456), settings);
  await createStaff(app, 'ops');
  ops = await login(app, 'ops@example.test');
});
afterAll(async () => {
  await jobs?.stop();
  await app?.close();
});

const userSession = async (user: string) => {
  const client = new ImapFlow({ host: '127.0.0.1', port: TEST_PORTS.imap, secure: false, auth: { user, pass: TEST_MAIL_PASSWORD }, logger: false });
  client.on('error', () => undefined); // a kicked connection may also report a socket error
  await client.connect();
  return client;
};
const message = (to: string, sizeBytes: number) => buildMessage({ from: 'a@example.test', to, subject: 'fill', date: new Date(), sizeBytes });
const closedWithin = (client: ImapFlow, ms: number) => new Promise<boolean>((resolve) => {
  if (!client.usable) return resolve(true);
  const timer = setTimeout(() => resolve(false), ms);
  client.once('close', () => { clearTimeout(timer); resolve(true); });
});

/** A mailbox with a 2 MiB limit, ~600 KB in it, its usage stored as a scan would, and a session of the user still open. */
async function openSessionOnFilledMailbox(n: number, limit: { planId?: number; limitOverrideBytes?: number }, beforeFill?: (mailboxId: number) => Promise<void>) {
  const user = testMailUser(n);
  await resetMaildir(user);
  const mailbox = (await as(app, ops, { method: 'POST', url: '/api/mailboxes', payload: { address: user, ...limit } })).json();
  await beforeFill?.(mailbox.id);
  const session = await userSession(user);
  for (let i = 0; i < 3; i++) await session.append('INBOX', message(user, 200_000));
  const quota = await session.getQuota('INBOX');
  const used = quota ? quota.storage?.usage : undefined;
  expect(used).toBeGreaterThan(500 * KiB);
  await app.prisma.mailbox.update({ where: { id: mailbox.id }, data: { usedBytes: BigInt(used!), scannedAt: new Date() } });
  return { user, mailboxId: mailbox.id as number, session };
}

async function expectKickedAndRefused(user: string, session: ImapFlow) {
  // Today an open session kept appending at 111 %: it must be closed instead.
  expect(await closedWithin(session, 10_000)).toBe(true);
  const fresh = await userSession(user);
  try {
    await expect(fresh.append('INBOX', message(user, 20_000))).rejects.toMatchObject({ serverResponseCode: 'OVERQUOTA' });
  } finally {
    await fresh.logout();
  }
}

describe('a limit lowered below usage reaches sessions already open', () => {
  it('when staff lower the override', async () => {
    const { user, mailboxId, session } = await openSessionOnFilledMailbox(58, { limitOverrideBytes: 2 * MiB });
    const res = await as(app, ops, { method: 'PUT', url: `/api/mailboxes/${mailboxId}`, payload: { limitOverrideBytes: 400 * KiB } });
    expect(res.statusCode).toBe(200);
    await expectKickedAndRefused(user, session);
  });

  it("when the plan's limit is lowered (through the plan-limits job)", async () => {
    const plan = (await as(app, ops, { method: 'POST', url: '/api/plans', payload: { name: 'Kick plan', storageLimitBytes: 2 * MiB } })).json();
    const { user, session } = await openSessionOnFilledMailbox(59, { planId: plan.id });
    expect((await as(app, ops, { method: 'PUT', url: `/api/plans/${plan.id}`, payload: { storageLimitBytes: 400 * KiB } })).statusCode).toBe(200);
    await expectKickedAndRefused(user, session);
  });

  it('when a temporary increase ends', async () => {
    let increaseId = 0;
    // The session opens while an increase makes room above the 400 KiB override; its end comes from the expiry job.
    const { user, session } = await openSessionOnFilledMailbox(60, { limitOverrideBytes: 400 * KiB }, async (mailboxId) => {
      const increase = await as(app, ops, { method: 'POST', url: '/api/temporary-increases', payload: { mailboxId, extraBytes: 2 * MiB, reason: 'exams', expiresAt: new Date(Date.now() + 86_400_000).toISOString() } });
      expect(increase.statusCode).toBe(201);
      increaseId = increase.json().id;
    });
    await app.prisma.temporaryIncrease.update({ where: { id: increaseId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await jobs.run(jobs.queues.maintenance, { task: 'expire-increases' });
    await expectKickedAndRefused(user, session);
  });

  it('leaves sessions alone when the lower limit is still above usage', async () => {
    const { mailboxId, session } = await openSessionOnFilledMailbox(57, { limitOverrideBytes: 2 * MiB });
    expect((await as(app, ops, { method: 'PUT', url: `/api/mailboxes/${mailboxId}`, payload: { limitOverrideBytes: MiB } })).statusCode).toBe(200);
    expect(await closedWithin(session, 2_000)).toBe(false);
    await session.logout();
  });
});
