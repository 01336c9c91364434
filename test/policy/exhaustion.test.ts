// Real policy service (server/policy/service.ts, from config) over real loopback TCP and a UNIX socket, reading real
// PostgreSQL; the clients are plain sockets. Nothing stubbed. One hostile local client holding thousands of half-sent
// requests must not lock other clients out; idle connections close after POLICY_IDLE_TIMEOUT_SECONDS; POLICY_PORT=0
// turns the TCP listener off. The attacker connects from 127.0.0.1 and the other client from 127.0.0.2 (all of
// 127.0.0.0/8 is loopback), as two hosts or two local addresses would.
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createPrisma } from '../../server/core/lib/prisma.ts';
import { startPolicyServer } from '../../server/policy/server.ts';
import { policySettings } from '../../server/policy/handler.ts';
import { encodeRequest, rcptRequest } from '../../bench/lib/policy-client.ts';
import { truncateAll } from '../harness/db.ts';
import { TEST_DATABASE_URL, TEST_PORTS, testConfig } from '../harness/env.ts';
import { startTestPolicy } from '../harness/policy.ts';

const prisma = createPrisma(TEST_DATABASE_URL);
const FULL = '552 5.2.2 Mailbox is full';
const HALF_REQUEST = 'request=smtpd_access_policy\nprotocol_state=RCPT\nrecipient=full@exam'; // never finished

beforeAll(async () => {
  await truncateAll(prisma);
  await prisma.mailbox.create({
    data: { address: 'full@example.test', imapLogin: 'full@example.test', effectiveLimitBytes: 1000n, usedBytes: 1000n, scannedAt: new Date() },
  });
});
afterAll(() => prisma.$disconnect());

/** Opens a connection from `localAddress`, sends half a request and keeps it; resolves once connected (or refused). */
function holdHalfRequest(port: number, held: Set<net.Socket>): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1', localAddress: '127.0.0.1' });
    socket.on('error', () => undefined); // the server may reset it: that is the point
    socket.once('connect', () => { held.add(socket); socket.write(HALF_REQUEST); resolve(); });
    socket.once('close', () => { held.delete(socket); resolve(); });
  });
}

/** A well-behaved client from 127.0.0.2 (or the socket `path`): sends `n` requests one by one, returns the actions. */
function askAsOtherClient(target: { port: number } | { path: string }, n: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = 'path' in target ? net.connect(target) : net.connect({ port: target.port, host: '127.0.0.1', localAddress: '127.0.0.2' });
    const answers: string[] = [];
    let buffer = '';
    const timer = setTimeout(() => { socket.destroy(); reject(new Error(`no answer within 5 s (got ${answers.length}/${n})`)); }, 5_000);
    const next = () => socket.write(encodeRequest(rcptRequest('full@example.test', 10)));
    socket.on('connect', next);
    socket.on('data', (chunk) => {
      buffer += chunk.toString();
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        answers.push(buffer.slice(0, end).replace(/^action=/, ''));
        buffer = buffer.slice(end + 2);
        if (answers.length === n) { clearTimeout(timer); socket.end(); resolve(answers); return; }
        next();
      }
    });
    socket.on('error', (err) => { clearTimeout(timer); reject(err); });
    socket.on('close', () => { clearTimeout(timer); if (answers.length < n) reject(new Error(`closed after ${answers.length}/${n} answers`)); });
  });
}

describe('one client holding thousands of half-sent requests', () => {
  it('keeps only its share (POLICY_MAX_CONNECTIONS_PER_CLIENT) and another client is still answered', async () => {
    const policy = await startTestPolicy({ POLICY_METRICS_PORT: '0' });
    const held = new Set<net.Socket>();
    const ATTEMPTS = 4_500; // more than the service's 4,096 connections in all
    try {
      for (let i = 0; i < ATTEMPTS; i += 250) {
        await Promise.all(Array.from({ length: Math.min(250, ATTEMPTS - i) }, () => holdHalfRequest(policy.port, held)));
      }
      await new Promise((r) => setTimeout(r, 300)); // let the server's resets of the refused ones arrive
      const started = performance.now();
      const answers = await askAsOtherClient({ port: policy.port }, 20);
      const ms = performance.now() - started;
      expect(answers).toEqual(Array(20).fill(FULL));
      expect(held.size).toBe(policy.config.POLICY_MAX_CONNECTIONS_PER_CLIENT);
      const refused = await policy.service.metrics.registry.getSingleMetric('mailwarden_policy_connections_refused_total')!.get();
      expect(refused.values[0].value).toBe(ATTEMPTS - held.size);
      console.info(`[policy] attacker opened ${ATTEMPTS} connections with half-sent requests, ${held.size} held open (cap ${policy.config.POLICY_MAX_CONNECTIONS_PER_CLIENT}), ${ATTEMPTS - held.size} refused; the other client got 20/20 answers in ${ms.toFixed(1)} ms`);
    } finally {
      for (const socket of held) socket.destroy();
      await policy.stop();
    }
  }, 60_000);
});

describe('idle connections', () => {
  it('close after POLICY_IDLE_TIMEOUT_SECONDS without traffic, while a connection in use stays open', async () => {
    const policy = await startTestPolicy({ POLICY_METRICS_PORT: '0', POLICY_IDLE_TIMEOUT_SECONDS: '1' });
    try {
      const idle = net.connect({ port: policy.port, host: '127.0.0.1' });
      idle.on('error', () => undefined);
      const idleClosedAfter = new Promise<number>((resolve) => {
        const opened = performance.now();
        idle.on('close', () => resolve(performance.now() - opened));
      });
      // The busy client asks every 300 ms for 2 s: never idle for a whole second.
      const busy = await new Promise<number>((resolve, reject) => {
        const socket = net.connect({ port: policy.port, host: '127.0.0.1' });
        let answered = 0;
        socket.on('data', () => {
          if (++answered === 7) { socket.end(); resolve(answered); } else setTimeout(() => socket.write(encodeRequest(rcptRequest('full@example.test', 1))), 300);
        });
        socket.on('connect', () => socket.write(encodeRequest(rcptRequest('full@example.test', 1))));
        socket.on('close', () => { if (answered < 7) reject(new Error(`busy connection closed after ${answered} answers`)); });
      });
      expect(busy).toBe(7);
      const ms = await idleClosedAfter;
      expect(ms).toBeGreaterThanOrEqual(900);
      expect(ms).toBeLessThan(2_000);
    } finally {
      await policy.stop();
    }
  });
});

describe('POLICY_PORT=0', () => {
  const SOCKET = `/tmp/mw-policy-exhaustion-${process.pid}.sock`;

  it('turns the TCP listener off and answers on POLICY_SOCKET only', async () => {
    const policy = await startTestPolicy({ POLICY_METRICS_PORT: '0', POLICY_PORT: '0', POLICY_SOCKET: SOCKET });
    try {
      expect(policy.service.server.port).toBeNull();
      expect(await askAsOtherClient({ path: SOCKET }, 3)).toEqual(Array(3).fill(FULL));
      const tcp = await new Promise<string>((resolve) => {
        const socket = net.connect({ port: TEST_PORTS.policy, host: '127.0.0.1' });
        socket.on('connect', () => { socket.destroy(); resolve('connected'); });
        socket.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
      });
      expect(tcp).toBe('ECONNREFUSED');
    } finally {
      await policy.stop();
    }
  });

  it('refuses to start with neither a TCP port nor a socket', async () => {
    const config = testConfig({ POLICY_PORT: '0' });
    const start = startPolicyServer({ cache: { get: () => undefined }, settings: policySettings(config), logger: pino({ level: 'silent' }), host: '127.0.0.1', port: null });
    await expect(start).rejects.toThrow(/POLICY_PORT=0 needs POLICY_SOCKET/);
  });
});
