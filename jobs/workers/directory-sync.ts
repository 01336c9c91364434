// directory-sync: one run of the directory sync (server/core/directory/sync.ts). A run either commits all of its
// changes or none, so a retry after a transient failure (directory or PostgreSQL restarting) is safe; a run that
// cannot succeed (bad credentials, missing base DN, misconfiguration) fails at once and is recorded as failed.
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { WorkerContext } from '../context.ts';
import type { JobPayloads } from '../../server/core/queues/registry.ts';
import { configuredSync } from '../../server/core/directory/configured.ts';
import { DirectoryConfigError, DirectoryReadError } from '../../server/core/directory/ldap-source.ts';
import { failRun, runDirectorySync, type SyncOutcome } from '../../server/core/directory/sync.ts';
import { createRun } from '../../server/core/repositories/directory-sync-runs.ts';

type Data = JobPayloads['directory-sync'];

export async function processDirectorySync(ctx: WorkerContext, job: Job<Data>): Promise<Omit<SyncOutcome, 'diff'> & { runId: number }> {
  let runId = job.data.runId;
  if (runId === undefined) {
    runId = await createRun(ctx.prisma, { source: ctx.config.DIRECTORY_SOURCE, dryRun: job.data.dryRun, trigger: job.data.trigger });
    await job.updateData({ ...job.data, runId }); // a retry continues this run instead of starting another
  }
  try {
    const { diff: _diff, ...outcome } = await runDirectorySync(configuredSync(ctx.config, ctx.prisma, ctx.connection, ctx.logger), { runId, dryRun: job.data.dryRun });
    return { runId, ...outcome }; // the diff itself is in PostgreSQL; the job result stays small
  } catch (err) {
    const permanent = err instanceof DirectoryConfigError || (err instanceof DirectoryReadError && err.permanent);
    const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (permanent || last) await failRun(ctx.prisma, runId, err);
    if (permanent) throw new UnrecoverableError((err as Error).message);
    throw err;
  }
}

export function createDirectorySyncWorker(ctx: WorkerContext) {
  return new Worker<Data>('directory-sync', (job) => processDirectorySync(ctx, job), {
    connection: ctx.connection,
    prefix: ctx.config.QUEUE_PREFIX,
    // Runs are serialized by an advisory lock anyway, and one run of 100,000 entries holds ~100 MB: one at a time.
    concurrency: 1,
    // A large first sync spends a minute or more in one transaction; BullMQ renews the lock meanwhile, and 5 minutes
    // without a renewal (a stalled process) hands the job to another worker.
    lockDuration: 300_000,
  });
}
