// Real API (listening) + workers, PostgreSQL, Redis, Dovecot, an SMTP sink for the notices, the built console and
// Debian's Chromium; nothing stubbed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loginThroughForm, newPage, screenshot } from '../harness/browser.ts';
import { startConsole, type RunningConsole } from '../harness/console.ts';
import { flowMeter } from '../harness/flow-meter.ts';
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
  it('finds the user from the app bar, recalculates, sees why the mailbox is full, grants +1 GiB for 7 days, sets an override in the plan\'s unit and finds both with their reasons in the audit', async () => {
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

    // The help-desk flow, counted (#19): every click and field, and the waits between an action and its answer.
    const flow = flowMeter();
    // Find: one hit, by name, goes straight to the mailbox.
    await flow.fill(page.getByRole('textbox', { name: 'Find a mailbox by address or name' }), 'quinn');
    await page.keyboard.press('Enter');
    await flow.waitFor('the mailbox page after the search', () => page.getByRole('button', { name: 'Recalculate now' }).waitFor());
    expect(new URL(page.url()).hash).toBe(`#/mailboxes/${mailboxId}/show`);
    await screenshot(page, 'mailbox-overview-before-scan');

    // Recalculate: the new figure shows when the scan ends (the API answers from the queue's events, no polling).
    const used = page.locator('dt', { hasText: /^Used$/ }).locator('xpath=following-sibling::dd[1]');
    expect(await used.textContent()).toBe('—');
    await flow.click(page.getByRole('button', { name: 'Recalculate now' }));
    const recalcMs = await flow.waitFor('Recalculate now → the new figure', () => expect.poll(() => used.textContent(), { timeout: 30_000 }).toMatch(/KiB/));
    // 8 × 100 kB + 2 × 20 kB in a 1 MiB quota: near the limit.
    expect(Number((await system.app.prisma.mailbox.findUniqueOrThrow({ where: { id: mailboxId } })).usedBytes)).toBeGreaterThan(800_000);

    // Why full: folders from that scan and the largest messages, read over IMAP (no subjects for help desk).
    await flow.click(page.getByRole('tab', { name: 'Usage: why full' }));
    const largest = page.getByRole('table', { name: 'Largest messages' });
    await flow.waitFor('the Usage tab: folders and the largest messages', () => largest.getByRole('row').nth(10).waitFor({ timeout: 20_000 }));
    expect(new URL(page.url()).hash).toBe(`#/mailboxes/${mailboxId}/show/usage`);
    await page.getByRole('table', { name: 'Folders' }).getByRole('cell', { name: 'Trash', exact: true }).waitFor();
    expect(await largest.getByRole('row').count()).toBe(11); // header + 10 messages
    expect(await largest.getByRole('row').nth(1).textContent()).toMatch(/^INBOX.*97\.7 KiB$/);
    expect(await largest.getByRole('columnheader', { name: 'Subject' }).count()).toBe(0);
    await screenshot(page, 'mailbox-usage-tab');

    // Grant +1 GiB for 7 days, with a reason, confirmed.
    await flow.click(page.getByRole('tab', { name: 'Overview' }));
    await flow.click(page.getByRole('button', { name: '+1 GiB for 7 days' }));
    await flow.fill(page.getByRole('textbox', { name: /^Reason/ }), 'exam week, ticket 4711');
    await flow.click(page.getByRole('button', { name: 'Grant increase' }));
    await flow.click(page.getByRole('dialog').getByRole('button', { name: 'Grant' }));
    await flow.waitFor('the grant → the new limit', () => page.getByText('Effective: 1 GiB + 1 MiB').waitFor());
    expect(await system.app.prisma.temporaryIncrease.count({ where: { mailboxId } })).toBe(1);

    // The override in the plan's unit: on a 1 MiB plan, "2" means 2 MiB, previewed as typed.
    await flow.click(page.getByRole('link', { name: 'Edit' }));
    const preview = page.getByTestId('override-preview');
    await flow.waitFor('the edit form', () => expect.poll(() => preview.textContent(), { timeout: 10_000 }).toContain("the plan's limit applies (Student, 1 MiB)"));
    const override = page.getByLabel('Limit override', { exact: true });
    const save = page.getByRole('toolbar').getByRole('button', { name: 'Save' });
    const saveAndConfirm = async () => {
      await flow.click(save);
      await flow.click(page.getByRole('dialog').getByRole('button', { name: 'Save' }));
    };
    await flow.fill(override, '2');
    expect(await preview.textContent()).toContain("becomes 2 MiB instead of the plan's 1 MiB");
    // (Not part of the flow.) The record changes under the form (another session renames the user) and refreshes: what was typed stays,
    // the untouched field takes the new value.
    await system.app.prisma.mailbox.update({ where: { id: mailboxId }, data: { displayName: 'Quinn Q. Quota' } });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => page.getByLabel('Display name').inputValue(), { timeout: 10_000 }).toBe('Quinn Q. Quota');
    expect(await override.inputValue()).toBe('2');
    expect(await save.isEnabled()).toBe(true);
    await flow.fill(page.getByLabel('Reason or ticket'), 'ticket 4712');
    await saveAndConfirm();
    await flow.waitFor('Save → the mailbox page with the new limit', () => page.getByText('Effective: 1 GiB + 2 MiB').waitFor()); // exact, not rounded
    await page.getByText(`Saved ${login}: Limit override: none (plan limit) → 2 MiB`).waitFor();
    expect(Number((await system.app.prisma.mailbox.findUniqueOrThrow({ where: { id: mailboxId } })).limitOverrideBytes)).toBe(2 * 1024 * 1024);
    await screenshot(page, 'mailbox-overview-after');

    // The audit, with the reasons, on the mailbox's own Audit tab.
    await flow.click(page.getByRole('tab', { name: 'Audit' }));
    const trail = page.getByRole('table').filter({ hasText: 'mailbox.update' });
    await flow.waitFor('the Audit tab', () => trail.getByRole('cell', { name: 'ticket 4712' }).waitFor());
    expect(new URL(page.url()).hash).toBe(`#/mailboxes/${mailboxId}/show/audit`);
    await trail.getByRole('cell', { name: 'exam week, ticket 4711' }).waitFor();
    await screenshot(page, 'mailbox-audit-tab');
    console.log(`${flow.report('help-desk flow')}\nRecalculate now → new figure: ${recalcMs} ms`);
    expect(flow.clicks).toBe(10);

    // A refusal in words, not a schema path: 1e30 is over the API's 1 PiB bound.
    await page.goto(`${system.baseUrl}/#/mailboxes/${mailboxId}`);
    await override.fill('1e30');
    await save.click();
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await page.getByText('Override limit must be at most 1 PiB').waitFor();

    // The audit log, narrowed with its filters: actor, entity type, action prefix, and a time range.
    await page.goto(`${system.baseUrl}/#/audit-events`);
    await page.getByText('mailbox.increase_granted').first().waitFor();
    await page.getByLabel('Actor email', { exact: true }).fill('helpdesk@example.test');
    await page.getByLabel('Entity type', { exact: true }).click();
    await page.getByRole('option', { name: 'Mailbox', exact: true }).click();
    await page.getByLabel('Action', { exact: true }).fill('mailbox.*');
    await page.getByLabel('From', { exact: true }).fill(toLocalInput(new Date(Date.now() - 3600_000)));
    // mailbox.scan, mailbox.largest_messages, mailbox.increase_granted, mailbox.update
    await expect.poll(() => page.locator('tbody tr').count(), { timeout: 10_000 }).toBe(4);
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
  }, 120_000);

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
    await page.getByRole('tab', { name: 'Audit' }).click();
    await page.getByText('Nothing has been recorded for this mailbox yet.').waitFor();
    await page.getByRole('tab', { name: 'Notices' }).click();
    await page.getByRole('cell', { name: before[0].parsed.subject }).waitFor();

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
    await page.getByText(/^resend of the notice of /).waitFor(); // when, not its row id (#19)
    expect(original.id).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('sent', { exact: true }).count(), { timeout: 10_000 }).toBe(2);
    await page.getByRole('tab', { name: 'Audit' }).click();
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
