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
  const adapter = releaseFailedTransactions(new PrismaPg({
    connectionString: databaseUrl,
    max: opts.poolSize ?? 10,
    // Fail fast when PostgreSQL is down instead of queueing requests behind a dead pool.
    connectionTimeoutMillis: 3_000,
  }));
  return new PrismaClient({ adapter });
}

type Adapter = Awaited<ReturnType<PrismaPg['connect']>>;
type Tx = Awaited<ReturnType<Adapter['startTransaction']>>;
interface PooledClient { release(err?: Error | boolean): void }

/**
 * Prisma 6.19's transaction manager sends ROLLBACK (or COMMIT) through an interactive transaction and only then
 * releases its pool client. When the connection died mid-transaction that query throws and the client is never
 * released: each PostgreSQL blip during a transaction cost a pool slot for good, and after `max` of them every
 * query failed with "timeout exceeded when trying to connect" (test/faults/postgres-down.test.ts). Here a failed
 * ROLLBACK/COMMIT releases the client with its error, so pg-pool discards the dead connection; the release
 * Prisma may still attempt afterwards is ignored.
 */
function releaseFailedTransactions(factory: PrismaPg): PrismaPg {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const tx: Tx = await start(isolationLevel);
      const client = (tx as unknown as { client?: PooledClient }).client;
      if (!client || typeof client.release !== 'function') return tx; // a different adapter shape: leave it alone
      const release = client.release.bind(client);
      let released = false;
      client.release = (err) => {
        if (released) return;
        released = true;
        release(err);
      };
      const executeRaw = tx.executeRaw.bind(tx);
      tx.executeRaw = async (query) => {
        try {
          return await executeRaw(query);
        } catch (err) {
          if (/^(ROLLBACK|COMMIT)$/i.test(query.sql.trim())) client.release(err instanceof Error ? err : new Error(String(err)));
          throw err;
        }
      };
      return tx;
    };
    return adapter;
  };
  return factory;
}
