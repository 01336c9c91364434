// Real: the policy-delegation parser (server/policy/protocol.ts) and the policy service over TCP (test/harness/policy.ts, PostgreSQL, Redis). Inputs come from a seeded generator (test/harness/fuzz.ts); the clients are raw sockets, as Postfix's smtpd would be.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PolicyParser, ProtocolError, type PolicyRequest } from '../../server/policy/protocol.ts';
import { PolicyClient, rcptRequest } from '../../bench/lib/policy-client.ts';
import { createPrisma } from '../../server/core/lib/prisma.ts';
import { truncateAll } from '../harness/db.ts';
import { TEST_DATABASE_URL } from '../harness/env.ts';
import { startTestPolicy, type TestPolicy } from '../harness/policy.ts';
import { forAll, forAllAsync, type Gen } from '../harness/fuzz.ts';

const FULL = '552 5.2.2 Mailbox is full';
const NAME = 'abcdefghijklmnopqrstuvwxyz_0123456789';
const VALUE = [...'abc@.-+<>=_ 09', 'é', '日本', '😀', '\t', '\r'];

/** Garbage: a first line with no "=" (or "=" first), then anything. Never a request. */
function garbage(g: Gen): string {
  const first = g.pick([
    () => g.string([...'abc <>@:;', 'HELO x', 'GET / HTTP/1.1', '\t', '\0', 'é'], 1, 30),
    () => `=${g.string(NAME, 0, 10)}`,
    () => g.bytes(1, 40).toString('latin1').replace(/[=\n\r]/g, 'x'),
  ])();
  return `${first}\n${g.text(0, 200)}`;
}

/** Valid requests (names without "=", values without newlines), as their attribute lists. */
function requests(g: Gen): Array<Array<[string, string]>> {
  return g.array(1, 5, (h) => h.array(1, 8, (k) => [k.string(NAME, 1, 12), k.string(VALUE, 0, 20)] as [string, string]));
}

const encode = (reqs: Array<Array<[string, string]>>, eol: string) => reqs.map((r) => r.map(([n, v]) => `${n}=${v}${eol}`).join('') + eol).join('');
const asObjects = (reqs: PolicyRequest[]) => reqs.map((r) => Object.fromEntries(r));

/** Feed `data` cut at random places; collect requests, or the error that stopped the parser. */
function feed(g: Gen, data: Buffer) {
  const parser = new PolicyParser();
  const out: PolicyRequest[] = [];
  let error: unknown = null;
  let at = 0;
  while (at < data.length && !error) {
    const next = Math.min(data.length, at + g.int(1, 64));
    try {
      out.push(...parser.push(data.subarray(at, next)));
    } catch (err) {
      error = err;
    }
    at = next;
  }
  return { out, error };
}

describe('PolicyParser (property tests)', () => {
  it('never throws anything but ProtocolError, whatever the bytes and however they are split, and stays failed', () => {
    forAll(500, (g) => {
      const data = g.bool() ? g.bytes(0, 600) : Buffer.from(g.bool() ? garbage(g) : encode(requests(g), '\n') + g.text(0, 50));
      const { error } = feed(g, data);
      if (error) {
        expect(error).toBeInstanceOf(ProtocolError);
      }
    });
  });

  it('parses the same requests whatever the chunking and line ends (LF or CRLF), UTF-8 split anywhere', () => {
    forAll(300, (g) => {
      const reqs = requests(g);
      const eol = g.pick(['\n', '\r\n']);
      // Only one CR before the LF belongs to the line end.
      const expected = reqs.map((r) => Object.fromEntries(r.map(([n, v]) => [n, eol === '\n' && v.endsWith('\r') ? v.slice(0, -1) : v])));
      const { out, error } = feed(g, Buffer.from(encode(reqs, eol)));
      expect(error).toBeNull();
      expect(asObjects(out)).toEqual(expected);
    });
  });

  it('never yields a request from garbage', () => {
    forAll(400, (g) => {
      const { out, error } = feed(g, Buffer.from(garbage(g)));
      expect(out).toEqual([]);
      expect(error).toBeInstanceOf(ProtocolError);
    });
  });
});

describe('policy service over TCP under garbage', () => {
  const prisma = createPrisma(TEST_DATABASE_URL);
  let policy: TestPolicy;
  beforeAll(async () => {
    await truncateAll(prisma);
    await prisma.mailbox.create({ data: { address: 'full@example.test', imapLogin: 'full@example.test', effectiveLimitBytes: 1000n, usedBytes: 1000n, scannedAt: new Date() } });
    policy = await startTestPolicy();
  });
  afterAll(async () => {
    await policy?.stop();
    await prisma.$disconnect();
  });

  /** Everything the server sent before closing (or before `ms`). */
  function exchange(data: string | Buffer, ms = 1000, replies = Infinity): Promise<{ received: string; closed: boolean }> {
    return new Promise((resolve) => {
      const socket = net.connect(policy.port, '127.0.0.1');
      let received = '';
      const done = () => { socket.destroy(); resolve({ received, closed: false }); };
      let timer = setTimeout(done, ms);
      socket.on('data', (b) => {
        received += b.toString('latin1');
        // Enough replies: wait a little longer for any extra one, then stop.
        if ((received.match(/\n\n/g) ?? []).length >= replies) { clearTimeout(timer); timer = setTimeout(done, 30); }
      });
      socket.on('error', () => undefined);
      socket.on('close', () => { clearTimeout(timer); resolve({ received, closed: true }); });
      socket.on('connect', () => socket.write(data));
    });
  }

  it('closes a connection that sends garbage without ever replying, even when a valid request follows it', async () => {
    await forAllAsync(60, async (g) => {
      const valid = '\nrequest=smtpd_access_policy\nprotocol_state=RCPT\nrecipient=full@example.test\nsize=10\n\n';
      const { received, closed } = await exchange(garbage(g) + (g.bool() ? valid : ''));
      expect(received).toBe('');
      expect(closed).toBe(true);
    });
  });

  it('answers exactly one action per well-formed request, however odd its attributes', async () => {
    await forAllAsync(40, async (g) => {
      const reqs = requests(g).map((r) => [...r.filter(([n]) => n !== 'request'), ['x', '1'] as [string, string]]);
      const { received } = await exchange(encode(reqs, '\n'), 2000, reqs.length);
      expect(received.match(/^action=[^\n]*\n\n/gm) ?? []).toHaveLength(reqs.length);
      expect(received).toMatch(/^(action=DUNNO\n\n)*$/); // not Postfix asking (no request=smtpd_access_policy)
    });
  });

  it('still answers correctly after a storm of garbage connections', async () => {
    await Promise.all(Array.from({ length: 50 }, (_, i) => exchange(`garbage line ${i}\n\n`, 500)));
    const client = await PolicyClient.connect(policy.port);
    expect(await client.request(rcptRequest('full@example.test', 10))).toBe(FULL);
    client.close();
  });
});
