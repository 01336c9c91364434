// Real API (listening) with the workers in-process, PostgreSQL, Redis, Dovecot (its passdb checks the mail password, its
// userdb reads the limit from dovecot_users), the built console and Debian's Chromium: nothing stubbed. A mail user signs
// in to /me on a phone, sees what expires, downloads it (the export service streams it; Python's mailbox reads the
// file), asks for more space; help desk approves in the console; Dovecot's limit rises.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginThroughForm, newPage, screenshot } from '../harness/browser.ts';
import { startConsole, type RunningConsole } from '../harness/console.ts';
import { STAFF_PASSWORD } from '../harness/app.ts';
import { TEST_MAIL_PASSWORD, testMailUser, testPort } from '../harness/env.ts';
import { createMailboxRow, createPolicy, seed } from '../harness/retention.ts';
import { withMailbox } from '../harness/mail.ts';
import { readMbox } from '../harness/exporter.ts';

const GiB = 1024 ** 3;
const user = testMailUser(44);
let system: RunningConsole;

beforeAll(async () => {
  system = await startConsole(testPort(10640), {
    staff: ['helpdesk'], workers: true, exporter: true,
    env: { MAIL_LOGIN_KEY: 'mail-login-key-for-e2e-0123456789abcdef', EXPORT_LINK_KEY: 'export-link-key-for-e2e-0123456789abcdef', EXPORT_PORT: String(testPort(10645)) },
  });
  const { prisma } = system.app;
  await prisma.quotaPlan.create({ data: { name: 'Student', storageLimitBytes: BigInt(GiB), isDefault: true } });
  const policy = await createPolicy(prisma, 'Forty days', [{ folderSelector: 'INBOX', maxAgeDays: 40 }]);
  await createMailboxRow(prisma, user, { retentionPolicyId: policy.id, displayName: 'Demo User' });
  await prisma.$executeRaw`UPDATE mailboxes SET effective_limit_bytes = ${BigInt(GiB)}`;
  await seed(system.config, user, [
    { folder: 'INBOX', count: 2, ageDays: 37, subjectPrefix: 'Old report' },
    { folder: 'INBOX', count: 1, ageDays: 2, subjectPrefix: 'New' },
  ]);
});
afterAll(() => system?.stop());

describe('self-service', () => {
  it('a user signs in on a phone, sees what expires, downloads it and asks for space; help desk approves; Dovecot\'s limit rises', async () => {
    const phone = await newPage(system.browser, { width: 390, height: 844 });
    const { page } = phone;
    await page.goto(`${system.baseUrl}/me`);
    await page.waitForURL(/\/me\/login$/);
    await page.getByLabel('Email address').fill(user);
    await page.getByLabel('Mail password').fill(TEST_MAIL_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/me$/);
    await page.getByText('Within 7 days').waitFor();
    const soon = page.locator('h3', { hasText: 'Within 7 days' }).locator('xpath=following-sibling::div[1]');
    expect(await soon.locator('tbody tr').first().innerText()).toMatch(/^INBOX\s+2\s/);
    await page.getByText('Old report INBOX 1/2').first().waitFor({ state: 'attached' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'me-phone');

    // Take it with you: the browser saves what expires within 7 days as an mbox, and Python's mailbox reads it intact.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download what expires' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^user44_example\.test-expiring-by-\d{4}-\d{2}-\d{2}\.mbox$/);
    const saved = await download.path();
    const got = readMbox(saved);
    const old = await withMailbox(system.config, user, async (c) => {
      const lock = await c.getMailboxLock('INBOX', { readOnly: true });
      try {
        const out: { messageId: string; source: Buffer }[] = [];
        for await (const m of c.fetch('1:*', { envelope: true, source: true })) if (m.envelope!.subject!.startsWith('Old report')) out.push({ messageId: m.envelope!.messageId!, source: m.source! });
        return out;
      } finally {
        lock.release();
      }
    });
    expect(got.map((m) => m.messageId).sort()).toEqual(old.map((m) => m.messageId).sort());
    for (const m of old) expect(got.find((g) => g.messageId === m.messageId)!.bytes.equals(m.source)).toBe(true);
    // A form whose answer is a download leaves the page mid-navigation in Chromium: start the next step from a fresh load.
    await page.goto(`${system.baseUrl}/me`);

    const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('How much more (GiB)').fill('2');
    await page.getByLabel('Why').fill('Thesis data until the defence');
    await page.getByLabel('Until').fill(until);
    await page.getByRole('button', { name: 'Send the request' }).click();
    await page.getByText('Your request was sent to the help desk.').waitFor();

    const desk = await newPage(system.browser);
    await loginThroughForm(desk.page, system.baseUrl, 'helpdesk@example.test', STAFF_PASSWORD);
    await desk.page.getByRole('menuitem', { name: /space requests/i }).click();
    await desk.page.getByText('Thesis data until the defence').waitFor();
    await desk.page.getByRole('button', { name: 'Approve' }).click();
    await desk.page.getByText('Approved: the limit is raised and the user is told').waitFor();
    await screenshot(desk.page, 'space-requests');
    await desk.close();

    const quota = await withMailbox(system.config, user, (c) => c.getQuota('INBOX'));
    expect(quota && quota.storage?.limit).toBe(3 * GiB);
    await page.reload();
    await page.getByText('approved', { exact: true }).waitFor();
    await phone.close();
  }, 90_000); // a whole user story and a help-desk approval in one browser: more than vitest's 30 s on a loaded machine
});
