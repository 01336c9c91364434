// Failed jobs of every queue in the registry as one list, newest failure first, each with the mailbox it was about
// (by address: a job carries data.mailboxId, a notice job the notification whose mailbox it is) and its reason in
// plain words next to the raw one; and "retry all", which puts every failed job (of one queue, or of all) back.
import type { Job } from 'bullmq';
import type { DbOrTx } from '../core/lib/prisma.ts';
import { QUEUE_NAMES, type QueueName, type Queues } from '../core/queues/registry.ts';
import { createEntityNames, nameKey } from '../core/repositories/entity-names.ts';
import { readableFailure } from '../core/domain/job-failure.ts';
import { jobView } from './queue-admin.ts';

type JobRowView = ReturnType<typeof jobView>;
export type FailedJobRow = JobRowView & { reason: string; mailboxId: number | null; mailboxAddress: string | null };

/** How many failed jobs one "retry all" puts back at most (the rest stay failed; the answer says how many). */
export const RETRY_ALL_LIMIT = 1000;

const finishedMs = (row: JobRowView) => (row.finishedOn ? row.finishedOn.getTime() : 0);

/** The mailbox a job was about: its own data.mailboxId, or for a notice the notification's mailbox. */
async function withMailboxes(db: DbOrTx, rows: JobRowView[], jobs: Map<string, Job>): Promise<FailedJobRow[]> {
  const notificationIds = rows.filter((r) => r.queue === 'notify').map((r) => Number(jobs.get(`${r.queue}/${r.id}`)?.data?.notificationId)).filter(Number.isSafeInteger);
  const notices = notificationIds.length
    ? new Map((await db.notification.findMany({ where: { id: { in: notificationIds } }, select: { id: true, mailboxId: true } })).map((n) => [n.id, n.mailboxId]))
    : new Map<number, number>();
  const mailboxOf = (r: JobRowView): number | null => {
    const data = jobs.get(`${r.queue}/${r.id}`)?.data as Record<string, unknown> | undefined;
    if (Number.isSafeInteger(data?.mailboxId)) return data!.mailboxId as number;
    if (r.queue === 'notify') return notices.get(Number(data?.notificationId)) ?? null;
    return null;
  };
  const ids = rows.map(mailboxOf);
  const names = await createEntityNames(db).resolve({ mailbox: ids.filter((id): id is number => id !== null) });
  return rows.map((r, i) => ({
    ...r,
    reason: readableFailure(r.failedReason),
    mailboxId: ids[i],
    mailboxAddress: ids[i] === null ? null : names.get(nameKey('mailbox', ids[i]!)) ?? null,
  }));
}

/** One page (skip, take) of the failed jobs of `only` (or of every queue), newest failure first, and the total. */
export async function listFailedJobs(queues: Queues, db: DbOrTx, page: { skip: number; take: number; only?: QueueName }) {
  const names = page.only ? [page.only] : QUEUE_NAMES;
  // BullMQ keeps failed jobs in a set ordered by when they failed: the newest (skip + take) of each queue hold the page.
  const perQueue = await Promise.all(names.map(async (name) => {
    const [jobs, count] = await Promise.all([
      queues[name].getJobs(['failed'], 0, page.skip + page.take - 1, false),
      queues[name].getJobCountByTypes('failed'),
    ]);
    return { name, jobs: jobs.filter(Boolean) as Job[], count };
  }));
  const byKey = new Map<string, Job>();
  const rows: JobRowView[] = [];
  for (const { name, jobs } of perQueue) {
    for (const job of jobs) {
      byKey.set(`${name}/${job.id}`, job);
      rows.push(jobView(name, job, 'failed'));
    }
  }
  rows.sort((a, b) => finishedMs(b) - finishedMs(a) || a.queue.localeCompare(b.queue));
  const pageRows = rows.slice(page.skip, page.skip + page.take);
  return { rows: await withMailboxes(db, pageRows, byKey), total: perQueue.reduce((sum, q) => sum + q.count, 0) };
}

/** Retries every failed job of `only` (or of every queue), up to RETRY_ALL_LIMIT; which ones, per queue. */
export async function retryAllFailed(queues: Queues, only?: QueueName) {
  const retried: Partial<Record<QueueName, string[]>> = {};
  let budget = RETRY_ALL_LIMIT;
  for (const name of only ? [only] : QUEUE_NAMES) {
    if (budget <= 0) break;
    const jobs = (await queues[name].getJobs(['failed'], 0, budget - 1, true)).filter(Boolean) as Job[];
    for (const job of jobs) {
      // A job retried or removed meanwhile (another click, bull-board) is skipped, not an error.
      if ((await job.getState()) !== 'failed') continue;
      await job.retry('failed');
      (retried[name] ??= []).push(String(job.id));
      budget--;
    }
  }
  const remaining = (await Promise.all((only ? [only] : QUEUE_NAMES).map((n) => queues[n].getJobCountByTypes('failed')))).reduce((a, b) => a + b, 0);
  return { retried, count: Object.values(retried).reduce((sum, ids) => sum + ids.length, 0), remaining };
}
