// Real: the API built from app.ts (helmet as configured) answering over app.inject and over a real TLS listener with a
// throw-away self-signed certificate made by openssl; nothing stubbed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyServerOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { testConfig } from '../harness/env.ts';

const URLS = ['/health/live', '/api/auth/me', '/help', '/'];
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mw-hsts-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Strict-Transport-Security', () => {
  it('is not sent over plain http when the public URL is http', async () => {
    const app = await buildApp(testConfig());
    try {
      for (const url of URLS) expect((await app.inject({ method: 'GET', url })).headers['strict-transport-security'], url).toBeUndefined();
    } finally {
      await app.close();
    }
  });

  it('is sent when the public URL is https (TLS ends at a proxy in front)', async () => {
    const app = await buildApp(testConfig({ PUBLIC_BASE_URL: 'https://mail-admin.example.org' }));
    try {
      for (const url of URLS) expect((await app.inject({ method: 'GET', url })).headers['strict-transport-security'], url).toMatch(/^max-age=\d{7,}; includeSubDomains$/);
    } finally {
      await app.close();
    }
  });

  it('is sent on a request that arrived over TLS', async () => {
    const tls = { https: { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) } } as unknown as FastifyServerOptions;
    const app = await buildApp(testConfig(), tls);
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = app.server.address() as AddressInfo;
      const header = await new Promise<string | string[] | undefined>((resolve, reject) => {
        https.get({ host: '127.0.0.1', port, path: '/health/live', rejectUnauthorized: false }, (res) => {
          res.resume();
          resolve(res.headers['strict-transport-security']);
        }).on('error', reject);
      });
      expect(header).toMatch(/^max-age=\d{7,}; includeSubDomains$/);
    } finally {
      await app.close();
    }
  });
});
