// Real API (listening) with its workers, PostgreSQL, Redis, Dovecot, the built console and Debian's Chromium; nothing
// stubbed. "No id is shown where a name exists" (#19): every console screen is opened, with records that reference each
// other (a mailbox on a plan with a policy, its increase, notices and a resend, a run of it, a failed job for it, audit
// events on each), and no screen may show a row id for something that has a name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueEvents, Worker } from 'bullmq';
import type { Page } from 'playwright-core';
import { loginThroughForm, newPage } from '../harness/browser.ts';
import { startConsole, type RunningConsole } from '../harness/console.ts';
import { as, login, STAFF_PASSWORD } from '../harness/app.ts';
import { testMailUser, testPort } from '../harness/env.ts';
import { resetMaildir } from '../harness/mail.ts';
import { createWorkerRedis } from '../../server/core/lib/redis.ts';

let system: RunningConsole;
const user = testMailUser(23);
const ids: Record<string, number> = {};

/** Where a row id would show instead of a name: "mailboxId=9", "Mailbox #1", "Policy 4", "Entity 3", "resend of #12". */
const ID_PATTERNS = [
  /\b(?:mailbox|plan|policy|staff|entity|notification)Id ?[=:] ?\d+/i,
  /\b(?:mailbox|plan|policy|staff|entity|notice|notification|increase|hold|user)s? #\d+/i,
  /\b(?:mailbox|plan|policy|entity) \d+\b(?! ?(?:[KMGT]i?B|B\b|%|days?|messages?|folders?|mailboxes))/i,
  /\bresend of #\d+/i,
];

/** Text on the page that shows an id where a name exists. */
async function idsShown(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  return ID_PATTERNS.flatMap((pattern) => text.match(new RegExp(pattern, `${pattern.flags}g`)) ?? []);
}

async function failOneProbe(mailboxId: number) {
  const connection = createWorkerRedis(system.config.REDIS_URL);
  const worker = new Worker<unknown, unknown>('probe', async () => { throw new Error('Command failed'); }, { connection, prefix: system.config.QUEUE_PREFIX });
  const eventsConnection = createWorkerRedis(system.config.REDIS_URL);
  const events = new QueueEvents('probe', { connection: eventsConnection, prefix: system.config.QUEUE_PREFIX });
  await events.waitUntilReady();
  const job = await system.app.queues.probe.add('probe', { mailboxId }, { attempts: 1 });
  await job.waitUntilFinished(events).catch(() => undefined);
  await worker.close();
  await events.close();
  eventsConnection.disconnect();
  connection.disconnect();
}

beforeAll(async () => {
  system = await startConsole(testPort(10396), { staff: ['admin', 'ops', 'helpdesk'], env: { MAILBOX_READ_TIMEOUT_MS: '2000' } });
  const { prisma } = system.app;
  const ops = await login(system.app, 'ops@example.test');
  const policy = await as(system.app, ops, { method: 'POST', url: '/api/retention-policies', payload: { name: 'Named policy', rules: [{ folderSelector: 'INBOX', maxAgeDays: 30 }] } });
  expect(policy.statusCode, policy.body).toBe(201);
  ids.policy = policy.json().id;
  const plan = await as(system.app, ops, { method: 'POST', url: '/api/plans', payload: { name: 'Named plan', storageLimitBytes: 2 ** 30, isDefault: true } });
  expect(plan.statusCode, plan.body).toBe(201);
  ids.plan = plan.json().id;
  expect((await as(system.app, ops, { method: 'PUT', url: `/api/plans/${ids.plan}/retention-policy`, payload: { policyId: ids.policy } })).statusCode).toBe(200);
  await resetMaildir(user);
  const mailbox = await as(system.app, ops, { method: 'POST', url: '/api/mailboxes', payload: { address: user, imapLogin: user, displayName: 'Nina Names', planId: ids.plan } });
  expect(mailbox.statusCode, mailbox.body).toBe(201);
  ids.mailbox = mailbox.json().id;
  const increase = await as(system.app, ops, { method: 'POST', url: '/api/temporary-increases', payload: { mailboxId: ids.mailbox, extraBytes: 2 ** 30, expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(), reason: 'names test' } });
  expect(increase.statusCode, increase.body).toBe(201);
  const sentAt = new Date(Date.now() - 3600_000);
  const original = await prisma.notification.create({ data: { mailboxId: ids.mailbox, kind: 'near_quota', threshold: 85, dedupeKey: 'names-85', toAddress: user, data: {}, status: 'sent', subject: 'Your mailbox is 85% full', sentAt } });
  await prisma.notification.create({ data: { mailboxId: ids.mailbox, kind: 'near_quota', threshold: 85, dedupeKey: 'names-85-resend', toAddress: user, data: {}, status: 'sent', subject: 'Your mailbox is 85% full', sentAt: new Date(), resendOfId: original.id } });
  const run = await prisma.expiryRun.create({ data: { scope: `mailbox:${ids.mailbox}`, trigger: 'manual', createdBy: 'ops@example.test', status: 'completed', finishedAt: new Date(), mailboxesTotal: 1 } });
  ids.run = run.id;
  await prisma.expiryMailboxRun.create({ data: { runId: run.id, mailboxId: ids.mailbox, status: 'done', startedAt: new Date(), finishedAt: new Date(), examined: 3, matched: 1, deleted: 1, bytesFreed: 1000n } });
  const policyRun = await prisma.expiryRun.create({ data: { scope: `policy:${ids.policy}`, dryRun: true, trigger: 'manual', status: 'completed', finishedAt: new Date() } });
  ids.policyRun = policyRun.id;
  await failOneProbe(ids.mailbox);
  ids.helpdesk = (await prisma.staffUser.findFirstOrThrow({ where: { email: 'helpdesk@example.test' } })).id;
  ids.audit = Number((await prisma.auditEvent.findFirstOrThrow({ where: { action: 'mailbox.increase_granted' } })).id);
});
afterAll(() => system?.stop());

describe('no id where a name exists', () => {
  it('shows names on every screen: dashboard, lists, records, forms, jobs and the audit', async () => {
    const { page, close, allowConsoleErrors } = await newPage(system.browser, { height: 1200 });
    // The mailbox has no worker reading it here: the largest-messages read on its Usage tab answers 503 in time.
    allowConsoleErrors(/largest-messages/);
    await loginThroughForm(page, system.baseUrl, 'admin@example.test', STAFF_PASSWORD);
    const screens: [string, string][] = [
      ['/', 'Nightly sweep'],
      ['/mailboxes', user],
      [`/mailboxes/${ids.mailbox}/show`, 'Named plan'],
      [`/mailboxes/${ids.mailbox}/show/usage`, 'Usage history'],
      [`/mailboxes/${ids.mailbox}/show/retention`, 'Named policy'],
      [`/mailboxes/${ids.mailbox}/show/notices`, 'Your mailbox is 85% full'],
      [`/mailboxes/${ids.mailbox}/show/audit`, 'mailbox.increase_granted'],
      [`/mailboxes/${ids.mailbox}`, 'Limit override'],
      ['/plans', 'Named plan'],
      [`/plans/${ids.plan}`, 'Named plan'],
      ['/retention-policies', 'Named policy'],
      [`/retention-policies/${ids.policy}/show`, 'Named policy'],
      [`/retention-policies/${ids.policy}`, 'Named policy'],
      ['/expiry-runs', user],
      [`/expiry-runs/${ids.run}/show`, user],
      [`/expiry-runs/${ids.policyRun}/show`, 'Named policy'],
      ['/expired-messages', 'Expired messages'],
      ['/staff', 'helpdesk@example.test'],
      [`/staff/${ids.helpdesk}`, 'helpdesk@example.test'],
      ['/audit-events', 'mailbox.increase_granted'],
      [`/audit-events/${ids.audit}/show`, user],
      ['/space-requests', 'Space requests'],
      ['/jobs', user],
    ];
    const found: string[] = [];
    for (const [path, expected] of screens) {
      await page.goto(`${system.baseUrl}/#${path}`);
      await page.getByText(expected, { exact: false }).first().waitFor({ timeout: 15_000 });
      await page.waitForLoadState('networkidle');
      for (const shown of await idsShown(page)) found.push(`${path}: "${shown}"`);
      // How tall each part of the mailbox page is now (one page of ~2,700 px before the tabs, #19).
      if (path.includes('/show') && path.startsWith('/mailboxes')) console.log(`page height ${path}: ${await page.evaluate(() => document.documentElement.scrollHeight)} px`);
    }
    expect(found).toEqual([]);

    // Opened from a mailbox, the audit log's entity filter names the mailbox (it showed "Entity id: 1").
    const filter = encodeURIComponent(JSON.stringify({ entityType: 'mailbox', entityId: String(ids.mailbox) }));
    await page.goto(`${system.baseUrl}/#/audit-events?filter=${filter}`);
    await page.getByText('mailbox.increase_granted').first().waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByLabel('Mailbox', { exact: true }).inputValue(), { timeout: 10_000 }).toBe(user);
    await close();
  }, 180_000);

  it('catches an id where a name should be', () => {
    // The check itself: what the console showed before #19, and what it shows now.
    const check = (text: string) => ID_PATTERNS.some((p) => p.test(text));
    for (const before of ['mailboxId=9 Command failed', 'Mailbox #1', 'Policy #4', 'Entity 3', 'mailbox 2', 'resend of #12']) expect(check(before), before).toBe(true);
    for (const now of [`${user}: Command failed`, 'Policy Named policy', 'Expiry run #3: All mailboxes', 'mailbox 2 GiB', '12 mailboxes', 'resend of the notice of Dec 6']) expect(check(now), now).toBe(false);
  });
});
