// Liveness (the process answers) and readiness (PostgreSQL and Redis answer, each named when down).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

const CHECK_TIMEOUT_MS = 1_500;

const Check = Type.Union([Type.Literal('ok'), Type.Literal('down')]);
const Readiness = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  checks: Type.Object({ postgres: Check, redis: Check }),
  down: Type.Array(Type.String()),
});

async function probe(fn: () => Promise<unknown>): Promise<'ok' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS); }),
    ]);
    return 'ok';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const access = { public: true } as const;

  app.get('/live', {
    config: { access },
    schema: { tags: ['health'], summary: 'The API process is up', response: { 200: Type.Object({ status: Type.Literal('ok') }) } },
  }, async () => ({ status: 'ok' as const }));

  app.get('/ready', {
    config: { access },
    schema: { tags: ['health'], summary: 'PostgreSQL and Redis are reachable (503 names the one that is not)', response: { 200: Readiness, 503: Readiness } },
  }, async (_request, reply) => {
    const [postgres, redis] = await Promise.all([
      probe(() => app.prisma.$queryRaw`SELECT 1`),
      probe(() => app.redis.ping()),
    ]);
    const checks = { postgres, redis };
    const down = Object.entries(checks).filter(([, v]) => v === 'down').map(([k]) => k);
    return reply.code(down.length ? 503 : 200).send({ status: down.length ? 'unavailable' : 'ok', checks, down });
  });
};

export default healthRoutes;
