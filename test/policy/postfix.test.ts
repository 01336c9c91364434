// The policy service as a mail admin deploys it: a real Postfix 3 (Debian's package, a private instance with its
// own config, queue and port) asks Mailwarden's real policy service at RCPT time with the check_policy_service line
// docs/policy.md gives, and a client speaking SMTP to that Postfix sees the answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrisma } from '../../server/core/lib/prisma.ts';
import { startPostfix, type PostfixHandle } from '../../scripts/lib/postfix.ts';
import { POSTFIX, ensurePackages } from '../../scripts/lib/system-packages.ts';
import { truncateAll } from '../harness/db.ts';
import { TEST_DATABASE_URL, testPort } from '../harness/env.ts';
import { startTestPolicy, type TestPolicy } from '../harness/policy.ts';

const prisma = createPrisma(TEST_DATABASE_URL);
let policy: TestPolicy;
let postfix: PostfixHandle;

beforeAll(async () => {
  ensurePackages([POSTFIX]); // a fresh machine: installed once, here, when root with apt-get
  await truncateAll(prisma);
  const scannedAt = new Date();
  await prisma.mailbox.createMany({
    data: [
      { address: 'roomy@example.test', imapLogin: 'roomy@example.test', limitOverrideBytes: 10n ** 6n, effectiveLimitBytes: 10n ** 6n, usedBytes: 1000n, scannedAt },
      { address: 'full@example.test', imapLogin: 'full@example.test', limitOverrideBytes: 1000n, effectiveLimitBytes: 1000n, usedBytes: 5000n, scannedAt },
      // Mailbox statuses (docs/mailbox-lifecycle.md), each with room to spare: only the status decides.
      ...(['suspended', 'disabled', 'deleted'] as const).map((status) => ({
        address: `${status}@example.test`, imapLogin: `${status}@example.test`, status, effectiveLimitBytes: 10n ** 6n, usedBytes: 1000n, scannedAt,
      })),
    ],
  });
  policy = await startTestPolicy();
  postfix = await startPostfix({ dir: `/tmp/mw-test-postfix-${testPort(0)}`, smtpPort: testPort(10525), policy: `inet:127.0.0.1:${policy.port}`, domains: ['example.test'] });
}, 90_000);
afterAll(async () => {
  await postfix?.stop();
  await policy?.stop();
  await prisma.$disconnect();
});

describe('through a real Postfix', () => {
  it('refuses mail to an over-quota mailbox at RCPT with 552 5.2.2, and accepts mail to one with room', async () => {
    expect(await postfix.rcpt('full@example.test')).toMatch(/^552 5\.2\.2 /);
    expect(await postfix.rcpt('roomy@example.test')).toMatch(/^250 /);
    // Not managed by Mailwarden: DUNNO, so Postfix's own rules decide (accepted: this Postfix takes mail for example.test).
    expect(await postfix.rcpt('stranger@example.test')).toMatch(/^250 /);
    // Relaying is refused before Mailwarden is asked (reject_unauth_destination comes first).
    expect(await postfix.rcpt('someone@elsewhere.test')).toMatch(/^(454 4|554 5)\.7\.1 .*Relay access denied/);
    expect(await postfix.log()).toMatch(/reject: RCPT from localhost\[127\.0\.0\.1\]: 552 5\.2\.2 <full@example\.test>/);
  });

  it('accepts mail for a suspended mailbox, defers it for a disabled one (450 4.2.1) and refuses it for a deleted one (550 5.1.1)', async () => {
    expect(await postfix.rcpt('suspended@example.test')).toMatch(/^250 /);
    expect(await postfix.rcpt('disabled@example.test')).toMatch(/^450 4\.2\.1 <disabled@example\.test>: .*Mailbox disabled, try again later/);
    expect(await postfix.rcpt('deleted@example.test')).toMatch(/^550 5\.1\.1 <deleted@example\.test>: .*Mailbox deleted/);
  });

  it('a message larger than the room left (1 MB) is refused when the client declares its SIZE (5 MB)', async () => {
    expect(await postfix.rcpt('roomy@example.test', 5_000_000)).toMatch(/^552 5\.3\.4 <roomy@example\.test>: .*too big/);
  });
});
