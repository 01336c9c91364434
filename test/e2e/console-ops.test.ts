// Real API (listening), PostgreSQL, Redis (BullMQ), the built console and Debian's Chromium. The dashboard's history
// (usage samples, an expiry run and its audit rows) is inserted as rows, and a throwaway BullMQ worker that always
// throws makes one real failed job: the figures are then known, and no IMAP work is needed to show them.
// The last test expires a real mailbox in the real Dovecot with the real workers (started for it alone, so the
// earlier figures cannot move), and finds that run on the dashboard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueEvents, Worker } from 'bullmq';
import { pino } from 'pino';
import { loginThroughForm, newPage, screenshot } from '../harness/browser.ts';
import { startConsole, type RunningConsole } from '../harness/console.ts';
import { as, login, STAFF_PASSWORD } from '../harness/app.ts';
import { testMailUser, testPort } from '../harness/env.ts';
import { resetMaildir, withMailbox } from '../harness/mail.ts';
import { listMail } from '../harness/retention.ts';
import { createWorkerRedis } from '../../server/core/lib/redis.ts';
import { startWorkers } from '../../jobs/start.ts';
import { seedMailbox } from '../../scripts/lib/seed-mail.ts';
import { registerSchedules } from '../../server/core/queues/schedules.ts';
import { registerExpirySchedule } from '../../server/core/queues/expiry-schedule.ts';

let system: RunningConsole;
let expiryMailboxId: number;
const expiryUser = testMailUser(15);
const DAY = 24 * 3600_000;
const GiB = 1024n ** 3n;

async function seedHistory() {
  const { prisma } = system.app;
  const plan = await prisma.quotaPlan.create({ data: { name: 'Staff', storageLimitBytes: GiB, isDefault: true } });
  const usage = [['ada', 104], ['grace', 97], ['linus', 86], ['ken', 40]] as const;
  const boxes = [];
  for (const [name, pct] of usage) {
    boxes.push(await prisma.mailbox.create({ data: {
      address: `${name}@example.test`, imapLogin: `${name}@example.test`, displayName: name[0].toUpperCase() + name.slice(1), planId: plan.id,
      effectiveLimitBytes: GiB, usedBytes: (GiB * BigInt(pct)) / 100n, usagePercent: pct, usedMessages: 100, scannedAt: new Date(Date.now() - 20 * 60_000),
    } }));
  }
  // Ten days of history: scans (ada over quota on the last six days) and nightly expiry runs.
  for (let d = 9; d >= 0; d--) {
    const at = new Date(Date.now() - d * DAY - 60_000);
    for (const [i, box] of boxes.entries()) {
      const pct = i === 0 && d < 6 ? 104 : 60 + i * 5;
      await prisma.usageSample.create({ data: { mailboxId: box.id, at, usedBytes: (GiB * BigInt(pct)) / 100n, usedMessages: 100, limitBytes: GiB } });
    }
    const run = await prisma.expiryRun.create({ data: { scope: 'all', status: 'completed', startedAt: at, finishedAt: new Date(at.getTime() + 95_000), mailboxesTotal: 4 } });
    for (const [i, box] of boxes.entries()) {
      const deleted = (d + i) % 4;
      const mailboxRun = await prisma.expiryMailboxRun.create({ data: { runId: run.id, mailboxId: box.id, status: 'done', startedAt: at, finishedAt: new Date(at.getTime() + 90_000), examined: 50, matched: deleted, deleted, bytesFreed: BigInt(deleted * 2_500_000) } });
      for (let uid = 1; uid <= deleted; uid++) {
        await prisma.expiredMessage.create({ data: { mailboxRunId: mailboxRun.id, mailboxId: box.id, folder: 'INBOX', uidValidity: BigInt(d + 1), uid, action: 'delete', state: 'done', size: 2_500_000, subject: 'old newsletter', at } });
      }
    }
  }
}

/** user15 on the Staff plan, whose plan follows "Short retention": 3 old read messages go, 2 young ones stay. */
async function seedExpiryMailbox() {
  const ops = await login(system.app, 'ops@example.test');
  const policy = await as(system.app, ops, { method: 'POST', url: '/api/retention-policies', payload: { name: 'Short retention', rules: [{ folderSelector: 'INBOX', maxAgeDays: 30 }] } });
  expect(policy.statusCode, policy.body).toBe(201);
  const plan = await system.app.prisma.quotaPlan.findUniqueOrThrow({ where: { name: 'Staff' } });
  const assigned = await as(system.app, ops, { method: 'PUT', url: `/api/plans/${plan.id}/retention-policy`, payload: { policyId: policy.json().id } });
  expect(assigned.statusCode, assigned.body).toBe(200);
  await resetMaildir(expiryUser);
  expiryMailboxId = (await system.app.prisma.mailbox.create({ data: { address: expiryUser, imapLogin: expiryUser, displayName: 'Olga Old-Mail', planId: plan.id, effectiveLimitBytes: GiB } })).id;
  await withMailbox(system.config, expiryUser, (c) => seedMailbox(c, expiryUser, [
    { folder: 'INBOX', count: 3, ageDays: [40, 60], flags: ['\\Seen'], subjectPrefix: 'expire old' },
    { folder: 'INBOX', count: 2, ageDays: 5, flags: ['\\Seen'], subjectPrefix: 'keep young' },
  ]));
}

/** A job of `queue` for `address`'s mailbox, failed for good by a throwaway worker that throws `message`. */
async function failJob(queue: 'probe' | 'usage-scan', address: string, message: string) {
  const connection = createWorkerRedis(system.config.REDIS_URL);
  const worker = new Worker<unknown, unknown>(queue, async () => { throw new Error(message); }, { connection, prefix: system.config.QUEUE_PREFIX });
  const eventsConnection = createWorkerRedis(system.config.REDIS_URL);
  const events = new QueueEvents(queue, { connection: eventsConnection, prefix: system.config.QUEUE_PREFIX });
  await events.waitUntilReady();
  const box = await system.app.prisma.mailbox.findUniqueOrThrow({ where: { address } });
  const data = queue === 'probe' ? { mailboxId: box.id } : { mailboxId: box.id, reason: 'manual' as const };
  const job = await (system.app.queues[queue] as unknown as { add(n: string, d: object, o: object): Promise<{ id?: string; waitUntilFinished(e: QueueEvents): Promise<unknown> }> }).add(queue, data, { attempts: 1 });
  await job.waitUntilFinished(events).catch(() => undefined);
  await worker.close();
  await events.close();
  eventsConnection.disconnect();
  connection.disconnect();
  return job.id!;
}
let probeJobId: string;
let scanJobId: string;

beforeAll(async () => {
  system = await startConsole(testPort(10383), { staff: ['ops', 'helpdesk'] });
  // What a worker start does: the recurring jobs the Jobs page lists.
  await registerSchedules(system.app.queues, system.config);
  await registerExpirySchedule(system.app.queues, system.config);
  await seedHistory();
  await seedExpiryMailbox();
  probeJobId = await failJob('probe', 'ada@example.test', 'IMAP login refused for ada@example.test');
  scanJobId = await failJob('usage-scan', 'grace@example.test', 'connect ECONNREFUSED 127.0.0.1:993');
});
afterAll(() => system?.stop());

describe('ops in the console', () => {
  it('sees the dashboard cards and charts, and pauses and resumes a queue on the Jobs page', async () => {
    const { page, close, allowConsoleErrors } = await newPage(system.browser, { height: 1200 });
    // The bad cron below is refused with a 400, which the browser logs like every failed request.
    allowConsoleErrors(/status of 400 .*\/api\/schedules\/scan-all\)$/);
    await loginThroughForm(page, system.baseUrl, 'ops@example.test', STAFF_PASSWORD);
    await page.goto(`${system.baseUrl}/#/`);
    await expect.poll(() => page.locator('[data-count="over quota"]').textContent(), { timeout: 10_000 }).toBe('1');
    expect(await page.locator('[data-count="near quota"]').textContent()).toBe('2');
    await page.getByText('ada@example.test (Ada)').waitFor();
    await page.getByText('Last usage scan').waitFor();
    await page.getByText('Last expiry run').waitFor();
    await page.getByText('Space freed per day').waitFor();
    await page.getByRole('table', { name: 'Queues' }).waitFor();
    await page.locator('.recharts-bar-rectangle').first().waitFor();
    // Last night at a glance (#19): the scheduled sweep's counts and ten good nights on the 14-night strip.
    await expect.poll(() => page.getByTestId('last-sweep').textContent()).toContain('4 done, 0 failed');
    expect(await page.locator('[data-verdict="ran"]').count()).toBe(10);
    const week = page.waitForResponse((r) => r.url().includes('/api/dashboard/series?days=7') && r.ok());
    await page.getByRole('button', { name: 'Last 7 days' }).click(); // the charts' time range
    await week;
    await screenshot(page, 'dashboard-ops');

    await page.getByRole('menuitem', { name: 'Jobs' }).click();
    // Expiry controls (#19): a dry-run sweep of every mailbox and the global pause, each asked for first.
    const controls = page.getByTestId('expiry-controls');
    await controls.getByRole('button', { name: 'Dry-run sweep' }).click();
    await page.getByRole('dialog', { name: 'Dry-run sweep of every mailbox?' }).getByRole('button', { name: 'Start dry run' }).click();
    await page.getByText(/^Dry-run sweep started: run #\d+/).waitFor();
    expect(await system.app.prisma.expiryRun.count({ where: { dryRun: true, trigger: 'manual', scope: 'all' } })).toBe(1);
    await system.app.queues['expiry-sweep'].drain(); // no worker here; the later real-expiry test starts workers
    // Sweep now (asked first): the run is recorded at once and shows in the runs list.
    await controls.getByRole('button', { name: 'Sweep now' }).click();
    await page.getByRole('dialog', { name: 'Sweep every mailbox now?' }).getByRole('button', { name: 'Sweep now' }).click();
    const started = await page.getByText(/^Sweep started: run #\d+/).textContent();
    const sweepRunId = Number(/#(\d+)/.exec(started!)![1]);
    expect(await system.app.prisma.expiryRun.findUniqueOrThrow({ where: { id: sweepRunId } })).toMatchObject({ dryRun: false, trigger: 'manual', scope: 'all' });
    await controls.getByRole('link', { name: `#${sweepRunId}` }).waitFor(); // "Last run" on the card
    await system.app.queues['expiry-sweep'].drain();
    await page.getByRole('menuitem', { name: /expiry runs/i }).click();
    await page.getByRole('row', { name: new RegExp(`^${sweepRunId}\\b`) }).waitFor();
    await page.getByRole('menuitem', { name: 'Jobs' }).click();
    await controls.getByRole('button', { name: 'Pause expiry', exact: true }).click();
    await page.getByRole('dialog', { name: 'Pause expiry?' }).getByRole('button', { name: 'Pause expiry' }).click();
    await controls.getByRole('button', { name: 'Resume expiry', exact: true }).waitFor();
    expect(await system.app.queues.expiry.isPaused()).toBe(true);
    await controls.getByRole('button', { name: 'Resume expiry', exact: true }).click();
    await page.getByRole('dialog', { name: 'Resume expiry?' }).getByRole('button', { name: 'Resume' }).click();
    await controls.getByRole('button', { name: 'Pause expiry', exact: true }).waitFor();
    expect(await system.app.queues.expiry.isPaused()).toBe(false);
    await page.getByRole('button', { name: 'Pause usage-scan' }).click();
    await page.getByRole('dialog', { name: 'Pause usage-scan?' }).getByRole('button', { name: 'Pause' }).click(); // asked first (#19)
    await page.getByRole('button', { name: 'Resume usage-scan' }).waitFor();
    expect(await system.app.queues['usage-scan'].isPaused()).toBe(true);
    // Failed jobs of every queue in one list (#19): the mailbox by address, the cause in plain words.
    const failed = page.getByRole('table', { name: 'Failed jobs' });
    await failed.getByText('IMAP login refused for ada@example.test').waitFor();
    const scanRow = failed.locator(`[data-queue="usage-scan"][data-job="${scanJobId}"]`);
    await scanRow.getByRole('link', { name: 'grace@example.test' }).waitFor();
    await scanRow.getByText('Could not connect: the server refused the connection (is it running?)').waitFor();
    await scanRow.getByText('connect ECONNREFUSED 127.0.0.1:993').waitFor(); // the raw reason stays beside it
    await failed.locator(`[data-queue="probe"][data-job="${probeJobId}"]`).getByRole('link', { name: 'ada@example.test' }).waitFor();
    await screenshot(page, 'jobs-failed');
    // Retry one: it goes back to waiting and leaves the list.
    await failed.getByRole('button', { name: `Retry probe job ${probeJobId}` }).click();
    await page.getByText(`probe job ${probeJobId} queued again`).waitFor();
    await failed.locator(`[data-queue="probe"][data-job="${probeJobId}"]`).waitFor({ state: 'detached' });
    expect(await (await system.app.queues.probe.getJob(probeJobId))!.getState()).toBe('waiting');
    // Retry all (asked first): the scan goes back too, and the card says what an empty list means.
    await page.getByRole('button', { name: 'Retry all' }).click();
    await page.getByRole('dialog', { name: 'Retry every failed job in any queue?' }).getByRole('button', { name: 'Retry all' }).click();
    await page.getByText('1 failed job(s) queued again').waitFor();
    await page.getByTestId('failed-jobs-empty').waitFor();
    expect(await (await system.app.queues['usage-scan'].getJob(scanJobId))!.getState()).toBe('waiting');
    await Promise.all([system.app.queues.probe.drain(), system.app.queues['usage-scan'].drain()]); // no worker here
    expect((await system.app.prisma.auditEvent.findMany({ where: { action: { in: ['job.retry', 'job.retry_all'] } } })).map((a) => a.action).sort()).toEqual(['job.retry', 'job.retry_all']);
    await page.getByRole('table', { name: 'Schedules' }).getByText('expiry-sweep', { exact: true }).waitFor();
    await screenshot(page, 'jobs');
    // The dashboard says what is paused (#19).
    await page.getByRole('menuitem', { name: 'Dashboard' }).click();
    await page.getByText('Paused queues: usage-scan.', { exact: false }).waitFor();
    await page.getByRole('menuitem', { name: 'Jobs' }).click();
    await page.getByRole('button', { name: 'Resume usage-scan' }).click();
    await page.getByRole('button', { name: 'Pause usage-scan' }).waitFor();
    expect(await system.app.queues['usage-scan'].isPaused()).toBe(false);

    // A bad cron is refused with the server's reason next to the field; the scheduler keeps its pattern.
    const cron = page.getByLabel('Cron pattern of scan-all');
    await cron.fill('61 * * * *');
    await page.locator('[data-schedule="scan-all"]').getByRole('button', { name: 'Save' }).click();
    await page.getByText(/^Cron pattern is not a valid cron pattern/).waitFor(); // worded for people, no schema path (#19)
    expect(await page.getByText(/body\./).count()).toBe(0);
    expect((await system.app.queues.maintenance.getJobScheduler('scan-all'))!.pattern).toBe(system.config.SCAN_CRON);
    const audit = await system.app.prisma.auditEvent.findMany({ where: { entityType: 'queue', entityId: 'usage-scan' } });
    expect(audit.map((a) => a.action).sort()).toEqual(['job.retry_all', 'queue.pause', 'queue.resume']); // retry all: one event per queue
    await close();
  }, 90_000);

  it('shows help desk the dashboard but no queue controls', async () => {
    const { page, close } = await newPage(system.browser);
    await loginThroughForm(page, system.baseUrl, 'helpdesk@example.test', STAFF_PASSWORD);
    await page.goto(`${system.baseUrl}/#/`);
    await page.getByText('Last expiry run').waitFor();
    await page.getByText('ada@example.test (Ada)').waitFor();
    await page.getByText('Mailboxes over quota per day').waitFor();
    expect(await page.getByRole('menuitem', { name: 'Jobs' }).count()).toBe(0);
    expect(await page.getByText('Queue health').count()).toBe(0);
    await screenshot(page, 'dashboard-helpdesk');
    await page.goto(`${system.baseUrl}/#/jobs`);
    await page.getByText('Queue and schedule control is for ops and admin staff.').waitFor();
    expect(await page.getByRole('button', { name: /^(Pause|Resume) / }).count()).toBe(0);
    expect((await page.request.get(`${system.baseUrl}/api/queues`)).status()).toBe(403);
    await close();
  }, 60_000);

  it('runs a dry run and then a real expiry of a mailbox, and sees that run on the dashboard', async () => {
    const connection = createWorkerRedis(system.config.REDIS_URL);
    const workers = startWorkers({ config: system.config, prisma: system.app.prisma, connection, logger: pino({ level: 'silent' }) });
    const { page, close } = await newPage(system.browser, { height: 1200 });
    try {
      await loginThroughForm(page, system.baseUrl, 'ops@example.test', STAFF_PASSWORD);
      // The plan shows the retention policy its mailboxes follow.
      await page.goto(`${system.baseUrl}/#/plans`);
      await page.getByRole('row', { name: /Staff/ }).getByText('Short retention').waitFor();
      await screenshot(page, 'plans');

      const search = page.getByRole('textbox', { name: 'Find a mailbox by address or name' });
      await search.fill(expiryUser);
      await search.press('Enter');
      await page.waitForURL((url) => url.hash === `#/mailboxes/${expiryMailboxId}/show`);
      await page.getByRole('tab', { name: 'Retention & holds' }).click();
      await page.getByText('Short retention', { exact: false }).first().waitFor();

      // The dry run: what would go, over IMAP, changing nothing.
      await page.getByRole('button', { name: 'Run expiry now' }).click();
      const preview = page.getByRole('dialog', { name: /Run expiry now/ });
      await preview.getByTestId('preview-total').getByText('3 messages').waitFor({ timeout: 20_000 });
      expect((await listMail(system.config, expiryUser)).INBOX).toHaveLength(5);
      // The real run, after the confirmation.
      await preview.getByRole('button', { name: 'Expire now' }).click();
      await page.getByRole('dialog', { name: /Expire 3 messages/ }).getByRole('button', { name: 'Expire now' }).click();
      await expect.poll(async () => (await system.app.prisma.expiryMailboxRun.findFirst({ where: { mailboxId: expiryMailboxId } }))?.status, { timeout: 30_000 }).toBe('done');
      const row = await system.app.prisma.expiryMailboxRun.findFirstOrThrow({ where: { mailboxId: expiryMailboxId } });
      expect(row.deleted).toBe(3);
      expect((await listMail(system.config, expiryUser)).INBOX).toHaveLength(2);

      // The dashboard's "Last expiry run" is this run: who, what, how much.
      await page.getByRole('menuitem', { name: 'Dashboard' }).click();
      const card = page.locator('.MuiCard-root', { has: page.getByText('Last expiry run') });
      await card.getByRole('link', { name: expiryUser }).waitFor({ timeout: 10_000 }); // the mailbox by address (#19)
      await card.getByText('3 deleted, 0 moved').waitFor();
      await card.getByText('1 done, 0 failed of 1').waitFor();
      await card.getByText('completed').waitFor();
      await page.locator('.recharts-bar-rectangle').first().waitFor();
      await screenshot(page, 'dashboard-after-expiry');
      await card.getByRole('link', { name: `#${row.runId}` }).click();
      await page.waitForURL((url) => url.hash === `#/expiry-runs/${row.runId}/show`);
      await page.getByRole('link', { name: expiryUser }).first().waitFor();
      // The runs list names the mailbox; the nightly rows say "All mailboxes".
      await page.getByRole('menuitem', { name: /expiry runs/i }).click();
      await page.getByRole('row', { name: new RegExp(`^${row.runId}\\b`) }).getByRole('link', { name: expiryUser }).waitFor();
      expect(await page.getByText(/Mailbox #\d/).count()).toBe(0);
    } finally {
      await workers.close();
      connection.disconnect();
    }
    await close();
  }, 120_000);
});
