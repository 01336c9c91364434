// MFA and least privilege in the console. Real API (listening), PostgreSQL, Redis, the built console and Debian's
// Chromium; nothing stubbed. The test reads the enrolment secret off the page and computes each code as an
// authenticator app would (RFC 6238).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginThroughForm, newPage, screenshot } from '../harness/browser.ts';
import { startConsole, type RunningConsole } from '../harness/console.ts';
import { STAFF_PASSWORD } from '../harness/app.ts';
import { testMailUser, testPort } from '../harness/env.ts';
import { totpCode } from '../../server/core/domain/totp.ts';

let system: RunningConsole;
let secret = '';
let recoveryCodes: string[] = [];

beforeAll(async () => {
  system = await startConsole(testPort(10388), { staff: ['admin', 'helpdesk'], env: { MFA_REQUIRED_ROLES: 'admin' } });
});
afterAll(() => system?.stop());

/** Each code is accepted once: lets the current one be used again by the next sign-in (a later 30-second step). */
const nextStep = () => system.app.prisma.staffUser.update({ where: { email: 'admin@example.test' }, data: { mfaLastStep: null } });

async function passwordStep(page: import('playwright-core').Page) {
  await page.goto(`${system.baseUrl}/#/login`);
  await page.locator('input[name="username"]').fill('admin@example.test');
  await page.locator('input[name="password"]').fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.locator('input[name="code"]').waitFor();
}

describe('MFA in the console', () => {
  it('sends an admin without MFA to enrolment, which shows the secret as QR code and key, confirms a code and shows recovery codes once', async () => {
    const { page, close } = await newPage(system.browser);
    await loginThroughForm(page, system.baseUrl, 'admin@example.test', STAFF_PASSWORD);
    await page.waitForURL((url) => url.hash.startsWith('#/mfa'));
    await page.getByText('Your role requires two-factor authentication').waitFor();
    expect(await page.getByRole('menuitem', { name: /mailboxes/i }).count()).toBe(0); // nothing else is shown
    await page.getByRole('button', { name: 'Set up' }).click();

    const qr = page.getByRole('img', { name: /QR code/ });
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    secret = await page.getByTestId('mfa-secret').inputValue();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await screenshot(page, 'mfa-enrol');

    await page.getByLabel(/Code from the app/).fill(totpCode(secret));
    await page.getByRole('button', { name: 'Turn on' }).click();
    const list = page.getByRole('list', { name: 'Recovery codes' });
    await list.waitFor();
    recoveryCodes = (await list.getByRole('listitem').allTextContents()).map((c) => c.trim());
    expect(recoveryCodes).toHaveLength(10);
    expect(await page.getByTestId('mfa-secret').count()).toBe(0); // the secret has left the page
    await screenshot(page, 'mfa-recovery-codes');

    await page.getByRole('button', { name: 'I have saved my recovery codes' }).click();
    await page.getByRole('menuitem', { name: /staff/i }).waitFor();
    await page.getByRole('button', { name: 'Profile' }).click();
    await page.getByRole('menuitem', { name: 'Two-factor authentication' }).click();
    await page.getByText('Two-factor authentication is on for admin@example.test').waitFor();
    await page.getByText('10 recovery codes left').waitFor();
    await close();
  }, 60_000);

  it('signs in in two steps: a wrong code is refused on the page, the current code lets the admin in', async () => {
    const { page, close, allowConsoleErrors } = await newPage(system.browser);
    allowConsoleErrors(/status of 401 .*\/api\/auth\/(me|mfa\/verify)\)$/); // the session check before sign-in; the wrong code
    await passwordStep(page);
    expect(await page.locator('input[name="password"]').count()).toBe(0);
    expect(await page.locator('input[name="code"]').inputValue()).toBe(''); // a fresh field, not the password's input
    expect(await page.getByText(STAFF_PASSWORD).count()).toBe(0);
    await screenshot(page, 'mfa-login-code-step');
    await page.locator('input[name="code"]').fill(totpCode(secret) === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByText('Invalid code').waitFor();

    await nextStep();
    await page.locator('input[name="code"]').fill(totpCode(secret));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL((url) => !url.hash.includes('login') && !url.hash.includes('mfa'));
    await page.getByRole('menuitem', { name: /staff/i }).waitFor();
    const login = await system.app.prisma.auditEvent.findFirst({ where: { action: 'staff.login' }, orderBy: { id: 'desc' } });
    expect(login?.after).toEqual({ mfa: 'totp' });
    await close();
  }, 60_000);

  it('takes a recovery code in place of the code, once', async () => {
    const { page, close, allowConsoleErrors } = await newPage(system.browser);
    allowConsoleErrors(/status of 401 .*\/api\/auth\/me\)$/);
    await passwordStep(page);
    await page.locator('input[name="code"]').fill(recoveryCodes[0]);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('menuitem', { name: /staff/i }).waitFor();
    const admin = await system.app.prisma.staffUser.findUniqueOrThrow({ where: { email: 'admin@example.test' } });
    expect(await system.app.prisma.staffRecoveryCode.count({ where: { staffId: admin.id, usedAt: null } })).toBe(9);

    // The staff page shows the admin's own MFA state with the reset an admin can do for others.
    await page.goto(`${system.baseUrl}/#/staff/${admin.id}`);
    await page.getByText(/Two-factor authentication on since/).waitFor();
    await page.getByRole('button', { name: 'Reset MFA' }).waitFor();
    await page.getByLabel('May see message subjects and senders').waitFor();
    await screenshot(page, 'mfa-staff-edit');
    await close();
  }, 60_000);
});

describe('least privilege in the console', () => {
  it('shows help desk expired messages without subjects or Message-IDs, and no staff events in the audit log', async () => {
    const user = testMailUser(59);
    const mailbox = await system.app.prisma.mailbox.create({ data: { address: user, imapLogin: user } });
    const run = await system.app.prisma.expiryRun.create({ data: { scope: `mailbox:${mailbox.id}`, status: 'completed' } });
    const mailboxRun = await system.app.prisma.expiryMailboxRun.create({ data: { runId: run.id, mailboxId: mailbox.id, status: 'done' } });
    await system.app.prisma.expiredMessage.create({
      data: { mailboxRunId: mailboxRun.id, mailboxId: mailbox.id, folder: 'INBOX', uidValidity: 1n, uid: 42, action: 'delete', state: 'done', messageId: '<m42@sender.example>', size: 2048, subject: 'Salary review 2027', internalDate: new Date('2026-01-02T03:04:05Z') },
    });

    const { page, close } = await newPage(system.browser, { height: 1000 });
    await loginThroughForm(page, system.baseUrl, 'helpdesk@example.test', STAFF_PASSWORD);
    await page.goto(`${system.baseUrl}/#/expired-messages?filter=${encodeURIComponent(JSON.stringify({ mailboxId: mailbox.id }))}`);
    await page.getByRole('cell', { name: 'INBOX' }).waitFor();
    expect(await page.getByText('Salary review 2027').count()).toBe(0);
    expect(await page.getByText('<m42@sender.example>').count()).toBe(0);
    expect(await page.getByRole('columnheader', { name: /subject/i }).count()).toBe(0);
    await screenshot(page, 'least-privilege-expired-messages');

    await page.goto(`${system.baseUrl}/#/audit-events`);
    await page.getByText('Actor email').first().waitFor();
    await page.waitForTimeout(500);
    expect(await page.getByText('staff.login').count()).toBe(0);
    await close();
  }, 60_000);
});
