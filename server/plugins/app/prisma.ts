// PostgreSQL through Prisma, decorated as app.prisma and disconnected on close.
import fp from 'fastify-plugin';
import { createPrisma, poolOptions, type Db } from '../../core/lib/prisma.ts';

declare module 'fastify' {
  interface FastifyInstance {
    prisma: Db;
  }
}

export default fp(
  async (app) => {
    const prisma = createPrisma(app.config.DATABASE_URL, poolOptions(app.config));
    app.decorate('prisma', prisma);
    app.addHook('onClose', () => prisma.$disconnect());
  },
  { name: 'prisma', dependencies: ['config'] },
);
