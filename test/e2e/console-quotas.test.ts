// Real API (listening) + workers, PostgreSQL, Redis, Dovecot, an SMTP sink for the notices, the built console and
// Debian's Chromium; nothing stubbed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loginThroughForm, newPage, screenshot } from '../harness/browser.ts';
import { startConsole, type RunningConsole } from '../harness/console.ts';
import { STAFF_PASSWORD } from '../harness/app.ts';
import { testMailUser, testPort } from '../harness/env.ts';
import { resetMaildir, withMailbox } from '../harness/mail.ts';
import { seedMailbox } from '../../scripts/lib/seed-mail.ts';
import { startSmtpSink, type SmtpSink } from '../../scripts/lib/smtp-sink.ts';
import { evaluateQuotaNotices } from '../../server/core/services/quota-notices.ts';

let system: RunningConsole;
let sink: SmtpSink;
let mailboxId: number;
let noticeMailboxId: number;
const login = testMailUser(19);
const noticeUser = testMailUser(17);
const SMTP_PORT = testPort(10387);

/** The app bar's search box: type, press Enter. */
async function search(page: Page, text: string) {
  const box = page.getByRole('textbox', { name: 'Find a mailbox by address or name' });
  await box.fill(text);
  await box.press('Enter');
}

beforeAll(async () => {
  sink = await startSmtpSink({ port: SMTP_PORT });
  system = await startConsole(testPort(10381), { staff: ['helpdesk'], workers: true, env: { SMTP_PORT: String(SMTP_PORT) } });
  const plan = await system.app.prisma.quotaPlan.create({ data: { name: 'Student', storageLimitBytes: 1024n * 1024n, isDefault: true } });
  await resetMaildir(login);
  const mailbox = await system.app.prisma.mailbox.create({ data: { address: login, imapLogin: login, displayName: 'Quinn Quota', planId: plan.id, effectiveLimitBytes: 1024n * 1024n } });
  mailboxId = mailbox.id;
  await withMailbox(system.config, login, (c) => seedMailbox(c, login, [{ folder: 'INBOX', count: 8, ageDays: [0, 40], sizeBytes: 100_000 }, { folder: '\\Trash', count: 2, ageDays: 3, sizeBytes: 20_000 }]));
  // A second user who was warned at 85 % (a real threshold evaluation; the notify worker mails it to the sink).
  noticeMailboxId = (await system.app.prisma.mailbox.create({ data: { address: noticeUser, imapLogin: noticeUser, displayName: 'Nora Notice', planId: plan.id, usedBytes: 891_290n, effectiveLimitBytes: 1024n * 1024n } })).id;
  await evaluateQuotaNotices(system.app.prisma, system.app.queues.notify, noticeMailboxId);
  await sink.waitFor((m) => m.envelope.to.includes(noticeUser));
});
afterAll(async () => {
  await system?.stop();
  await sink?.stop();
});

describe('help desk on the mailbox page', () => {
  it('finds the user from the app bar, recalculates usage, grants +1 GiB for 7 days, sets an override in the plan\'s unit and finds both in the filtered audit log', async () => {
    const { page, close, allowConsoleErrors } = await newPage(system.browser);
    // The 1e30 override below is refused with a 400, which the browser logs like every failed request.
    allowConsoleErrors(/status of 400 .*\/api\/mailboxes\/\d+\)$/);
    await loginThroughForm(page, system.baseUrl, 'helpdesk@example.test', STAFF_PASSWORD);
    // Several hits: the mailbox list, filtered by the text.
    await search(page, 'example.test');
    await page.waitForURL((url) => url.hash.startsWith('#/mailboxes?'));
    expect(decodeURIComponent(new URL(page.url()).hash)).toContain('"q":"example.test"');
    await page.getByText(login).first().waitFor();
    await page.getByText(noticeUser).first().waitFor();
    await screenshot(page, 'search-results');
    // One hit, by name: straight to the mailbox.
    await search(page, 'quinn');
    await page.waitForURL((url) => url.hash === `#/mailboxes/${mailboxId}/show`);
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

    // The override in the plan's unit (#19): on a 1 MiB plan, "2" means 2 MiB, previewed as typed; a refusal in words.
    await page.goto(`${system.baseUrl}/#/mailboxes/${mailboxId}`);
    const preview = page.getByTestId('override-preview');
    await expect.poll(() => preview.textContent(), { timeout: 10_000 }).toContain("the plan's limit applies (Student, 1 MiB)");
    const override = page.getByLabel('Limit override', { exact: true });
    const save = page.getByRole('toolbar').getByRole('button', { name: 'Save' });
    // The record refreshes after the grant above, which may reset the form: fill until the form takes it (Save enabled).
    const fillOverride = (value: string) => expect.poll(async () => {
      await override.fill(value);
      return save.isEnabled();
    }, { timeout: 10_000 }).toBe(true);
    const saveAndConfirm = async () => {
      await save.click();
      await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    };
    await fillOverride('1e30');
    await saveAndConfirm();
    await page.getByText('Override limit must be at most 1 PiB').waitFor();
    await fillOverride('2');
    expect(await preview.textContent()).toContain("becomes 2 MiB instead of the plan's 1 MiB");
    await page.getByLabel('Reason or ticket').fill('ticket 4712');
    await saveAndConfirm();
    await page.getByText(`Saved ${login}: Limit override: none (plan limit) → 2 MiB`).waitFor();
    await page.getByText('Effective: 1 GiB + 2 MiB').waitFor(); // exact, not rounded to 1 GiB
    expect(Number((await system.app.prisma.mailbox.findUniqueOrThrow({ where: { id: mailboxId } })).limitOverrideBytes)).toBe(2 * 1024 * 1024);

    // The audit log, narrowed with its filters: actor, entity type, action prefix, and a time range.
    await page.goto(`${system.baseUrl}/#/audit-events`);
    await page.getByText('mailbox.increase_granted').first().waitFor();
    await page.getByLabel('Actor email', { exact: true }).fill('helpdesk@example.test');
    await page.getByLabel('Entity type', { exact: true }).click();
    await page.getByRole('option', { name: 'Mailbox', exact: true }).click();
    await page.getByLabel('Action', { exact: true }).fill('mailbox.*');
    await page.getByLabel('From', { exact: true }).fill(toLocalInput(new Date(Date.now() - 3600_000)));
    await expect.poll(() => page.locator('tbody tr').count(), { timeout: 10_000 }).toBe(3); // mailbox.scan, mailbox.increase_granted, mailbox.update
    expect(await page.getByText('staff.login').count()).toBe(0);
    // Names, units and the reason, not ids and byte counts (#19).
    const granted = page.getByRole('row', { name: /mailbox\.increase_granted/ });
    await granted.getByRole('link', { name: login }).waitFor();
    expect(await granted.textContent()).toContain('effective limit: 1 MiB → 1 GiB + 1 MiB');
    expect(await granted.textContent()).toContain('exam week, ticket 4711');
    const updated = page.getByRole('row', { name: /mailbox\.update/ });
    expect(await updated.textContent()).toContain('limit override: none → 2 MiB');
    expect(await updated.textContent()).toContain('ticket 4712');
    await screenshot(page, 'audit-filtered');
    // The detail shows what changed, before → after.
    await page.getByText('mailbox.increase_granted').first().click();
    await page.getByText('Changes').waitFor();
    const diff = page.getByRole('row', { name: /^effective limit/ });
    await expect.poll(() => diff.textContent()).toContain('1 MiB');
    expect(await diff.textContent()).toContain('1 GiB + 1 MiB');
    await screenshot(page, 'audit-diff');

    // Back on the filtered list, a range that ends before anything happened finds nothing.
    await page.goBack();
    await page.getByText('mailbox.increase_granted').first().waitFor();
    await page.getByLabel('To', { exact: true }).fill(toLocalInput(new Date(Date.now() - 1800_000)));
    await expect.poll(() => page.locator('tbody tr').count(), { timeout: 10_000 }).toBe(0);
    await close(); // fails on any console error (test/harness/browser.ts)
  }, 90_000);

  it('resends the last notice after a confirmation with a reason; the user gets it once more', async () => {
    const { page, close } = await newPage(system.browser, { height: 1400 });
    await loginThroughForm(page, system.baseUrl, 'helpdesk@example.test', STAFF_PASSWORD);
    // No run yet: the empty list says why and what comes next (#19; this system has no nightly schedule).
    await page.goto(`${system.baseUrl}/#/expiry-runs`);
    await page.getByTestId('runs-empty-hint').getByText(/^No nightly sweep is scheduled/).waitFor();
    // An address, typed in capitals, opens its mailbox.
    await search(page, noticeUser.toUpperCase());
    await page.waitForURL((url) => url.hash === `#/mailboxes/${noticeMailboxId}/show`);
    const before = sink.messages.filter((m) => m.envelope.to.includes(noticeUser));
    expect(before).toHaveLength(1);
    await page.getByRole('cell', { name: before[0].parsed.subject }).waitFor();
    await page.getByText('Nothing has been recorded for this mailbox yet.').waitFor();

    await page.getByRole('button', { name: 'Resend last notice' }).click();
    const dialog = page.getByRole('dialog', { name: 'Resend the last notice?' });
    await dialog.getByText(`to ${noticeUser}`, { exact: false }).first().waitFor();
    await screenshot(page, 'notice-resend-confirm');
    await dialog.getByRole('button', { name: 'Resend' }).click();
    await dialog.getByText('Say why it is sent again (ticket, request)').waitFor(); // the reason is required
    await dialog.getByLabel('Reason').fill('user deleted the warning by mistake, ticket 5151');
    await dialog.getByRole('button', { name: 'Resend' }).click();

    const again = await sink.waitFor((m) => m.envelope.to.includes(noticeUser) && m !== before[0]);
    expect(again.parsed.subject).toBe(before[0].parsed.subject);
    const original = await system.app.prisma.notification.findFirstOrThrow({ where: { mailboxId: noticeMailboxId, resendOfId: null } });
    await page.getByText(`resend of #${original.id}`).waitFor();
    await expect.poll(() => page.getByText('sent', { exact: true }).count(), { timeout: 10_000 }).toBe(2);
    await page.getByRole('cell', { name: 'user deleted the warning by mistake, ticket 5151' }).waitFor(); // the audit trail card
    await screenshot(page, 'mailbox-notice-resent');
    await new Promise((r) => setTimeout(r, 1000));
    expect(sink.messages.filter((m) => m.envelope.to.includes(noticeUser))).toHaveLength(2);
    await close();
  }, 60_000);
});

/** What a datetime-local input takes: local "YYYY-MM-DDTHH:mm". */
function toLocalInput(d: Date) {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
