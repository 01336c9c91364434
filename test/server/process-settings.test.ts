// Each entrypoint checks only the settings it uses: the real entrypoints run as child processes from an empty
// working directory (so no .env of the developer's leaks in), against the test database and Redis.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL, TEST_MASTER, TEST_REDIS_URL, testPort } from '../harness/env.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
// By path: `--import tsx` would be resolved from the child's working directory, which has no node_modules.
const TSX = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const cwd = mkdtempSync(path.join(tmpdir(), 'mw-settings-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

/** No secrets at all: only where PostgreSQL and Redis are, and ports of this file's own. */
const base = {
  PATH: process.env.PATH!, HOME: process.env.HOME ?? '/root',
  DATABASE_URL: TEST_DATABASE_URL, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: `mwtest-settings-${process.pid}`,
  POLICY_PORT: String(testPort(10390)), POLICY_METRICS_PORT: '0', WORKER_METRICS_PORT: '0', PORT: String(testPort(10391)),
  LOG_LEVEL: 'info',
};

function runSync(script: string, env: Record<string, string>, input = '', dir = cwd) {
  const res = spawnSync(process.execPath, ['--import', TSX, path.join(ROOT, script), ...(script.includes('create-admin') ? ['--email', 'settings-check@example.test'] : [])], {
    cwd: dir, env, input, encoding: 'utf8', timeout: 60_000,
  });
  return { code: res.status, out: res.stdout + res.stderr };
}

/** Starts a long-running entrypoint; resolves once `ready` matches its output. */
function startUntil(script: string, env: Record<string, string>, ready: RegExp, dir = cwd) {
  const child = spawn(process.execPath, ['--import', TSX, path.join(ROOT, script)], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const up = new Promise<void>((resolve, reject) => {
    const onData = (b: Buffer) => { out += b.toString(); if (ready.test(out)) resolve(); };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before it was ready:\n${out}`)));
  });
  const stop = () => new Promise<void>((resolve) => { if (child.exitCode !== null) return resolve(); child.once('exit', () => resolve()); child.kill('SIGTERM'); });
  return { up, stop, output: () => out };
}

function policyQuery(port: number, recipient: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.write(`request=smtpd_access_policy\nprotocol_state=RCPT\nprotocol_name=SMTP\nrecipient=${recipient}\nsize=1000\n\n`);
    });
    let data = '';
    socket.on('data', (b) => { data += b.toString(); if (data.endsWith('\n\n')) { socket.end(); resolve(data.trim()); } });
    socket.on('error', reject);
  });
}

describe('settings each process checks', () => {
  it('the policy service starts and answers with no IMAP or session secret', async () => {
    const policyd = startUntil('server/policy/index.ts', base, /policy service listening/);
    try {
      await policyd.up;
      expect(await policyQuery(Number(base.POLICY_PORT), 'nobody@unknown.test')).toBe('action=DUNNO');
    } finally {
      await policyd.stop();
    }
  }, 60_000);

  it('create-admin needs only the database', () => {
    const res = runSync('scripts/create-admin.ts', base, 'a-long-enough-password\n');
    expect(res.out).toMatch(/(Created|Updated) admin settings-check@example\.test/);
    expect(res.code, res.out).toBe(0);
  }, 60_000);

  it('the API without SESSION_SECRET stops with exit 78 naming only that variable (it needs no IMAP credential)', () => {
    const res = runSync('server/server.ts', base);
    expect(res.code, res.out).toBe(78);
    expect(res.out).toContain('SESSION_SECRET is required');
    expect(res.out).not.toContain('IMAP_ADMIN_PASSWORD');
  }, 60_000);

  it('a worker needs the IMAP admin password but no session secret', () => {
    const res = runSync('jobs/index.ts', base);
    expect(res.code, res.out).toBe(78);
    expect(res.out).toContain('IMAP_ADMIN_PASSWORD is required');
    expect(res.out).not.toContain('SESSION_SECRET');
  }, 60_000);

  it('in a clone where `npm start` ran, a worker takes the secret from .run/demo.env; the environment still wins', async () => {
    const clone = mkdtempSync(path.join(cwd, 'clone-'));
    mkdirSync(path.join(clone, '.run'));
    writeFileSync(path.join(clone, '.run/demo.env'), `IMAP_ADMIN_PASSWORD=${TEST_MASTER.password}\nLOG_LEVEL=not-a-level\n`);
    const worker = startUntil('jobs/index.ts', base, /workers started/, clone);
    try {
      await worker.up; // LOG_LEVEL from the file would have failed validation: the environment's "info" won
    } finally {
      await worker.stop();
    }
  }, 60_000);
});
