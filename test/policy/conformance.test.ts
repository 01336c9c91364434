// Real policy server over real TCP (and a UNIX socket) on loopback, reading real PostgreSQL and Redis;
// the clients are plain sockets, as Postfix's smtpd would be. Nothing stubbed.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createPrisma } from '../../server/core/lib/prisma.ts';
import { startPolicyServer } from '../../server/policy/server.ts';
import { policySettings } from '../../server/policy/handler.ts';
import { PolicyClient, encodeRequest, rcptRequest } from '../../bench/lib/policy-client.ts';
import { truncateAll } from '../harness/db.ts';
import { TEST_DATABASE_URL, TEST_PORTS } from '../harness/env.ts';
import { startTestPolicy, type TestPolicy } from '../harness/policy.ts';

const prisma = createPrisma(TEST_DATABASE_URL);
const SOCKET = `/tmp/mw-policy-test-${process.pid}.sock`;
const FULL = '552 5.2.2 Mailbox is full';
let policy: TestPolicy;

beforeAll(async () => {
  await truncateAll(prisma);
  const scannedAt = new Date();
  await prisma.mailbox.createMany({
    data: [
      { address: 'roomy@example.test', imapLogin: 'roomy@example.test', effectiveLimitBytes: 10n ** 9n, usedBytes: 1000n, scannedAt },
      { address: 'full@example.test', imapLogin: 'full@example.test', effectiveLimitBytes: 1000n, usedBytes: 1000n, scannedAt },
    ],
  });
  policy = await startTestPolicy({ POLICY_SOCKET: SOCKET });
});
afterAll(async () => {
  await policy?.stop();
  await prisma.$disconnect();
});

/** Raw socket: resolves with everything the server sent once it closes (or after `ms` if it does not). */
function rawExchange(chunks: Array<string | Buffer>, ms = 2000): Promise<{ received: string; closedByServer: boolean }> {
  return new Promise((resolve) => {
    const socket = net.connect({ port: policy.port, host: '127.0.0.1' });
    let received = '';
    const timer = setTimeout(() => { socket.destroy(); resolve({ received, closedByServer: false }); }, ms);
    socket.on('data', (b) => { received += b.toString(); });
    socket.on('error', () => undefined);
    socket.on('close', () => { clearTimeout(timer); resolve({ received, closedByServer: true }); });
    socket.on('connect', () => { for (const c of chunks) socket.write(c); });
  });
}

async function stillAnswers(): Promise<void> {
  const client = await PolicyClient.connect(policy.port);
  expect(await client.request(rcptRequest('full@example.test', 10))).toBe(FULL);
  client.close();
}

describe('policy protocol over TCP', () => {
  it('answers several requests on one connection in order, whether sent together or one by one', async () => {
    const all = ['full@example.test', 'roomy@example.test', 'nobody@example.test'].map((r) => encodeRequest(rcptRequest(r, 10))).join('');
    const together = await rawExchange([all], 500);
    expect(together.received).toBe(`action=${FULL}\n\naction=DUNNO\n\naction=DUNNO\n\n`);
    expect(together.closedByServer).toBe(false);

    const client = await PolicyClient.connect(policy.port);
    for (let i = 0; i < 20; i++) expect(await client.request(rcptRequest(i % 2 ? 'full@example.test' : 'roomy@example.test', 10))).toBe(i % 2 ? FULL : 'DUNNO');
    client.close();
  });

  it('ignores unknown attributes and attribute order, and tolerates CRLF', async () => {
    const client = await PolicyClient.connect(policy.port);
    expect(await client.send('size=10\r\nx_future=1\r\nrecipient=full@example.test\r\nprotocol_state=RCPT\r\nrequest=smtpd_access_policy\r\n\r\n')).toBe(FULL);
    client.close();
  });

  it('answers DUNNO when fields are missing or empty (name=)', async () => {
    const client = await PolicyClient.connect(policy.port);
    expect(await client.send('request=smtpd_access_policy\nprotocol_state=RCPT\n\n')).toBe('DUNNO'); // no recipient
    expect(await client.send('request=smtpd_access_policy\nrecipient=\nsize=\nsender=\n\n')).toBe('DUNNO');
    expect(await client.send('recipient=full@example.test\nsize=10\n\n')).toBe('DUNNO'); // no request= : not Postfix asking
    // No size and no protocol_state: judged as RCPT with size 0 (full@ is exactly at its limit).
    expect(await client.send('request=smtpd_access_policy\nrecipient=full@example.test\n\n')).toBe('DUNNO');
    expect(await client.send('request=smtpd_access_policy\nrecipient=full@example.test\nsize=\n\n')).toBe('DUNNO');
    client.close();
  });

  it('closes without a reply on a 1 MB line with no newline, and keeps serving others', async () => {
    const result = await rawExchange([Buffer.alloc(1024 * 1024, 'x')]);
    expect(result).toEqual({ received: '', closedByServer: true });
    await stillAnswers();
  });

  it('closes without a reply on 1 MB of binary garbage with newlines, after answering what came before it', async () => {
    const garbage = Buffer.from(Array.from({ length: 1024 * 1024 }, (_, i) => (i * 7919) % 256));
    const result = await rawExchange([encodeRequest(rcptRequest('full@example.test', 1)), garbage]);
    expect(result.received).toBe(`action=${FULL}\n\n`);
    expect(result.closedByServer).toBe(true);
    await stillAnswers();
  });

  it('closes on an over-long request made of valid lines', async () => {
    const result = await rawExchange(['request=smtpd_access_policy\n', 'x_pad=0123456789\n'.repeat(5000), '\n']);
    expect(result).toEqual({ received: '', closedByServer: true });
  });

  it('survives clients that hang up mid-request', async () => {
    for (let i = 0; i < 20; i++) {
      const socket = net.connect({ port: policy.port, host: '127.0.0.1' });
      await new Promise((r) => socket.on('connect', r));
      socket.write('request=smtpd_access_policy\nrecipient=full@exa');
      if (i % 2) socket.destroy(); // RST
      else socket.end(); // FIN
    }
    await stillAnswers();
  });

  it('gives 1,000 concurrent connections each the right answer', async () => {
    const clients = await Promise.all(Array.from({ length: 1000 }, () => PolicyClient.connect(policy.port)));
    const answers = await Promise.all(clients.map(async (c, i) => {
      const first = await c.request(rcptRequest(i % 2 ? 'full@example.test' : 'roomy@example.test', 10));
      const second = await c.request(rcptRequest(i % 2 ? 'roomy@example.test' : 'full@example.test', 10));
      return [first, second];
    }));
    answers.forEach(([first, second], i) => {
      expect(first).toBe(i % 2 ? FULL : 'DUNNO');
      expect(second).toBe(i % 2 ? 'DUNNO' : FULL);
    });
    for (const c of clients) c.close();
  });

  it('serves the same answers on the UNIX socket', async () => {
    const client = await PolicyClient.connect(SOCKET);
    expect(await client.request(rcptRequest('full@example.test', 10))).toBe(FULL);
    client.close();
  });

  it('answers what came before an internal error, then closes without a reply for the failing request', async () => {
    const cache = { get: (address: string) => { if (address === 'boom@example.test') throw new Error('cache exploded'); return undefined; } };
    const server = await startPolicyServer({ cache, settings: policySettings(policy.config), logger: pino({ level: 'silent' }), host: '127.0.0.1', port: 0 });
    try {
      const socket = net.connect({ port: server.port!, host: '127.0.0.1' });
      let received = '';
      socket.on('data', (b) => { received += b.toString(); });
      const closed = new Promise((r) => socket.on('close', r));
      socket.write(['ok@example.test', 'boom@example.test', 'ok@example.test'].map((r) => encodeRequest(rcptRequest(r, 1))).join(''));
      await closed;
      expect(received).toBe('action=DUNNO\n\n');
      const client = await PolicyClient.connect(server.port!);
      expect(await client.request(rcptRequest('ok@example.test', 1))).toBe('DUNNO');
      client.close();
    } finally {
      await server.close();
    }
  });

  it('exports decisions and protocol errors on /metrics', async () => {
    const text = await (await fetch(`http://127.0.0.1:${TEST_PORTS.policyMetrics}/metrics`)).text();
    expect(text).toMatch(/mailwarden_policy_decisions_total\{result="over_quota"\} \d+/);
    expect(text).toMatch(/mailwarden_policy_protocol_errors_total [1-9]/);
    expect(text).toMatch(/mailwarden_policy_decision_seconds_bucket\{le="0.002"\} \d+/);
    expect(text).toMatch(/mailwarden_policy_cache_mailboxes 2/);
  });
});
