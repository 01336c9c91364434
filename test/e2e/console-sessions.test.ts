// Real API (listening), PostgreSQL, Redis, the built console and Debian's Chromium: nothing stubbed.
// "Sign out everywhere" from the user menu ends this browser's session and every other one of the account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginThroughForm, newPage } from '../harness/browser.ts';
import { startConsole, type RunningConsole } from '../harness/console.ts';
import { login, STAFF_PASSWORD } from '../harness/app.ts';
import { testPort } from '../harness/env.ts';

let system: RunningConsole;

beforeAll(async () => {
  system = await startConsole(testPort(10472), { staff: ['ops'] });
});
afterAll(() => system?.stop());

describe('sign out everywhere (console)', () => {
  it('ends the session of this browser and of every other device of the account', async () => {
    const elsewhere = await login(system.app, 'ops@example.test'); // another device
    const { page, close, allowConsoleErrors } = await newPage(system.browser);
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
