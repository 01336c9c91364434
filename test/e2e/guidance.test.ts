// Real API (listening), PostgreSQL, Redis, the built console and Debian's Chromium: nothing stubbed. The public help
// page on a phone-sized viewport, and the console's mail settings, DNS records and article editor with live preview.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginThroughForm, newPage, screenshot } from '../harness/browser.ts';
import { startConsole, type RunningConsole } from '../harness/console.ts';
import { STAFF_PASSWORD } from '../harness/app.ts';
import { testPort } from '../harness/env.ts';

let system: RunningConsole;

beforeAll(async () => {
  system = await startConsole(testPort(10392), { staff: ['ops', 'helpdesk'] });
  await system.app.prisma.quotaPlan.create({ data: { name: 'Student', storageLimitBytes: BigInt(2 * 2 ** 30), isDefault: true } });
  await system.app.prisma.retentionPolicy.create({ data: { name: 'Standard', isDefault: true, rules: { create: [{ position: 1, folderSelector: 'INBOX', maxAgeDays: 32 }] } } });
});
afterAll(() => system?.stop());

describe('help page', () => {
  it('is readable on a phone: live numbers, no horizontal scrolling, no CSP violations', async () => {
    const { page, consoleErrors, close } = await newPage(system.browser, { width: 390, height: 844 });
    await page.goto(`${system.baseUrl}/help?email=alice%40example.org`);
    // No lookup here: the figures are the standard plan's and say so, never "your quota" (#19).
    await page.getByText('On the standard plan, INBOX mail older than 32 days is deleted; the quota is 2 GiB.').waitFor();
    await page.getByText("The quota and retention below are the standard plan's; yours may differ").waitFor();
    // The stylesheet applied (the page is not unstyled HTML) and nothing is wider than the screen.
    expect(await page.evaluate(() => getComputedStyle(document.body).margin)).toBe('0px');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.locator('summary', { hasText: 'Thunderbird' }).click();
    await page.getByText('Account Settings → Account Actions → Add Mail Account').waitFor();
    await screenshot(page, 'help-phone');
    expect(consoleErrors).toEqual([]);
    await close();
  });
});

describe('console', () => {
  it('lets ops edit the mail settings and shows the DNS records they imply', async () => {
    const { page, consoleErrors, close } = await newPage(system.browser);
    await loginThroughForm(page, system.baseUrl, 'ops@example.test', STAFF_PASSWORD);
    consoleErrors.length = 0;
    await page.getByRole('menuitem', { name: /mail settings/i }).click();
    const org = page.getByLabel('Organisation name');
    await org.waitFor();
    await org.fill('Example University');
    await page.getByRole('button', { name: /save/i }).click();
    await page.getByText('Mail settings saved').waitFor();
    await screenshot(page, 'mail-settings');
    expect((await system.app.prisma.mailSettings.findUniqueOrThrow({ where: { id: 1 } })).organisationName).toBe('Example University');

    await page.getByRole('menuitem', { name: /dns records/i }).click();
    await page.getByText('_imaps._tcp.example.org.').first().waitFor();
    await page.getByRole('button', { name: /copy zone snippet/i }).waitFor();
    await screenshot(page, 'dns-records');
    expect(consoleErrors).toEqual([]);
    await close();
  });

  it('previews an article live, rendered and sanitized by the server', async () => {
    const { page, consoleErrors, close } = await newPage(system.browser);
    await loginThroughForm(page, system.baseUrl, 'ops@example.test', STAFF_PASSWORD);
    consoleErrors.length = 0;
    await page.goto(`${system.baseUrl}/#/guidance-articles/create`);
    await page.getByLabel('Title').fill('Webmail');
    await page.getByLabel('Slug').fill('webmail');
    await page.getByLabel('Markdown').fill('Use **{{imap.host}}** on port {{imap.port}}. <img src=x onerror="window.pwned=1">');
    await page.getByText('Use mail.example.org on port 993.').waitFor();
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    await screenshot(page, 'article-editor');
    expect(consoleErrors).toEqual([]);
    await close();
  });

  it('shows helpdesk the settings read-only', async () => {
    const { page, close } = await newPage(system.browser);
    await loginThroughForm(page, system.baseUrl, 'helpdesk@example.test', STAFF_PASSWORD);
    await page.goto(`${system.baseUrl}/#/settings/mail`);
    await page.getByText('Only admin and ops can change these settings.').waitFor();
    expect(await page.getByRole('button', { name: /save/i }).count()).toBe(0);
    await close();
  });
});
