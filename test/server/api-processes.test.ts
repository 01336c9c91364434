// Real: server/server.ts as its own process with API_PROCESSES=2 (node:cluster), on the test PostgreSQL and Redis.
// Both processes answer on the one port; a session signed in through one is ended for both by a logout (the session
// caches agree over Redis); a dead process takes the set down with exit 1, SIGTERM with exit 0.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, startTestApp, STAFF_PASSWORD } from '../harness/app.ts';
import { envOf, startEntrypoint, type Entrypoint } from '../harness/processes.ts';
import { testPort } from '../harness/env.ts';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../server/core/config.ts';

const PORT = testPort(10680);
let app: FastifyInstance;
let config: Config;

beforeAll(async () => {
  ({ app, config } = await startTestApp());
  await createStaff(app, 'ops');
});
afterAll(() => app?.close());

const children = (pid: number) => readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);

/** One request on a connection of its own (no keep-alive), so the primary hands each to the next process in turn. */
function call(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: PORT, method, path, agent: false, headers: { connection: 'close', ...headers } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Started once both processes log that they listen (the first one alone would already answer). */
async function start(): Promise<Entrypoint> {
  const api = await startEntrypoint('server/server.ts', envOf(config, { API_PROCESSES: '2', PORT: String(PORT), LOG_LEVEL: 'info', SESSION_CACHE_SECONDS: '60' }), /Server listening/, 120_000);
  for (const until = Date.now() + 120_000; api.output.join('').split('Server listening').length - 1 < 2;) {
    if (Date.now() > until || api.child.exitCode !== null) throw new Error(`the second API process did not start:\n${api.output.join('')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return api;
}

describe('API_PROCESSES=2', () => {
  it('serves from two processes on one port, and a logout through either ends the session for both', async () => {
    const api = await start();
    try {
      expect(children(api.child.pid!)).toHaveLength(2);
      const login = await call('POST', '/api/auth/login', { 'content-type': 'application/json' }, JSON.stringify({ email: 'ops@example.test', password: STAFF_PASSWORD }));
      expect(login.status, login.body).toBe(200);
      const cookie = String((login.headers['set-cookie'] as string[]).find((c) => c.startsWith('mw_session='))!.split(';')[0]);
      const csrf = JSON.parse(login.body).csrfToken as string;
      // Round-robin over fresh connections: both processes resolve (and cache) the session.
      for (let i = 0; i < 4; i++) expect((await call('GET', '/api/auth/me', { cookie })).status).toBe(200);
      expect((await call('POST', '/api/auth/logout', { cookie, 'x-csrf-token': csrf })).status).toBe(204);
      // The other process hears of it over Redis within milliseconds (its cache would keep the session for 60 s).
      const until = Date.now() + 1_000;
      while ((await call('GET', '/api/auth/me', { cookie })).status !== 401) expect(Date.now()).toBeLessThan(until);
      for (let i = 0; i < 4; i++) expect((await call('GET', '/api/auth/me', { cookie })).status).toBe(401);
      // The two that answered were different processes: each logged its own requests.
      const pids = new Set(api.output.join('').split('\n').filter((l) => l.includes('"request completed"')).map((l) => (JSON.parse(l) as { pid: number }).pid));
      expect(pids.size).toBe(2);
      // SIGTERM to the first process: every process closes and it exits 0.
      const exit = new Promise<number | null>((r) => api.child.once('exit', (code) => r(code)));
      api.child.kill('SIGTERM');
      expect(await exit).toBe(0);
    } finally {
      await api.kill('SIGKILL');
    }
  }, 180_000);

  it('stops the set with exit 1 when one process dies', async () => {
    const api = await start();
    try {
      const [first, second] = children(api.child.pid!);
      const exit = new Promise<number | null>((r) => api.child.once('exit', (code) => r(code)));
      process.kill(first, 'SIGKILL');
      expect(await exit).toBe(1);
      expect(() => process.kill(second, 0)).toThrow(); // the other one is gone too
    } finally {
      await api.kill('SIGKILL');
    }
  }, 180_000);
});
