// Real API (listening) with the workers in-process, PostgreSQL, Redis, Dovecot (for the /me sign-in), the built console
// and Debian's Chromium; nothing stubbed. axe-core (the npm package, injected into each page) checks every console screen,
// the public help page and /me: a serious or critical violation on any screen fails the test, naming screen, rule and nodes.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loginThroughForm, newPage, screenshot } from '../harness/browser.ts';
import { startConsole, type RunningConsole } from '../harness/console.ts';
import { STAFF_PASSWORD } from '../harness/app.ts';
import { TEST_MAIL_PASSWORD, testMailUser, testPort } from '../harness/env.ts';
import { createMailboxRow, createPolicy, seed } from '../harness/retention.ts';

// Evaluated through the DevTools protocol rather than added as a <script>: the console's CSP (script-src 'self')
// rightly refuses an inline script, and loosening it for a test would hide what the CSP does.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core'), 'utf8');
const GiB = 1024n ** 3n;
const user = testMailUser(56);
let system: RunningConsole;
const ids: Record<string, number> = {};

interface Finding { screen: string; rule: string; impact: string; help: string; nodes: string[] }

/** axe-core on the page as it stands: the serious and critical violations only (moderate/minor are reported elsewhere). */
async function axeFindings(page: Page, screen: string): Promise<Finding[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    type Node = { target: unknown[]; any: { data?: { fgColor?: string; bgColor?: string; contrastRatio?: number } | null }[] };
    const result = await (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: Node[] }[] }> } }).axe.run(document);
    // For a contrast failure the colours measured say what to fix.
    const where = (n: Node) => {
      const c = n.any.find((a) => a.data?.contrastRatio !== undefined)?.data;
      return `${JSON.stringify(n.target)}${c ? ` ${c.fgColor} on ${c.bgColor} = ${c.contrastRatio}` : ''}`;
    };
    return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, nodes: v.nodes.slice(0, 5).map(where) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ screen, rule: v.id, impact: v.impact, help: v.help, nodes: v.nodes }));
}

/** Opens a screen, waits until its content (not a skeleton) is there, and runs axe on it. */
async function check(page: Page, screen: string, url: string, ready: (p: Page) => Promise<unknown>): Promise<Finding[]> {
  await page.goto(url);
  await ready(page);
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.locator('.MuiSkeleton-root, .MuiLinearProgress-root').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  // A button enabled as its data arrives fades from grey to its colour (MUI's 250 ms transition): measured mid-fade,
  // its text is neither colour (the jobs screen's Pause button was once read as #ab7349, 3.97:1). Measure at rest.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), undefined, { timeout: 5_000 }).catch(() => undefined);
  return axeFindings(page, screen);
}

const text = (t: string | RegExp) => (p: Page) => p.getByText(t).first().waitFor();
const heading = (t: string | RegExp) => (p: Page) => p.getByRole('heading', { name: t }).first().waitFor();

async function seedEverything() {
  const { prisma } = system.app;
  const plan = await prisma.quotaPlan.create({ data: { name: 'Staff', storageLimitBytes: GiB, isDefault: true } });
  ids.plan = plan.id;
  const policy = await createPolicy(prisma, 'Forty days', [{ folderSelector: 'INBOX', maxAgeDays: 40 }]);
  ids.policy = policy.id;
  const box = await createMailboxRow(prisma, user, { retentionPolicyId: policy.id, displayName: 'Ada Access' });
  await prisma.mailbox.update({ where: { id: box.id }, data: { planId: plan.id, effectiveLimitBytes: GiB, usedBytes: GiB / 2n, usagePercent: 50, usedMessages: 3, scannedAt: new Date() } });
  ids.mailbox = box.id;
  await seed(system.config, user, [{ folder: 'INBOX', count: 2, ageDays: 45, subjectPrefix: 'Old report' }, { folder: 'INBOX', count: 1, ageDays: 2, subjectPrefix: 'New' }]);
  const at = new Date(Date.now() - 3600_000);
  const run = await prisma.expiryRun.create({ data: { scope: 'all', status: 'completed', startedAt: at, finishedAt: new Date(at.getTime() + 60_000), mailboxesTotal: 1 } });
  ids.run = run.id;
  const mailboxRun = await prisma.expiryMailboxRun.create({ data: { runId: run.id, mailboxId: box.id, status: 'done', startedAt: at, finishedAt: at, examined: 3, matched: 1, deleted: 1, bytesFreed: 2048n } });
  await prisma.expiredMessage.create({ data: { mailboxRunId: mailboxRun.id, mailboxId: box.id, folder: 'INBOX', uidValidity: 1n, uid: 1, action: 'delete', state: 'done', size: 2048, subject: 'A very old newsletter', at } });
  // A long Message-ID and subject, as real mail has them: the table must still fit 1440 px.
  await prisma.expiredMessage.create({ data: {
    mailboxRunId: mailboxRun.id, mailboxId: box.id, folder: 'Archive/2019/Projects/Quarterly reports', uidValidity: 1712345678n, uid: 123456, action: 'move', movedTo: 'Trash', state: 'done', size: 12_345_678, at,
    messageId: `<${'CAF'.repeat(20)}.${'x1y2'.repeat(10)}@mail.gmail.example.com>`, subject: 'Re: Fwd: Re: Quarterly report for the board meeting, with every attachment and the minutes of the last three meetings',
    internalDate: at, sentDate: new Date(at.getTime() - 86_400_000),
  } });
  const notice = await prisma.notification.create({ data: {
    mailboxId: box.id, kind: 'near_quota', threshold: 90, dedupeKey: 'near:90:a11y', toAddress: user, status: 'sent', sentAt: at, subject: 'Your mailbox is 90% full',
    bodyText: 'Hello Ada Access,\n\nyour mailbox is 90% full.', data: { address: user, name: 'Ada Access', usedBytes: 900, limitBytes: 1000, percent: 90, threshold: 90 },
  } });
  ids.notice = notice.id;
  const article = await prisma.guidanceArticle.create({ data: { slug: 'thunderbird-imap', protocol: 'imap', client: 'thunderbird', title: 'Thunderbird over IMAP', markdown: '# Make room\n\nEmpty the **Trash**.' } });
  ids.article = article.id;
  await prisma.spaceRequest.create({ data: { mailboxId: box.id, extraBytes: GiB, reason: 'Thesis data', until: new Date(Date.now() + 30 * 86_400_000) } });
  const staff = await prisma.staffUser.findUniqueOrThrow({ where: { email: 'helpdesk@example.test' } });
  ids.staff = staff.id;
}

beforeAll(async () => {
  system = await startConsole(testPort(10650), {
    staff: ['admin', 'ops', 'helpdesk'],
    workers: true,
    // ops must enrol in MFA: that gives the MFA page to check; admin covers every other console screen.
    env: { MAIL_LOGIN_KEY: 'mail-login-key-for-e2e-0123456789abcdef', MFA_REQUIRED_ROLES: 'ops' },
  });
  await seedEverything();
}, 120_000);
afterAll(() => system?.stop());

describe('layout', () => {
  it('fits the expired-messages list, long Message-IDs and subjects included, in a 1440 px window', async () => {
    const { page, close } = await newPage(system.browser, { width: 1440, height: 900 });
    await loginThroughForm(page, system.baseUrl, 'admin@example.test', STAFF_PASSWORD);
    await page.goto(`${system.baseUrl}/#/expired-messages`);
    await page.getByText(/Quarterly report for the board/).waitFor();
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, window: window.innerWidth }));
    expect(widths.page).toBeLessThanOrEqual(widths.window);
    const table = await page.locator('table').first().boundingBox();
    expect(table!.x + table!.width).toBeLessThanOrEqual(1440); // the table itself fits: no scrolling inside its box either
    await screenshot(page, 'expired-messages-1440');
    await close();
  }, 60_000);
});

describe('accessibility (axe-core)', () => {
  it('finds no serious or critical violation on any screen', async () => {
    const base = system.baseUrl;
    const findings: Finding[] = [];
    const checked: string[] = [];
    const run = async (page: Page, screen: string, url: string, ready: (p: Page) => Promise<unknown>) => {
      findings.push(...await check(page, screen, url, ready));
      checked.push(screen);
    };

    // Signed out: the login page, the public help page, the /me sign-in.
    const anon = await newPage(system.browser);
    anon.allowConsoleErrors(/status of 401 .*\/api\/auth\/me\)$/); // the console's session check before sign-in
    await run(anon.page, 'login', `${base}/#/login`, (p) => p.locator('input[name="username"]').waitFor());
    await run(anon.page, 'help page', `${base}/help?email=${encodeURIComponent(user)}`, heading(/./));
    await run(anon.page, '/me sign-in', `${base}/me/login`, (p) => p.getByLabel('Mail password').waitFor());
    await anon.page.getByLabel('Email address').fill(user);
    await anon.page.getByLabel('Mail password').fill(TEST_MAIL_PASSWORD);
    await anon.page.getByRole('button', { name: 'Sign in' }).click();
    await anon.page.waitForURL(/\/me$/);
    await run(anon.page, '/me', `${base}/me`, text('Within 7 days'));
    await anon.close();

    // Every console screen, as admin (who sees them all).
    const { page, close } = await newPage(system.browser, { height: 1000 });
    await loginThroughForm(page, base, 'admin@example.test', STAFF_PASSWORD);
    const c = `${base}/#`;
    const screens: [string, string, (p: Page) => Promise<unknown>][] = [
      ['dashboard', `${c}/`, text('Last expiry run')],
      ['mailboxes list', `${c}/mailboxes`, text(user)],
      ['mailbox show', `${c}/mailboxes/${ids.mailbox}/show`, text('Ada Access')],
      ['mailbox edit', `${c}/mailboxes/${ids.mailbox}`, (p) => p.getByRole('button', { name: 'Save' }).waitFor()],
      ['mailbox create', `${c}/mailboxes/create`, (p) => p.getByRole('button', { name: 'Save' }).waitFor()],
      ['mailbox import', `${c}/mailboxes/import`, heading(/import/i)],
      ['quota plans list', `${c}/plans`, text('Staff')],
      ['quota plan edit', `${c}/plans/${ids.plan}`, (p) => p.getByRole('button', { name: 'Save' }).waitFor()],
      ['quota plan create', `${c}/plans/create`, (p) => p.getByRole('button', { name: 'Save' }).waitFor()],
      ['retention policies list', `${c}/retention-policies`, text('Forty days')],
      ['retention policy show', `${c}/retention-policies/${ids.policy}/show`, text('Forty days')],
      ['retention policy edit', `${c}/retention-policies/${ids.policy}`, (p) => p.getByRole('button', { name: 'Save' }).waitFor()],
      ['retention policy create', `${c}/retention-policies/create`, (p) => p.getByRole('button', { name: 'Save' }).waitFor()],
      ['expiry runs list', `${c}/expiry-runs`, text('All mailboxes')],
      ['expiry run show', `${c}/expiry-runs/${ids.run}/show`, text(user)],
      ['expired messages list', `${c}/expired-messages`, text('A very old newsletter')],
      ['staff list', `${c}/staff`, text('helpdesk@example.test')],
      ['staff edit', `${c}/staff/${ids.staff}`, (p) => p.getByRole('button', { name: 'Save' }).waitFor()],
      ['staff create', `${c}/staff/create`, (p) => p.getByRole('button', { name: 'Save' }).waitFor()],
      ['audit log list', `${c}/audit-events`, text('staff.login')],
      ['guidance articles list', `${c}/guidance-articles`, text('Thunderbird over IMAP')],
      ['guidance article show', `${c}/guidance-articles/${ids.article}/show`, text('Thunderbird over IMAP')],
      ['guidance article edit', `${c}/guidance-articles/${ids.article}`, (p) => p.getByRole('button', { name: 'Save' }).waitFor()],
      ['guidance article create', `${c}/guidance-articles/create`, (p) => p.getByRole('button', { name: 'Save' }).waitFor()],
      ['space requests list', `${c}/space-requests`, text('Thesis data')],
      ['notices list', `${c}/notifications`, text('Your mailbox is 90% full')],
      ['notice show', `${c}/notifications/${ids.notice}/show`, (p) => p.getByTestId('notice-body').waitFor()],
      ['notice templates list', `${c}/notice-templates`, text('Nearly full')],
      ['notice template edit', `${c}/notice-templates/near_quota`, (p) => p.getByTestId('preview-subject').waitFor()],
      ['notice template show', `${c}/notice-templates/near_quota/show`, text('Template: Nearly full')],
      ['jobs', `${c}/jobs`, (p) => p.getByRole('table', { name: 'Queues' }).waitFor()],
      ['mail settings', `${c}/settings/mail`, (p) => p.getByRole('button', { name: /save/i }).first().waitFor()],
      ['DNS records', `${c}/dns`, heading(/DNS/)],
      ['directory', `${c}/directory`, text('Directory source')],
    ];
    for (const [screen, url, ready] of screens) await run(page, screen, url, ready);
    // The audit event's own page: the newest one (any will do).
    const event = await system.app.prisma.auditEvent.findFirstOrThrow({ orderBy: { id: 'desc' } });
    await run(page, 'audit event show', `${c}/audit-events/${event.id}/show`, text(event.action));
    await close();

    // The MFA enrolment page (ops must enrol before anything else).
    const mfa = await newPage(system.browser);
    await loginThroughForm(mfa.page, base, 'ops@example.test', STAFF_PASSWORD);
    await mfa.page.waitForURL((url) => url.hash.startsWith('#/mfa'));
    await run(mfa.page, 'MFA enrolment', `${c}/mfa`, text('Your role requires two-factor authentication'));
    await mfa.close();

    console.log(`axe checked ${checked.length} screens: ${checked.join('; ')}`);
    expect(findings.map((f) => `${f.screen}: ${f.rule} (${f.impact}) ${f.help} at ${f.nodes.join(' ')}`)).toEqual([]);
  }, 300_000);
});
