// Real API (listening), PostgreSQL, Redis, the built console and Debian's Chromium: nothing stubbed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginThroughForm, newPage, screenshot } from '../harness/browser.ts';
import { startConsole, type RunningConsole } from '../harness/console.ts';
import { STAFF_PASSWORD } from '../harness/app.ts';
import { testPort } from '../harness/env.ts';

let system: RunningConsole;

beforeAll(async () => {
  system = await startConsole(testPort(10380), { staff: ['admin', 'helpdesk'] });
});
afterAll(() => system?.stop());

describe('console foundation', () => {
  it('logs in as admin, lists staff, and shows the login in the audit log', async () => {
    const { page, close } = await newPage(system.browser);
    await loginThroughForm(page, system.baseUrl, 'admin@example.test', STAFF_PASSWORD);
    await page.goto(`${system.baseUrl}/#/staff`);
    await page.getByText('helpdesk@example.test').waitFor();
    await screenshot(page, 'staff-list');
    await page.goto(`${system.baseUrl}/#/audit-events`);
    await page.getByText('staff.login').first().waitFor();
    await screenshot(page, 'audit-log');
    await close(); // fails on any console error (test/harness/browser.ts)
  });

  it('rejects a wrong password on the login form with a readable message', async () => {
    const { page, close, allowConsoleErrors } = await newPage(system.browser);
    // The session check before login and the refused login itself: the browser logs both 401s.
    allowConsoleErrors(/status of 401 .*\/api\/auth\/(me|login)\)$/);
    await page.goto(`${system.baseUrl}/#/login`);
    await page.locator('input[name="username"]').fill('admin@example.test');
    await page.locator('input[name="password"]').fill('definitely wrong');
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.getByText(/invalid email or password/i).waitFor();
    await close();
  });

  it('does not offer staff management to helpdesk', async () => {
    const { page, close } = await newPage(system.browser);
    await loginThroughForm(page, system.baseUrl, 'helpdesk@example.test', STAFF_PASSWORD);
    await page.waitForTimeout(500);
    expect(await page.getByRole('menuitem', { name: /staff/i }).count()).toBe(0);
    const res = await page.request.get(`${system.baseUrl}/api/staff`);
    expect(res.status()).toBe(403);
    await close();
  });
});
