// Real API (listening), PostgreSQL, the built console and Debian's Chromium; nothing stubbed. When the IMAP server
// enforces another limit than Mailwarden's (a server that does not read the dovecot_users view, with QUOTA_SYNC=off:
// docs/servers.md), the last scan's serverLimitBytes differs and the console says so in the list and on the page.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { loginThroughForm, newPage, screenshot } from '../harness/browser.ts';
import { startConsole, type RunningConsole } from '../harness/console.ts';
import { STAFF_PASSWORD } from '../harness/app.ts';
import { testPort } from '../harness/env.ts';

const KiB = 1024n;
let system: RunningConsole;
let mismatchId: number;

beforeAll(async () => {
  system = await startConsole(testPort(10389), { staff: ['helpdesk'] });
  const scannedAt = new Date();
  // Mailwarden says 100 KiB, the server enforced 1 MiB at the last scan (the Cyrus case of #21); the other agrees.
  mismatchId = (await system.app.prisma.mailbox.create({ data: {
    address: 'cyra@example.test', imapLogin: 'cyra@example.test', displayName: 'Cyra Mismatch',
    limitOverrideBytes: 100n * KiB, effectiveLimitBytes: 100n * KiB, serverLimitBytes: 1024n * KiB, usedBytes: 10n * KiB, scannedAt,
  } })).id;
  await system.app.prisma.mailbox.create({ data: {
    address: 'alma@example.test', imapLogin: 'alma@example.test', displayName: 'Alma Agrees',
    limitOverrideBytes: 100n * KiB, effectiveLimitBytes: 100n * KiB, serverLimitBytes: 100n * KiB, usedBytes: 10n * KiB, scannedAt,
  } });
});
afterAll(() => system?.stop());

describe('a server that enforces another limit', () => {
  it('shows "server differs" in the list for that mailbox only, and the two limits on its page', async () => {
    const { page, close } = await newPage(system.browser);
    try {
      await loginThroughForm(page, system.baseUrl, 'helpdesk@example.test', STAFF_PASSWORD);
      await page.goto(`${system.baseUrl}/#/mailboxes`);
      const cyra = page.getByRole('row').filter({ hasText: 'cyra@example.test' });
      await cyra.getByText('server differs').waitFor();
      const alma = page.getByRole('row').filter({ hasText: 'alma@example.test' });
      await alma.waitFor();
      if (await alma.getByText('server differs').count()) throw new Error('a mailbox whose limits agree is marked');
      await page.goto(`${system.baseUrl}/#/mailboxes/${mismatchId}/show`);
      await page.getByText(/The IMAP server enforces 1(\.0)? MiB, not this\s+mailbox's 100 KiB/).waitFor();
      await screenshot(page, 'server-limit-mismatch');
    } finally {
      await close();
    }
  });
});
