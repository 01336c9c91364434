// Builds the real API (real PostgreSQL and Redis) for a test file, plus helpers to log in as each role.
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../../server/app.ts';
import type { Config } from '../../server/core/config.ts';
import type { Role } from '../../server/core/domain/roles.ts';
import { createStaffRepository } from '../../server/core/repositories/staff.ts';
import { pino } from 'pino';
import { createWorkerRedis } from '../../server/core/lib/redis.ts';
import { createMailboxReadWorker } from '../../jobs/workers/mailbox-read.ts';
import { testConfig } from './env.ts';
import { truncateAll } from './db.ts';

export interface Session { cookie: string; csrf: string; email: string }
export const STAFF_PASSWORD = 'correct horse battery staple';

export async function startTestApp(overrides: Record<string, string> = {}): Promise<{ app: FastifyInstance; config: Config }> {
  const config = testConfig(overrides);
  const app = await buildApp(config);
  await truncateAll(app.prisma);
  return { app, config };
}

/** The worker that answers the API's mailbox reads (expiry previews, live folder lists), in-process on the app's queues. */
export function startMailboxReader(app: FastifyInstance, config: Config): { close(): Promise<void> } {
  const connection = createWorkerRedis(config.REDIS_URL);
  const worker = createMailboxReadWorker({ config, prisma: app.prisma, connection, logger: pino({ level: 'silent' }) });
  return {
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}

export async function createStaff(app: FastifyInstance, role: Role, email = `${role}@example.test`) {
  return createStaffRepository(app.prisma).create({ email, name: `${role} user`, role, password: STAFF_PASSWORD });
}

export async function login(app: FastifyInstance, email: string, password = STAFF_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'mw_session');
  return { cookie: `mw_session=${cookie!.value}`, csrf: res.json().csrfToken, email };
}

/** app.inject as a logged-in staff member (cookie + CSRF header on mutations). */
export function as(app: FastifyInstance, session: Session | null, opts: InjectOptions) {
  const headers: Record<string, string> = { ...(opts.headers as Record<string, string>) };
  if (session) {
    headers.cookie = session.cookie;
    headers['x-csrf-token'] = session.csrf;
  }
  return app.inject({ ...opts, headers });
}
