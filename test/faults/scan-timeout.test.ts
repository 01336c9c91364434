// Real: Dovecot, PostgreSQL, Redis/BullMQ workers (jobs/start.ts). Injected: a TCP proxy between the workers and Dovecot
// (test/harness/fault-proxy.ts) that goes silent or cuts the connection in the middle of a usage scan's exchange, after
// the login. A scan must then fail within IMAP_READ_TIMEOUT_MS with an error that says so, put it on the mailbox
// (the dashboard counts it as failing), and the next scan must work: on the short exchange and through imapflow alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultProxy } from '../harness/fault-proxy.ts';
import { startJobsHarness, type JobsHarness } from '../harness/jobs.ts';
import { TEST_PORTS, testConfig, testMailUser, testPort } from '../harness/env.ts';
import { resetMaildir, withMailbox } from '../harness/mail.ts';
import { seedMailbox } from '../../scripts/lib/seed-mail.ts';
import { scanMailboxUsage } from '../../server/core/imap/usage.ts';
import { scanSummary } from '../../server/services/dashboard.ts';

const READ_TIMEOUT_MS = 1500;
const LOGIN = testMailUser(40);
let proxy: FaultProxy;
let h: JobsHarness;
const direct = testConfig();
let mailboxId: number;

/** Go silent (both ways, nothing closed) as soon as the client sends `command`: the server's answer never arrives. */
function silenceAfter(command: RegExp) {
  const off = proxy.tap((direction, chunk) => {
    if (direction === 'up' && command.test(chunk.toString('latin1'))) { proxy.stall(); off(); }
  });
  return off;
}

beforeAll(async () => {
  proxy = await FaultProxy.start({ port: testPort(10460), targetPort: TEST_PORTS.imap });
  h = await startJobsHarness(testPort(10461), { IMAP_PORT: String(proxy.port), IMAP_READ_TIMEOUT_MS: String(READ_TIMEOUT_MS), SCAN_RATE_PER_SECOND: '1000' });
  await resetMaildir(LOGIN);
  ({ id: mailboxId } = await h.ctx.prisma.mailbox.create({ data: { address: LOGIN, imapLogin: LOGIN } }));
  await withMailbox(direct, LOGIN, (c) => seedMailbox(c, LOGIN, [{ folder: 'INBOX', count: 3, ageDays: 1, sizeBytes: 4000 }]));
});
afterAll(async () => {
  await h?.stop();
  await proxy?.close();
});

describe.each(['auto', 'off'] as const)('a usage scan (SCAN_FAST_PATH=%s) whose server stops answering after the login', (fastPath) => {
  const config = () => ({ ...h.ctx.config, SCAN_FAST_PATH: fastPath });

  it('fails within the read timeout, naming it, and the next scan works', async () => {
    silenceAfter(fastPath === 'auto' ? /GETQUOTAROOT/ : /LIST/);
    const t0 = Date.now();
    const err = await scanMailboxUsage(config(), LOGIN).catch((e: Error) => e);
    const took = Date.now() - t0;
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(new RegExp(`did not answer .* within ${READ_TIMEOUT_MS} ms \\(IMAP_READ_TIMEOUT_MS\\)`));
    expect(took).toBeGreaterThanOrEqual(READ_TIMEOUT_MS - 50);
    expect(took).toBeLessThan(READ_TIMEOUT_MS + 3000);
    await proxy.resume();
    proxy.cutAll();
    expect(await scanMailboxUsage(config(), LOGIN)).toMatchObject({ usedMessages: 3 });
  });

  it('fails at once with a clear error when the reply is cut mid-way, and the next scan works', async () => {
    // A clean scan through the proxy gives the size of the server's side of the exchange; the cut lands at 80 % of
    // it, inside the LIST-STATUS reply that carries the usage.
    const seen = proxy.closed.length;
    await scanMailboxUsage(config(), LOGIN);
    await expect.poll(() => proxy.closed.length).toBeGreaterThan(seen);
    const clean = proxy.closed.at(-1)!.down;
    const before = proxy.cuts;
    proxy.dropAfter(Math.floor(clean * 0.8), { direction: 'down' });
    const err = await scanMailboxUsage(config(), LOGIN).catch((e: Error) => e);
    expect(proxy.cuts - before).toBe(1);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/closed|ECONNRESET|Connection not available|Socket/i);
    await proxy.resume();
    expect(await scanMailboxUsage(config(), LOGIN)).toMatchObject({ usedMessages: 3 });
  });
});

describe('the scan job of a mailbox whose server goes silent', () => {
  it('records a clear scanError that the dashboard counts as failing, and a later scan clears it', async () => {
    silenceAfter(/GETQUOTAROOT/);
    const job = await h.queues['usage-scan'].add('usage-scan', { mailboxId, reason: 'manual' }, { attempts: 1 });
    await expect.poll(async () => (await job.getState()), { timeout: READ_TIMEOUT_MS + 5000 }).toBe('failed');
    const row = await h.ctx.prisma.mailbox.findUniqueOrThrow({ where: { id: mailboxId } });
    expect(row.scanError).toMatch(/^IMAP server did not answer .* within 1500 ms \(IMAP_READ_TIMEOUT_MS\)$/);
    expect(await scanSummary(h.ctx.prisma, h.queues)).toMatchObject({ failing: 1 });

    await proxy.resume();
    proxy.cutAll();
    await h.run(h.queues['usage-scan'], { mailboxId, reason: 'manual' });
    expect(await h.ctx.prisma.mailbox.findUniqueOrThrow({ where: { id: mailboxId } })).toMatchObject({ scanError: null, usedMessages: 3 });
    expect(await scanSummary(h.ctx.prisma, h.queues)).toMatchObject({ failing: 0 });
  });
});
