// Real: the listening API with its workers (PostgreSQL, Redis/BullMQ), a private OpenLDAP slapd, the test Dovecot
// (its deny passdb reads the mailbox statuses), the built console and Debian's Chromium. Nothing stubbed.
// Ops previews and applies a directory sync; help desk creates a mailbox, suspends it and restores it.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginThroughForm, newPage, screenshot } from '../harness/browser.ts';
import { startConsole, type RunningConsole } from '../harness/console.ts';
import { STAFF_PASSWORD } from '../harness/app.ts';
import { TEST_MAIL_PASSWORD, TEST_PORTS, testMailUser, testPort } from '../harness/env.ts';
import { directoryLdif, numberedPerson, PEOPLE_OU } from '../harness/ldif.ts';
import { startSlapd, type SlapdHandle } from '../harness/slapd.ts';

const SUFFIX = 'dc=example,dc=org';
const PEOPLE = 12;
let system: RunningConsole;
let slapd: SlapdHandle;
let dir: string;

async function userLogin(user: string): Promise<string> {
  const client = new ImapFlow({ host: '127.0.0.1', port: TEST_PORTS.imap, secure: false, auth: { user, pass: TEST_MAIL_PASSWORD }, logger: false });
  try {
    await client.connect();
    await client.logout();
    return 'ok';
  } catch (err) {
    return `refused: ${(err as { serverResponseCode?: string }).serverResponseCode ?? (err as Error).message}`;
  }
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mw-e2e-dir-'));
  slapd = await startSlapd({ dir, port: testPort(10612), suffix: SUFFIX, ldif: directoryLdif(SUFFIX, Array.from({ length: PEOPLE }, (_, i) => numberedPerson(i + 1))) });
  system = await startConsole(testPort(10393), {
    staff: ['ops', 'helpdesk'],
    workers: true,
    env: {
      DIRECTORY_SOURCE: 'ldap', LDAP_URL: slapd.url, LDAP_BASE_DN: PEOPLE_OU(SUFFIX), LDAP_FILTER: '(objectClass=inetOrgPerson)', LDAP_ATTR_LOGIN: 'uid',
      // Never on its own during the test: only the runs ops starts.
      DIRECTORY_SYNC_CRON: '0 0 1 1 *',
    },
  });
  await system.app.prisma.quotaPlan.create({ data: { name: 'Standard', storageLimitBytes: 1024n ** 3n, isDefault: true } });
}, 120_000);

afterAll(async () => {
  await system?.stop();
  await slapd?.stop();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe('the Directory page (ops)', () => {
  it('previews a sync without changing anything, shows its diff by address, then applies it after a confirmation', async () => {
    const { page, close } = await newPage(system.browser, { height: 1200 });
    page.setDefaultTimeout(20_000);
    await loginThroughForm(page, system.baseUrl, 'ops@example.test', STAFF_PASSWORD);
    await page.getByRole('menuitem', { name: 'Directory' }).click();
    await page.getByText(`LDAP ${slapd.url}`).waitFor();
    await page.getByText(/not holding/).waitFor();

    await page.getByRole('button', { name: 'Preview (dry run)' }).click();
    await page.getByText(/^Preview #\d+ queued/).waitFor();
    const runs = page.getByRole('table', { name: 'Directory sync runs' });
    await runs.getByText(`${PEOPLE} added, 0 changed, 0 gone, 0 returned, 0 problems (not applied: preview)`).waitFor({ timeout: 30_000 });
    expect(await system.app.prisma.mailbox.count()).toBe(0);
    await runs.getByRole('row', { name: /^Run \d+/ }).first().click();
    const diff = page.getByRole('table', { name: /^Diff of run \d+$/ });
    await diff.getByText('user1@dir.example.test', { exact: true }).waitFor();
    expect(await diff.getByRole('row').count()).toBe(PEOPLE + 1); // the header row and one line per person

    await page.getByRole('button', { name: 'Apply now' }).click();
    await page.getByRole('dialog', { name: 'Apply the directory now?' }).getByRole('button', { name: 'Apply' }).click();
    await runs.getByText(`${PEOPLE} added, 0 changed, 0 gone, 0 returned, 0 problems (applied)`).waitFor({ timeout: 30_000 });
    expect(await system.app.prisma.mailbox.count({ where: { directorySource: 'ldap', status: 'active' } })).toBe(PEOPLE);
    // The applied run's diff links each line to its mailbox by address.
    await runs.getByRole('row', { name: /^Run \d+/ }).first().click();
    await page.getByRole('table', { name: /^Diff of run \d+$/ }).getByRole('link', { name: 'user2@dir.example.test' }).waitFor();
    await screenshot(page, 'directory-page');
    await close();
  }, 120_000);
});

describe('mailbox lifecycle in the console (help desk)', () => {
  it('creates a mailbox (a taken login is refused in words), suspends it (login refused in Dovecot), and restores it', async () => {
    const user = testMailUser(50);
    const { page, close, allowConsoleErrors } = await newPage(system.browser, { height: 1100 });
    page.setDefaultTimeout(20_000);
    allowConsoleErrors(/status of 409/); // the taken login, refused on purpose
    await loginThroughForm(page, system.baseUrl, 'helpdesk@example.test', STAFF_PASSWORD);
    await page.goto(`${system.baseUrl}/#/mailboxes`);
    await page.getByRole('link', { name: 'New mailbox' }).click();

    await page.locator('input[name="address"]').fill(user); // by name: the app bar's mailbox search is labelled by address too
    await page.locator('input[name="displayName"]').fill('Fifty');
    await system.app.prisma.mailbox.create({ data: { address: 'owner@example.test', imapLogin: 'shared.login' } });
    await page.locator('input[name="imapLogin"]').fill('Shared.Login'); // taken, in another case
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alert').filter({ hasText: 'Not saved: IMAP login Shared.Login is already taken by owner@example.test' }).waitFor();
    expect(await system.app.prisma.mailbox.count({ where: { address: user } })).toBe(0);

    await page.locator('input[name="imapLogin"]').fill('');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: user, exact: true }).waitFor();
    expect(await userLogin(user)).toBe('ok');

    await page.getByRole('button', { name: 'Suspend' }).click();
    const suspend = page.getByRole('dialog', { name: `Suspend ${user}?` });
    await suspend.getByText(/mail is still delivered/).waitFor();
    expect(await suspend.getByRole('button', { name: 'Suspend' }).isDisabled()).toBe(true); // no reason yet
    await suspend.getByLabel(/Reason or ticket/).fill('ticket 991: phished');
    await suspend.getByRole('button', { name: 'Suspend' }).click();
    await page.getByText(`${user} is now suspended`).waitFor();
    await page.getByText(/^Suspended .*: ticket 991: phished$/).waitFor();
    expect(await userLogin(user)).toBe('refused: AUTHENTICATIONFAILED');

    await page.getByRole('button', { name: 'Reactivate' }).click();
    const reactivate = page.getByRole('dialog', { name: `Reactivate ${user}?` });
    await reactivate.getByLabel(/Reason or ticket/).fill('ticket 991: password reset');
    await reactivate.getByRole('button', { name: 'Reactivate' }).click();
    await page.getByText(`${user} is now active`).waitFor();
    expect(await userLogin(user)).toBe('ok');

    // Delete (restorable until the purge), then restore.
    await page.getByRole('button', { name: 'Delete' }).click();
    const del = page.getByRole('dialog', { name: `Delete ${user}?` });
    await del.getByLabel(/Reason or ticket/).fill('created by mistake');
    await del.getByRole('button', { name: 'Delete' }).click();
    await page.getByText(new RegExp(`^${user} is now deleted; its mail is purged after `)).waitFor();
    await page.getByRole('button', { name: 'Restore' }).click();
    const restore = page.getByRole('dialog', { name: `Restore ${user}?` });
    await restore.getByLabel(/Reason or ticket/).fill('not a mistake after all');
    await restore.getByRole('button', { name: 'Restore' }).click();
    await page.getByText(`${user} is now active`).waitFor();
    expect(await system.app.prisma.mailbox.findUniqueOrThrow({ where: { address: user } })).toMatchObject({ status: 'active', purgeAfter: null });
    const actions = await system.app.prisma.auditEvent.findMany({ where: { entityType: 'mailbox', actorEmail: 'helpdesk@example.test' }, orderBy: { id: 'asc' }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual(['mailbox.create', 'mailbox.status', 'mailbox.status', 'mailbox.delete', 'mailbox.restore']);
    await screenshot(page, 'mailbox-lifecycle');
    await close();
  }, 120_000);
});
