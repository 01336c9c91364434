// Real API (listening), PostgreSQL, Redis, the built console and Debian's Chromium; nothing stubbed. Help desk reads what
// a notice said (its kept body, figures, dates); ops edits a template: a typo in a placeholder is refused next to the
// form, the preview follows the draft, the save is audited. A display name full of markup stays text on screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginThroughForm, newPage, screenshot } from '../harness/browser.ts';
import { startConsole, type RunningConsole } from '../harness/console.ts';
import { STAFF_PASSWORD } from '../harness/app.ts';
import { testPort } from '../harness/env.ts';

const HOSTILE = '<script>window.__pwned = 1</script> {{address}}';
let system: RunningConsole;
let noticeId: number;
let mailboxId: number;

beforeAll(async () => {
  system = await startConsole(testPort(10653), { staff: ['ops', 'helpdesk'] });
  const { prisma } = system.app;
  const box = await prisma.mailbox.create({ data: { address: 'mallory@example.test', imapLogin: 'mallory@example.test', displayName: HOSTILE } });
  mailboxId = box.id;
  // Another mailbox's notice: the mailbox page's link must filter it out.
  const other = await prisma.mailbox.create({ data: { address: 'trent@example.test', imapLogin: 'trent@example.test' } });
  await prisma.notification.create({ data: {
    mailboxId: other.id, kind: 'over_quota', dedupeKey: 'over:e2e', toAddress: other.address, status: 'sent', sentAt: new Date(), attempts: 1,
    subject: 'Trent is over quota', bodyText: 'Hello Trent', data: {},
  } });
  noticeId = (await prisma.notification.create({ data: {
    mailboxId: box.id, kind: 'near_quota', threshold: 90, dedupeKey: 'near:90:e2e', toAddress: box.address, status: 'sent', sentAt: new Date(), attempts: 1,
    subject: 'Your mailbox is 91% full', bodyText: `Hello ${HOSTILE},\n\nyour mailbox mallory@example.test has passed 90% of its quota: 1.8 GiB of 2 GiB (91%) is in use.`,
    data: { address: box.address, name: HOSTILE, usedBytes: 1.8 * 2 ** 30, limitBytes: 2 * 2 ** 30, percent: 91, threshold: 90 },
  } })).id;
});
afterAll(() => system?.stop());

describe('notices in the console', () => {
  it('lets help desk read what a notice said, with its figures, markup in the name shown as text', async () => {
    const { page, close } = await newPage(system.browser);
    await loginThroughForm(page, system.baseUrl, 'helpdesk@example.test', STAFF_PASSWORD);
    await page.getByRole('menuitem', { name: 'Notices' }).click();
    await page.getByRole('row', { name: /Your mailbox is 91% full/ }).click();
    await page.waitForURL((url) => url.hash === `#/notifications/${noticeId}/show`);
    const body = page.getByTestId('notice-body');
    await body.waitFor();
    expect(await body.textContent()).toBe(`Hello ${HOSTILE},\n\nyour mailbox mallory@example.test has passed 90% of its quota: 1.8 GiB of 2 GiB (91%) is in use.`);
    await page.getByText('As sent', { exact: true }).first().waitFor();
    await page.getByText('1.8 GiB', { exact: true }).waitFor(); // "Usage then"
    await page.getByText('91%', { exact: true }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await screenshot(page, 'notice-show');
    // Help desk reads templates but has no editor.
    await page.getByRole('menuitem', { name: 'Notice templates' }).click();
    await page.getByRole('row', { name: /Nearly full/ }).click();
    await page.getByText('Template: Nearly full').waitFor();
    expect(await page.getByRole('button', { name: 'Save' }).count()).toBe(0);
    await close();
  }, 60_000);

  it('goes from the mailbox page\'s notices to the notice as sent, and to the Notices screen for this mailbox only', async () => {
    const { page, close } = await newPage(system.browser);
    await loginThroughForm(page, system.baseUrl, 'helpdesk@example.test', STAFF_PASSWORD);
    await page.goto(`${system.baseUrl}/#/mailboxes/${mailboxId}/show/notices`);
    await page.getByRole('row', { name: /Your mailbox is 91% full/ }).click();
    await page.waitForURL((url) => url.hash === `#/notifications/${noticeId}/show`);
    await page.getByTestId('notice-body').waitFor();
    await page.goto(`${system.baseUrl}/#/mailboxes/${mailboxId}/show/notices`);
    await page.getByRole('link', { name: 'Open in Notices' }).click();
    await page.waitForURL((url) => url.hash.startsWith('#/notifications?'));
    await page.getByRole('row', { name: /Your mailbox is 91% full/ }).waitFor();
    expect(await page.getByRole('row', { name: /Trent is over quota/ }).count()).toBe(0);
    await close();
  }, 60_000);

  it('lets ops edit a template: a placeholder typo is refused by the form, the preview follows, the save is audited', async () => {
    const { page, close, allowConsoleErrors } = await newPage(system.browser, { height: 1100 });
    allowConsoleErrors(/status of 400 .*\/api\/notice-templates\/near_quota(\/preview)?\)$/); // the refused draft, as the browser logs it
    await loginThroughForm(page, system.baseUrl, 'ops@example.test', STAFF_PASSWORD);
    await page.goto(`${system.baseUrl}/#/notice-templates/near_quota`);
    const subject = page.getByLabel('Subject');
    await subject.fill('Mailbox at {{percent}} for {{name}}');
    await expect.poll(() => page.getByTestId('preview-subject').textContent()).toBe('Subject: Mailbox at 90% for Alex Example');
    await page.getByLabel('Text').fill('Hello {{nmae}}, you use {{usage}}.');
    await page.getByText(/unknown placeholder \{\{nmae\}\}/).first().waitFor(); // the preview says so as it is typed
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/unknown placeholder \{\{nmae\}\}/).first().waitFor();
    expect(await system.app.prisma.notificationTemplate.count()).toBe(0);
    await page.getByLabel('Text').fill('Hello {{name}}, you use {{usage}}.');
    await expect.poll(() => page.getByTestId('preview-text').textContent()).toBe('Hello Alex Example, you use 1.8 GiB.');
    await page.getByLabel('Reason or ticket').fill('Ticket 4711');
    await screenshot(page, 'notice-template-edit');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('row', { name: /Mailbox at \{\{percent\}\} for \{\{name\}\}/ }).waitFor();
    const saved = await system.app.prisma.notificationTemplate.findUniqueOrThrow({ where: { kind: 'near_quota' } });
    expect(saved).toMatchObject({ subject: 'Mailbox at {{percent}} for {{name}}', text: 'Hello {{name}}, you use {{usage}}.', html: null, updatedBy: 'ops@example.test' });
    const event = await system.app.prisma.auditEvent.findFirstOrThrow({ where: { action: 'notice_template.update' } });
    expect(event.after).toMatchObject({ reason: 'Ticket 4711' });
    await close();
  }, 60_000);
});
