// One factory for the Prisma client, shared by the API, the workers and the scripts.
// Prisma 6.19 runs here on its JS engine through the pg driver adapter (no native binaries).
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../generated/prisma/client.ts';
import type { Config } from '../config.ts';

import type { Prisma } from '../../generated/prisma/client.ts';

export type Db = PrismaClient;
/** A client or an interactive transaction: repositories accept either so a change and its audit event commit together. */
export type DbOrTx = PrismaClient | Prisma.TransactionClient;
export type { Prisma };

export interface PoolOptions {
  poolSize?: number;
  /** Give up opening a connection after this long (PostgreSQL down or unreachable). */
  connectTimeoutMs?: number;
  /** PostgreSQL's statement_timeout (0 = none); the client also stops waiting for an answer this long + QUERY_GRACE_MS. */
  statementTimeoutMs?: number;
  /** TCP keepalive after this much idle time on a connection (0 = off). */
  keepAliveIdleMs?: number;
}

// The server cancels a slow statement itself (57014) and the connection stays usable; the client-side limit only
// fires when no answer can come at all (a silent partition), so it waits a little longer than the server's.
const QUERY_GRACE_MS = 2_000;

/** The pool settings of the API and workers, from the validated config (scripts keep the defaults below). */
export const poolOptions = (config: Pick<Config, 'DB_CONNECT_TIMEOUT_MS' | 'DB_STATEMENT_TIMEOUT_MS' | 'DB_KEEPALIVE_IDLE_MS'>): PoolOptions => ({
  connectTimeoutMs: config.DB_CONNECT_TIMEOUT_MS,
  statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
  keepAliveIdleMs: config.DB_KEEPALIVE_IDLE_MS,
});

export function createPrisma(databaseUrl: string, opts: PoolOptions = {}): PrismaClient {
  // Defaults: those of DB_CONNECT_TIMEOUT_MS, DB_STATEMENT_TIMEOUT_MS and DB_KEEPALIVE_IDLE_MS in server/core/config.ts.
  const { poolSize = 10, connectTimeoutMs = 3_000, statementTimeoutMs = 30_000, keepAliveIdleMs = 10_000 } = opts;
  const adapter = releaseFailedTransactions(new PrismaPg({
    connectionString: databaseUrl,
    max: poolSize,
    // Fail fast when PostgreSQL is down instead of queueing requests behind a dead pool.
    connectionTimeoutMillis: connectTimeoutMs,
    // Without these a query on a connection whose packets vanish (a silent network partition: no RST, no FIN)
    // waits for ever, and so does the API request behind it. A timed-out query's connection is discarded
    // (pg-pool releases it with the error), so the pool heals once the network does.
    ...(statementTimeoutMs ? { statement_timeout: statementTimeoutMs, query_timeout: statementTimeoutMs + QUERY_GRACE_MS } : {}),
    // Keepalive probes find a peer that vanished while a connection waits (the OS then resets it); they also keep
    // NAT and firewall state alive between queries.
    ...(keepAliveIdleMs ? { keepAlive: true, keepAliveInitialDelayMillis: keepAliveIdleMs } : {}),
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
