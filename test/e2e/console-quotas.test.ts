// Real API (listening) + workers, PostgreSQL, Redis, Dovecot, the built console and Debian's Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, loginThroughForm, newPage, screenshot } from '../harness/browser.ts';
import { startSystem, type RunningSystem } from '../harness/server.ts';
import { createStaff, STAFF_PASSWORD } from '../harness/app.ts';
import { testMailUser, testPort } from '../harness/env.ts';
import { resetMaildir, withMailbox } from '../harness/mail.ts';
import { seedMailbox } from '../../scripts/lib/seed-mail.ts';

let system: RunningSystem;
let browser: Browser;
let mailboxId: number;
const login = testMailUser(19);

beforeAll(async () => {
  system = await startSystem(testPort(10381), { workers: true });
  await createStaff(system.app, 'helpdesk');
  const plan = await system.app.prisma.quotaPlan.create({ data: { name: 'Student', storageLimitBytes: 1024n * 1024n, isDefault: true } });
  await resetMaildir(login);
  const mailbox = await system.app.prisma.mailbox.create({ data: { address: login, imapLogin: login, displayName: 'Quinn Quota', planId: plan.id, effectiveLimitBytes: 1024n * 1024n } });
  mailboxId = mailbox.id;
  await withMailbox(system.config, login, (c) => seedMailbox(c, login, [{ folder: 'INBOX', count: 8, ageDays: [0, 40], sizeBytes: 100_000 }, { folder: '\\Trash', count: 2, ageDays: 3, sizeBytes: 20_000 }]));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

describe('help desk on the mailbox page', () => {
  it('finds the user, recalculates usage, grants +1 GiB for 7 days and sees it in the audit log', async () => {
    const { page, consoleErrors, close } = await newPage(browser);
    await loginThroughForm(page, system.baseUrl, 'helpdesk@example.test', STAFF_PASSWORD);
    consoleErrors.length = 0;
    await page.goto(`${system.baseUrl}/#/mailboxes`);
    await page.getByText(login).first().waitFor();
    await page.goto(`${system.baseUrl}/#/mailboxes/${mailboxId}/show`);
    await page.getByRole('button', { name: /recalculate now/i }).click();
    // 8 × 100 kB + 2 × 20 kB in a 1 MiB quota: the scan puts it near the limit.
    await expect.poll(async () => Number((await system.app.prisma.mailbox.findUnique({ where: { id: mailboxId } }))?.usedBytes ?? 0), { timeout: 20_000 }).toBeGreaterThan(800_000);
    await page.reload();
    await page.getByText(/Trash/).first().waitFor();
    await screenshot(page, 'mailbox-show');

    await page.getByRole('button', { name: /\+1 GiB.*7 days/i }).click();
    await page.getByLabel(/reason/i).first().fill('exam week, ticket 4711');
    await page.getByRole('button', { name: /^(grant|confirm)/i }).last().click();
    const dialogConfirm = page.getByRole('dialog').getByRole('button', { name: /confirm|grant|yes/i });
    if (await dialogConfirm.count()) await dialogConfirm.first().click();
    await expect.poll(async () => system.app.prisma.temporaryIncrease.count({ where: { mailboxId } }), { timeout: 10_000 }).toBe(1);
    const effective = await system.app.prisma.mailbox.findUnique({ where: { id: mailboxId } });
    expect(Number(effective!.effectiveLimitBytes)).toBe(1024 * 1024 + 1024 ** 3);

    await page.goto(`${system.baseUrl}/#/audit-events`);
    await page.getByText('mailbox.increase_granted').first().waitFor();
    await screenshot(page, 'audit-after-increase');
    expect(consoleErrors.filter((e) => !/favicon/.test(e))).toEqual([]);
    await close();
  });
});
