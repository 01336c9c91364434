// Mailwarden's side of an expiry benchmark, by its real path: what POST /api/expiry/sweep does (create the run,
// enqueue `expiry-sweep`), then the fan-out worker enqueues one `expiry` job per mailbox and the expiry workers
// (in-process or child processes) SEARCH, FETCH, audit and UID EXPUNGE over IMAP. Timed until the run is closed.
import type { Queues } from '../../server/core/queues/registry.ts';
import type { Db } from '../../server/core/lib/prisma.ts';
import { createRun, runTotals, type RunTotals } from '../../server/core/services/expiry-runs.ts';

export interface SweepResult {
  runId: number;
  ms: number;
  status: string;
  totals: RunTotals;
  audit: { done: number; pending: number };
  errors: string[];
}

export async function sweepAndWait(prisma: Db, queues: Pick<Queues, 'expiry-sweep'>, opts: { timeoutMs: number }): Promise<SweepResult> {
  const started = performance.now();
  const run = await createRun(prisma, { scope: 'all', dryRun: false, trigger: 'manual', createdBy: 'bench' });
  await queues['expiry-sweep'].add('sweep', { runId: run.id, dryRun: false, trigger: 'manual' });
  let status = 'running';
  while (status === 'running') {
    if (performance.now() - started > opts.timeoutMs) throw new Error(`expiry run ${run.id} still running after ${opts.timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
    // Raw SQL: this poll runs in the workers' process and counts as their CPU; a Prisma query (compiled each time
    // by the JS engine) 20 times a second cost ~1-2 ms each, charged to Mailwarden though it is the benchmark's.
    const rows = await prisma.$queryRaw<{ status: string }[]>`SELECT status::text AS status FROM expiry_runs WHERE id = ${run.id}`;
    status = rows[0]!.status;
  }
  const ms = performance.now() - started;
  const totals = (await runTotals(prisma, [run.id])).get(run.id)!;
  const states = await prisma.expiredMessage.groupBy({ by: ['state'], where: { mailboxRun: { runId: run.id } }, _count: { _all: true } });
  const count = (s: string) => states.find((g) => g.state === s)?._count._all ?? 0;
  const failed = await prisma.expiryMailboxRun.findMany({ where: { runId: run.id, status: { not: 'done' } }, select: { status: true, error: true }, take: 5 });
  return {
    runId: run.id, ms, status, totals,
    audit: { done: count('done'), pending: count('pending') },
    errors: failed.map((f) => `${f.status}: ${f.error ?? ''}`),
  };
}
