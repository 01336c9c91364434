// Real API (listening), PostgreSQL, Redis, Debian's Chromium; nothing stubbed. The pages the API serves besides the
// console (bull-board, the Swagger UI at /docs) load under the Content-Security-Policy they are sent with: the header
// says exactly what they need (no external origin, no 'unsafe-inline' script), every stylesheet, script and font they
// reference loads, and Chromium reports no CSP violation. Help desk opening the full board gets a page that says
// where to look instead, not raw JSON.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loginThroughForm, newPage } from '../harness/browser.ts';
import { startConsole, type RunningConsole } from '../harness/console.ts';
import { STAFF_PASSWORD } from '../harness/app.ts';
import { testPort } from '../harness/env.ts';

let system: RunningConsole;

beforeAll(async () => {
  system = await startConsole(testPort(10651), { staff: ['ops', 'helpdesk'] });
});
afterAll(() => system?.stop());

/** CSP directives of a header value, as a map of name -> sources. */
function directives(header: string | null): Map<string, string[]> {
  return new Map((header ?? '').split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...sources] = d.split(/\s+/);
    return [name, sources] as [string, string[]];
  }));
}

/** Opens `path`, records every response and CSP violation, and waits until the page has rendered. */
async function load(page: Page, path: string, ready: string) {
  const responses: { url: string; status: number; type: string }[] = [];
  page.on('response', (r) => responses.push({ url: r.url(), status: r.status(), type: r.request().resourceType() }));
  const violations: string[] = [];
  await page.exposeFunction('__cspViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) =>
    (window as unknown as { __cspViolation(v: string): void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`)));
  const main = await page.goto(`${system.baseUrl}${path}`);
  await page.locator(ready).first().waitFor({ timeout: 20_000 });
  await page.evaluate(() => document.fonts.ready);
  await page.waitForLoadState('networkidle');
  return { csp: directives(main!.headers()['content-security-policy'] ?? null), responses, violations };
}

const external = (sources: string[]) => sources.filter((s) => /^(https?:|\*|[a-z0-9.-]+\.[a-z]{2,})/i.test(s) && s !== "'self'");

describe('CSP of the pages besides the console', () => {
  it('bull-board loads with its self-hosted fonts and nothing from elsewhere', async () => {
    const { page, close } = await newPage(system.browser);
    await loginThroughForm(page, system.baseUrl, 'ops@example.test', STAFF_PASSWORD);
    const { csp, responses, violations } = await load(page, '/admin/queues/', 'text=probe');
    expect(violations).toEqual([]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(external(csp.get('style-src') ?? [])).toEqual([]);
    expect(external(csp.get('font-src') ?? [])).toEqual([]);
    const assets = responses.filter((r) => ['stylesheet', 'script', 'font'].includes(r.type));
    expect(assets.filter((r) => r.status !== 200 || !r.url.startsWith(system.baseUrl))).toEqual([]);
    expect(assets.some((r) => r.type === 'stylesheet' && r.url.includes('ibm-plex-sans'))).toBe(true);
    expect(assets.some((r) => r.type === 'font' && /ibm-plex-sans-latin-\d+-normal\.woff2$/.test(r.url))).toBe(true);
    expect(await page.evaluate(() => document.fonts.check('16px "IBM Plex Sans"'))).toBe(true);
    await close(); // no console error: a CSP refusal would be one
  }, 60_000);

  it('/docs (Swagger UI) loads its styles and scripts with no CSP violation', async () => {
    const { page, close } = await newPage(system.browser);
    const { csp, responses, violations } = await load(page, '/docs', '.swagger-ui .info');
    expect(violations).toEqual([]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(external(csp.get('style-src') ?? [])).toEqual([]);
    expect(csp.get('style-src')).toEqual(["'self'", expect.stringMatching(/^'sha256-[A-Za-z0-9+/]+=*'$/)]); // one inline style, by hash
    expect(external(csp.get('img-src') ?? [])).toEqual([]);
    const assets = responses.filter((r) => ['stylesheet', 'script'].includes(r.type));
    expect(assets.length).toBeGreaterThan(1);
    expect(assets.filter((r) => r.status !== 200 || !r.url.startsWith(system.baseUrl))).toEqual([]);
    await close();
  }, 60_000);

  it('gives help desk a page saying where to look when they open the full board', async () => {
    const { page, close, allowConsoleErrors } = await newPage(system.browser);
    await loginThroughForm(page, system.baseUrl, 'helpdesk@example.test', STAFF_PASSWORD);
    allowConsoleErrors(/status of 403 .*\/admin\/queues\/?\)$/);
    const res = await page.goto(`${system.baseUrl}/admin/queues/`);
    expect(res!.status()).toBe(403);
    expect(res!.headers()['content-type']).toMatch(/^text\/html/);
    await page.getByRole('heading', { name: 'The queue board is for ops and admin staff' }).waitFor();
    await page.getByRole('link', { name: /read-only queue board/ }).click();
    await page.waitForURL(/\/admin\/queues\/readonly\/$/);
    await page.getByText('probe').first().waitFor();
    await close();
    // An API client still gets the JSON error envelope.
    const json = await fetch(`${system.baseUrl}/admin/queues/`, { headers: { accept: 'application/json' } });
    expect(json.status).toBe(401);
    expect((await json.json()).message).toBe('Sign in to the console first');
  }, 60_000);
});
