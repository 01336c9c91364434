// One factory for the Prisma client, shared by the API, the workers and the scripts.
// Prisma 6.19 runs here on its JS engine through the pg driver adapter (no native binaries).
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.ts';

import type { Prisma } from '../generated/prisma/client.ts';

export type Db = PrismaClient;
/** A client or an interactive transaction: repositories accept either so a change and its audit event commit together. */
export type DbOrTx = PrismaClient | Prisma.TransactionClient;
export type { Prisma };

export function createPrisma(databaseUrl: string, opts: { poolSize?: number } = {}): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: databaseUrl,
    max: opts.poolSize ?? 10,
    // Fail fast when PostgreSQL is down instead of queueing requests behind a dead pool.
    connectionTimeoutMillis: 3_000,
  });
  return new PrismaClient({ adapter });
}
