// Debian's Chromium driven by playwright-core (never a downloaded browser), with the flags this
// machine needs (no sandbox as root, no background network).
// Console errors fail the test: every page records what the browser logs as an error (failed requests
// included) and uncaught exceptions, and `close()` throws when any is left that the test did not allow.
// The 401s of the console's session check before a login are part of logging in and are cleared by
// loginThroughForm; a test that provokes an error on purpose (a refused form) allows it.
import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import { CHROMIUM, ensurePackages } from '../../scripts/lib/system-packages.ts';

export const SCREENSHOT_DIR = 'test/e2e/screenshots';

export async function launchBrowser(): Promise<Browser> {
  ensurePackages([CHROMIUM]); // a fresh machine: installed once, here, when root with apt-get
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

interface ConsoleLog { errors: string[]; allowed: RegExp[] }
const logs = new WeakMap<Page, ConsoleLog>();

export interface TestPage {
  page: Page;
  /** Errors logged so far (text, and the URL of a failed request), for assertions of a test's own. */
  consoleErrors: string[];
  /** Errors matching this are expected by the test (e.g. the 400 of a form the server refuses). */
  allowConsoleErrors(pattern: RegExp): void;
  /** Closes the page; throws if the browser logged an error the test did not allow. */
  close(): Promise<void>;
}

export async function newPage(browser: Browser, opts: { width?: number; height?: number } = {}): Promise<TestPage> {
  const context = await browser.newContext({ viewport: { width: opts.width ?? 1366, height: opts.height ?? 900 } });
  const page = await context.newPage();
  const log: ConsoleLog = { errors: [], allowed: [] };
  logs.set(page, log);
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const url = msg.location().url;
    log.errors.push(url ? `${msg.text()} (${url})` : msg.text());
  });
  page.on('pageerror', (err) => log.errors.push(`uncaught: ${err.message}`));
  return {
    page,
    consoleErrors: log.errors,
    allowConsoleErrors: (pattern) => log.allowed.push(pattern),
    async close() {
      await context.close();
      const unexpected = log.errors.filter((e) => !log.allowed.some((pattern) => pattern.test(e)));
      if (unexpected.length) throw new Error(`the browser logged ${unexpected.length} console error(s):\n${unexpected.join('\n')}`);
    },
  };
}

export async function screenshot(page: Page, name: string) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
}

/** Log in through the real login form. The 401s of the console's session checks before the login are cleared. */
export async function loginThroughForm(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/#/login`);
  await page.locator('input[name="username"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL((url) => !url.hash.includes('login'), { timeout: 10_000 });
  const log = logs.get(page);
  if (log) log.errors.splice(0, log.errors.length, ...log.errors.filter((e) => !/status of 401/.test(e)));
}
