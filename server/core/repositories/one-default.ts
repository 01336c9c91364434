// The partial unique indexes quota_plans_one_default / retention_policies_one_default allow one default at a
// time. Moving the flag takes a transaction-scoped advisory lock first, so concurrent moves run one after the
// other (the last one wins) instead of colliding on the index. A violation can still come from a writer that
// skips the lock: it becomes a 409 naming the field.
import type { DbOrTx } from '../lib/prisma.ts';
import { ConflictError } from '../domain/errors.ts';

/** Serialises "make this the default" per table until the surrounding transaction ends. */
export async function lockDefault(db: DbOrTx, table: 'quota_plans' | 'retention_policies'): Promise<void> {
  await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`mailwarden:${table}:default`}))`;
}

export function oneDefaultConflict(entity: string) {
  return (err: unknown): never => {
    if ((err as { code?: string })?.code === 'P2002') {
      throw new ConflictError(`body.isDefault: another ${entity} was made the default at the same time; reload and try again`, 'isDefault');
    }
    throw err;
  };
}
