// Real API (listening), PostgreSQL, Redis, the built console and Debian's Chromium: nothing stubbed.
// "Sign out everywhere" from the user menu ends this browser's session and every other one of the account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, loginThroughForm, newPage } from '../harness/browser.ts';
import { startSystem, type RunningSystem } from '../harness/server.ts';
import { createStaff, login, STAFF_PASSWORD } from '../harness/app.ts';
import { testPort } from '../harness/env.ts';

let system: RunningSystem;
let browser: Browser;

beforeAll(async () => {
  system = await startSystem(testPort(10472));
  await createStaff(system.app, 'ops');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

describe('sign out everywhere (console)', () => {
  it('ends the session of this browser and of every other device of the account', async () => {
    const elsewhere = await login(system.app, 'ops@example.test'); // another device
    const { page, close, allowConsoleErrors } = await newPage(browser);
    allowConsoleErrors(/status of 401 .*\/api\/auth\/(me|logout)\)$/); // the session check after, and the logout of a session already gone
    await loginThroughForm(page, system.baseUrl, 'ops@example.test', STAFF_PASSWORD);
    await page.getByRole('button', { name: 'Profile' }).click();
    await page.getByRole('menuitem', { name: 'Sign out everywhere' }).click();
    await page.waitForURL((url) => url.hash.includes('login'), { timeout: 10_000 });
    const me = await system.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: elsewhere.cookie } });
    expect(me.statusCode).toBe(401);
    expect(await system.app.prisma.session.count({ where: { staff: { email: 'ops@example.test' } } })).toBe(0);
    await close();
  }, 60_000);
});
