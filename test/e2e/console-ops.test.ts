// Real API (listening), PostgreSQL, Redis (BullMQ), the built console and Debian's Chromium. The dashboard's history
// (usage samples, an expiry run and its audit rows) is inserted as rows, and a throwaway BullMQ worker that always
// throws makes one real failed job: the figures are then known, and no IMAP work is needed to show them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { QueueEvents, Worker } from 'bullmq';
import { launchBrowser, loginThroughForm, newPage, screenshot } from '../harness/browser.ts';
import { startSystem, type RunningSystem } from '../harness/server.ts';
import { createStaff, STAFF_PASSWORD } from '../harness/app.ts';
import { testPort } from '../harness/env.ts';
import { createWorkerRedis } from '../../server/lib/redis.ts';
import { registerSchedules } from '../../jobs/schedules.ts';
import { registerExpirySchedule } from '../../jobs/expiry-schedule.ts';

let system: RunningSystem;
let browser: Browser;
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

async function failOneProbe() {
  const connection = createWorkerRedis(system.config.REDIS_URL);
  const worker = new Worker<unknown, unknown>('probe', async () => { throw new Error('IMAP login refused for ada@example.test'); }, { connection, prefix: system.config.QUEUE_PREFIX });
  const eventsConnection = createWorkerRedis(system.config.REDIS_URL);
  const events = new QueueEvents('probe', { connection: eventsConnection, prefix: system.config.QUEUE_PREFIX });
  await events.waitUntilReady();
  const job = await system.app.queues.probe.add('probe', { mailboxId: 1 }, { attempts: 1 });
  await job.waitUntilFinished(events).catch(() => undefined);
  await worker.close();
  await events.close();
  eventsConnection.disconnect();
  connection.disconnect();
}

beforeAll(async () => {
  system = await startSystem(testPort(10383));
  await createStaff(system.app, 'ops');
  await createStaff(system.app, 'helpdesk');
  // What a worker start does: the recurring jobs the Jobs page lists.
  await registerSchedules(system.app.queues, system.config);
  await registerExpirySchedule(system.app.queues, system.config);
  await seedHistory();
  await failOneProbe();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

describe('ops in the console', () => {
  it('sees the dashboard cards and charts, and pauses and resumes a queue on the Jobs page', async () => {
    const { page, consoleErrors, close } = await newPage(browser, { height: 1200 });
    await loginThroughForm(page, system.baseUrl, 'ops@example.test', STAFF_PASSWORD);
    consoleErrors.length = 0;
    await page.goto(`${system.baseUrl}/#/`);
    await expect.poll(() => page.locator('[data-count="over quota"]').textContent(), { timeout: 10_000 }).toBe('1');
    expect(await page.locator('[data-count="near quota"]').textContent()).toBe('2');
    await page.getByText('ada@example.test (Ada)').waitFor();
    await page.getByText('Last usage scan').waitFor();
    await page.getByText('Last expiry run').waitFor();
    await page.getByText('Space freed per day').waitFor();
    await page.getByRole('table', { name: 'Queues' }).waitFor();
    await page.locator('.recharts-bar-rectangle').first().waitFor();
    await screenshot(page, 'dashboard-ops');

    await page.getByRole('menuitem', { name: 'Jobs' }).click();
    await page.getByRole('button', { name: 'Pause usage-scan' }).click();
    await page.getByRole('button', { name: 'Resume usage-scan' }).waitFor();
    expect(await system.app.queues['usage-scan'].isPaused()).toBe(true);
    await page.getByText('IMAP login refused for ada@example.test').waitFor();
    await page.getByRole('table', { name: 'Schedules' }).getByText('expiry-sweep', { exact: true }).waitFor();
    await screenshot(page, 'jobs');
    await page.getByRole('button', { name: 'Resume usage-scan' }).click();
    await page.getByRole('button', { name: 'Pause usage-scan' }).waitFor();
    expect(await system.app.queues['usage-scan'].isPaused()).toBe(false);

    // A bad cron is refused with the server's reason next to the field; the scheduler keeps its pattern.
    const cron = page.getByLabel('Cron pattern of scan-all');
    await cron.fill('61 * * * *');
    await page.locator('[data-schedule="scan-all"]').getByRole('button', { name: 'Save' }).click();
    await page.getByText(/body\.pattern is not a valid cron pattern/).waitFor();
    expect((await system.app.queues.maintenance.getJobScheduler('scan-all'))!.pattern).toBe(system.config.SCAN_CRON);
    const audit = await system.app.prisma.auditEvent.findMany({ where: { entityType: 'queue', entityId: 'usage-scan' } });
    expect(audit.map((a) => a.action).sort()).toEqual(['queue.pause', 'queue.resume']);
    // The 400 above is the only error the browser logged (it reports every failed fetch).
    expect(consoleErrors.filter((e) => !/favicon|status of 400/.test(e))).toEqual([]);
    await close();
  }, 90_000);

  it('shows help desk the dashboard but no queue controls', async () => {
    const { page, consoleErrors, close } = await newPage(browser);
    await loginThroughForm(page, system.baseUrl, 'helpdesk@example.test', STAFF_PASSWORD);
    consoleErrors.length = 0;
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
    expect(consoleErrors.filter((e) => !/favicon/.test(e))).toEqual([]);
    await close();
  }, 60_000);
});
