// expiry-sweep: fan an expiry run out to one `expiry` job per mailbox. Three callers: the nightly job
// scheduler (no runId yet: the run is created here and its id written into the job's own data, so a retry
// reuses it), "sweep now" and a policy preview (the API created the run). Idempotent: mailbox rows are
// unique per run and jobIds are expiry-<run>-<mailbox>, so a retried fan-out neither doubles rows nor jobs.
// All rows are created and mailboxesTotal set BEFORE the first job is enqueued: a fast worker can then
// never close the run while the fan-out is still adding mailboxes.
import { Worker, type Job } from 'bullmq';
import type { WorkerContext } from '../context.ts';
import type { JobPayloads, Queues } from '../../server/core/queues/registry.ts';
import { createRun, expiryJobId, finishRunIfDone } from '../../server/core/services/expiry-runs.ts';
import { mailboxesGovernedBy } from '../../server/core/services/retention.ts';
import { createAuditLog } from '../../server/core/repositories/audit-log.ts';
import type { Prisma } from '../../server/core/lib/prisma.ts';
import { recordRunFinished } from './expiry.ts';

type Data = JobPayloads['expiry-sweep'];

// Mailboxes read per query, and jobs per addBulk (one Redis MULTI): small round trips, 100k mailboxes in 200 calls.
const PAGE = 5000;
const FANOUT_CHUNK = 500;

export async function runExpirySweep(ctx: WorkerContext, queues: Pick<Queues, 'expiry'>, job: Job<Data>) {
  const { prisma } = ctx;
  let runId = job.data.runId;
  if (!runId) {
    const run = await createRun(prisma, { scope: 'all', dryRun: job.data.dryRun, trigger: job.data.trigger, createdBy: null });
    await job.updateData({ ...job.data, runId: run.id });
    runId = run.id;
    if (await queues.expiry.isPaused()) {
      // Paused means "touch nothing": the scheduled sweep is recorded as skipped instead of queueing behind the pause.
      await prisma.expiryRun.update({ where: { id: runId }, data: { status: 'failed', finishedAt: new Date(), error: 'expiry is paused: the scheduled sweep was skipped' } });
      return { runId, skipped: 'paused' };
    }
  }
  const run = await prisma.expiryRun.findUnique({ where: { id: runId } });
  if (!run || run.status !== 'running') return { runId, skipped: 'run not running' };

  const scope: Prisma.MailboxWhereInput = job.data.policyId ? await mailboxesGovernedBy(prisma, job.data.policyId) : {};
  let after = 0;
  for (;;) {
    const page = await prisma.mailbox.findMany({ where: { AND: [scope, { status: 'active', id: { gt: after } }] }, select: { id: true }, orderBy: { id: 'asc' }, take: PAGE });
    if (!page.length) break;
    await prisma.expiryMailboxRun.createMany({ data: page.map((m) => ({ runId: runId!, mailboxId: m.id, dryRun: run.dryRun })), skipDuplicates: true });
    after = page[page.length - 1].id;
  }
  const total = await prisma.expiryMailboxRun.count({ where: { runId } });
  await prisma.expiryRun.update({ where: { id: runId }, data: { mailboxesTotal: total } });

  let enqueued = 0;
  let afterRow = 0;
  for (;;) {
    const rows = await prisma.expiryMailboxRun.findMany({ where: { runId, status: 'pending', id: { gt: afterRow } }, select: { id: true, mailboxId: true }, orderBy: { id: 'asc' }, take: PAGE });
    if (!rows.length) break;
    for (let i = 0; i < rows.length; i += FANOUT_CHUNK) {
      await queues.expiry.addBulk(rows.slice(i, i + FANOUT_CHUNK).map((r) => ({
        name: 'expiry', data: { mailboxId: r.mailboxId, runId: runId!, dryRun: run.dryRun }, opts: { jobId: expiryJobId(runId!, r.mailboxId) },
      })));
    }
    enqueued += rows.length;
    afterRow = rows[rows.length - 1].id;
  }
  // An empty run has no worker to close it.
  if (await finishRunIfDone(prisma, runId)) await recordRunFinished(ctx, runId);
  if (job.data.trigger === 'scheduled') {
    await createAuditLog(prisma).record(null, { action: 'expiry_run.started', entityType: 'expiry_run', entityId: runId, after: { scope: run.scope, dryRun: run.dryRun, mailboxes: total } });
  }
  return { runId, mailboxes: total, enqueued };
}

export function createExpirySweepWorker(ctx: WorkerContext, queues: Pick<Queues, 'expiry'>) {
  return new Worker<Data>('expiry-sweep', (job) => runExpirySweep(ctx, queues, job), {
    connection: ctx.connection,
    prefix: ctx.config.QUEUE_PREFIX,
    // Fan-outs are rare and each is a few queries per 5,000 mailboxes; one at a time keeps run ids in order.
    concurrency: 1,
  });
}
