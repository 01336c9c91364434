// Real PostgreSQL and Redis; a "stopped dependency" is a real closed port (nothing listens on 1/6390).
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { testConfig } from '../harness/env.ts';

describe('GET /health/ready', () => {
  it('is 200 when PostgreSQL and Redis answer', async () => {
    const app = await buildApp(testConfig());
    try {
      const res = await app.inject({ method: 'GET', url: '/health/ready' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok', checks: { postgres: 'ok', redis: 'ok' }, down: [] });
    } finally {
      await app.close();
    }
  });

  it('is 503 naming Redis when Redis is down', async () => {
    const app = await buildApp(testConfig({ REDIS_URL: 'redis://127.0.0.1:6390' }));
    try {
      const res = await app.inject({ method: 'GET', url: '/health/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'unavailable', checks: { postgres: 'ok', redis: 'down' }, down: ['redis'] });
    } finally {
      await app.close();
    }
  });

  it('is 503 naming PostgreSQL when the database is down, and API calls answer 503 without a stack trace', async () => {
    const app = await buildApp(testConfig({ DATABASE_URL: 'postgresql://root@127.0.0.1:1/mailwarden_test' }));
    try {
      // The Redis client connects in the background (no offline queue): until it has, readiness rightly says down.
      for (const until = Date.now() + 5000; app.redis.status !== 'ready' && Date.now() < until;) await new Promise((r) => setTimeout(r, 20));
      const res = await app.inject({ method: 'GET', url: '/health/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ checks: { postgres: 'down', redis: 'ok' }, down: ['postgres'] });
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'a@b.test', password: 'whatever-password' } });
      expect(login.statusCode).toBe(503);
      expect(login.json().message).toBe('PostgreSQL is unavailable, try again shortly');
      expect(login.body).not.toMatch(/at .*\.ts:\d+/);
    } finally {
      await app.close();
    }
  });

  it('/health/live answers without touching dependencies', async () => {
    const app = await buildApp(testConfig({ DATABASE_URL: 'postgresql://root@127.0.0.1:1/x', REDIS_URL: 'redis://127.0.0.1:6390' }));
    try {
      expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('GET /docs/json', () => {
  it('publishes an OpenAPI document covering every API route', async () => {
    const app = await buildApp(testConfig());
    try {
      const spec = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
      expect(spec.openapi).toMatch(/^3\./);
      const documented = new Set(Object.entries(spec.paths as Record<string, object>).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/(.)\/$/, '$1')}`)));
      const routes = app.accessTable
        .filter((r) => (r.url.startsWith('/api/') || r.url.startsWith('/health/')) && r.method !== 'HEAD')
        .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}').replace(/(.)\/$/, '$1')}`);
      expect(routes.filter((r) => !documented.has(r))).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
