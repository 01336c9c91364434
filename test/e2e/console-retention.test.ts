// Real API (listening) + workers, PostgreSQL, Redis, Dovecot, the built console and Debian's Chromium; nothing stubbed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginThroughForm, newPage, screenshot } from '../harness/browser.ts';
import { startConsole, type RunningConsole } from '../harness/console.ts';
import { as, login, STAFF_PASSWORD } from '../harness/app.ts';
import { testMailUser, testPort } from '../harness/env.ts';
import { listMail } from '../harness/retention.ts';
import { resetMaildir, withMailbox } from '../harness/mail.ts';
import { seedMailbox, type SeededMessage } from '../../scripts/lib/seed-mail.ts';

const SEEN = ['\\Seen'];
const user = testMailUser(18);
let system: RunningConsole;
let mailboxId: number;
let policyId: number;
let seeded: SeededMessage[];

beforeAll(async () => {
  system = await startConsole(testPort(10382), { staff: ['ops', 'helpdesk'], workers: true });
  // This ops member reads subjects in previews and the audit: an admin granted it (test/e2e/console-mfa.test.ts shows the console without).
  await system.app.prisma.staffUser.update({ where: { email: 'ops@example.test' }, data: { canViewMessageMetadata: true } });
  const ops = await login(system.app, 'ops@example.test');
  const created = await as(system.app, ops, {
    method: 'POST', url: '/api/retention-policies',
    payload: { name: 'Classic 32 days', description: 'INBOX mail older than 32 days is deleted', rules: [{ folderSelector: 'INBOX', maxAgeDays: 32 }] },
  });
  expect(created.statusCode, created.body).toBe(201);
  policyId = created.json().id;

  await resetMaildir(user);
  const mailbox = await system.app.prisma.mailbox.create({ data: { address: user, imapLogin: user, displayName: 'Rita Retention' } });
  mailboxId = mailbox.id;
  const assigned = await as(system.app, ops, { method: 'PUT', url: `/api/mailboxes/${mailboxId}/retention-policy`, payload: { policyId } });
  expect(assigned.statusCode, assigned.body).toBe(200);
  // 5 read messages past 32 days go; young mail and old flagged mail (keepFlagged by default) stay.
  seeded = await withMailbox(system.config, user, (c) => seedMailbox(c, user, [
    { folder: 'INBOX', count: 5, ageDays: [40, 60], flags: SEEN, subjectPrefix: 'expire old' },
    { folder: 'INBOX', count: 3, ageDays: 5, flags: SEEN, subjectPrefix: 'keep young' },
    { folder: 'INBOX', count: 1, ageDays: 50, flags: [...SEEN, '\\Flagged'], subjectPrefix: 'keep flagged' },
  ]));
});

afterAll(() => system?.stop());

describe('ops expires a mailbox from the console', () => {
  it('previews 5 messages, expires them, puts and lifts a legal hold, and finds the run and the per-message audit', async () => {
    const { page, close } = await newPage(system.browser, { height: 1200 });
    await loginThroughForm(page, system.baseUrl, 'ops@example.test', STAFF_PASSWORD);

    await page.goto(`${system.baseUrl}/#/mailboxes/${mailboxId}/show/retention`); // the tab with retention, holds and expiry
    await page.getByText('Classic 32 days: assigned to this mailbox').waitFor();
    await page.getByText('No expiry has run on this mailbox yet.').waitFor();
    await page.getByText('No active hold: expiry applies as the policy says.').waitFor();
    await screenshot(page, 'retention-mailbox-show');

    await page.getByRole('button', { name: 'Run expiry now' }).click();
    const preview = page.getByRole('dialog', { name: /Run expiry now/ });
    await preview.getByTestId('preview-total').getByText('5 messages').waitFor({ timeout: 20_000 });
    await preview.getByText('expire old INBOX 1/5').waitFor();
    await screenshot(page, 'retention-expiry-preview');
    expect(await system.app.prisma.expiryMailboxRun.count()).toBe(0); // the preview changed nothing

    await preview.getByRole('button', { name: 'Expire now' }).click();
    await page.getByRole('dialog', { name: /Expire 5 messages/ }).getByRole('button', { name: 'Expire now' }).click();
    await expect.poll(async () => (await system.app.prisma.expiryMailboxRun.findFirst({ where: { mailboxId } }))?.status, { timeout: 30_000 }).toBe('done');
    const row = await system.app.prisma.expiryMailboxRun.findFirstOrThrow({ where: { mailboxId } });
    expect(row.deleted).toBe(5);
    expect((await listMail(system.config, user)).INBOX).toHaveLength(4);

    await page.getByText('5 deleted, 0 moved', { exact: false }).waitFor({ timeout: 15_000 });

    await page.getByRole('button', { name: 'Put on hold' }).click();
    const holdDialog = page.getByRole('dialog', { name: /legal hold/ });
    await holdDialog.getByLabel('Reason').fill('litigation 2026-17');
    await holdDialog.getByRole('button', { name: 'Put on hold' }).click();
    await page.getByText('Under legal hold: no expiry touches this mailbox while the hold lasts.').waitFor();
    await page.getByText('litigation 2026-17').first().waitFor();
    await screenshot(page, 'retention-legal-hold');
    await page.getByRole('button', { name: 'Lift hold' }).click();
    await page.getByRole('dialog', { name: 'Lift this legal hold?' }).getByRole('button', { name: 'Lift hold' }).click();
    await page.getByText('No active hold: expiry applies as the policy says.').waitFor();
    const hold = await system.app.prisma.legalHold.findFirstOrThrow({ where: { mailboxId } });
    expect(hold).toMatchObject({ reason: 'litigation 2026-17', setBy: 'ops@example.test' });
    expect(hold.liftedAt).not.toBeNull();

    await page.goto(`${system.baseUrl}/#/expiry-runs`);
    // Names, not ids (#19): the run names its mailbox by address.
    await page.getByRole('link', { name: user }).first().waitFor();
    await page.getByText('5 deleted · 0 moved').waitFor();
    await screenshot(page, 'retention-expiry-runs');

    await page.getByText('5 deleted · 0 moved').click(); // the row opens its run
    await page.getByText(`Expiry run #${row.runId}:`).waitFor();
    await page.getByRole('link', { name: user }).first().waitFor();
    await page.getByText('done', { exact: true }).click(); // the mailbox row opens to its folders and messages
    for (let i = 1; i <= 5; i++) await page.getByText(`expire old INBOX ${i}/5`).waitFor();
    expect(await page.getByText(/keep (young|flagged)/).count()).toBe(0);
    await screenshot(page, 'retention-run-show');

    const old = seeded[0]; // "expire old INBOX 1/5"
    const filter = encodeURIComponent(JSON.stringify({ messageId: old.messageId }));
    await page.goto(`${system.baseUrl}/#/expired-messages?filter=${filter}`);
    await page.getByText(old.messageId).waitFor();
    await page.getByText(user).first().waitFor();
    await screenshot(page, 'retention-what-happened');

    await page.goto(`${system.baseUrl}/#/retention-policies/${policyId}`);
    await page.getByRole('button', { name: 'Add rule' }).waitFor();
    await screenshot(page, 'retention-policy-edit');

    await close();
  }, 120_000);
});

describe('help desk and retention policies', () => {
  it('can read a policy but cannot reach its edit page or change it', async () => {
    const { page, close } = await newPage(system.browser);
    await loginThroughForm(page, system.baseUrl, 'helpdesk@example.test', STAFF_PASSWORD);
    await page.goto(`${system.baseUrl}/#/retention-policies/${policyId}/show`);
    await page.getByText('Classic 32 days').first().waitFor();

    await page.goto(`${system.baseUrl}/#/retention-policies/${policyId}`);
    await page.waitForURL((url) => url.hash.includes('access-denied'), { timeout: 10_000 });
    await page.getByText("You don't have the right permissions to access this page").waitFor();
    expect(await page.getByRole('button', { name: 'Add rule' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /save/i }).count()).toBe(0);
    await screenshot(page, 'retention-helpdesk-denied');

    await close();
    const helpdesk = await login(system.app, 'helpdesk@example.test');
    const res = await as(system.app, helpdesk, { method: 'PUT', url: `/api/retention-policies/${policyId}`, payload: { name: 'hijacked' } });
    expect(res.statusCode).toBe(403);
  });
});
