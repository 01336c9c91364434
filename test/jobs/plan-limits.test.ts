// Real PostgreSQL and Redis, the real API (app.inject) and the real workers in-process under one queue prefix, an
// SMTP sink. 100,000 mailboxes are inserted with one SQL statement; nothing is stubbed.
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { as, createStaff, login, startTestApp, type Session } from '../harness/app.ts';
import { startJobsHarness, waitForJob, type JobsHarness } from '../harness/jobs.ts';
import { testPort } from '../harness/env.ts';
import { runPlanLimits } from '../../jobs/workers/plan-limits.ts';

const GiB = 1024 ** 3;
const MAILBOXES = 100_000;
let app: FastifyInstance;
let jobs: JobsHarness;
let ops: Session;
let planId: number;
let otherPlanId: number;

beforeAll(async () => {
  const QUEUE_PREFIX = `mwtest-plan-limits-${process.pid}`;
  ({ app } = await startTestApp({ QUEUE_PREFIX }));
  jobs = await startJobsHarness(testPort(10455), { QUEUE_PREFIX }); // empties the database again: seed after it
  await createStaff(app, 'ops');
  ops = await login(app, 'ops@example.test');
  planId = (await as(app, ops, { method: 'POST', url: '/api/plans', payload: { name: 'Campus', storageLimitBytes: 10 * GiB } })).json().id;
  otherPlanId = (await as(app, ops, { method: 'POST', url: '/api/plans', payload: { name: 'Other', storageLimitBytes: 10 * GiB } })).json().id;
  // Every 100th mailbox uses 7.5 GiB (75 %: no warning yet), of which every 1,000th has a 100 GiB override;
  // the next one uses 9.5 GiB (95 %); the rest 1 GiB. 1,000 more on another plan use 9.5 GiB.
  await app.prisma.$executeRaw`
    INSERT INTO mailboxes (address, imap_login, plan_id, limit_override_bytes, effective_limit_bytes, used_bytes, usage_percent, scanned_at, updated_at)
    SELECT a, a, p, o, COALESCE(o, ${10 * GiB}::bigint), u, round(u::numeric * 100 / COALESCE(o, ${10 * GiB}::bigint), 2)::float8, now(), now()
      FROM (SELECT 'm' || i || '@example.test' AS a,
                   CASE WHEN i > ${MAILBOXES} THEN ${otherPlanId}::int ELSE ${planId}::int END AS p,
                   CASE WHEN i % 1000 = 0 AND i <= ${MAILBOXES} THEN ${100 * GiB}::bigint END AS o,
                   CASE WHEN i > ${MAILBOXES} OR i % 100 = 1 THEN ${9.5 * GiB}::bigint WHEN i % 100 = 0 THEN ${7.5 * GiB}::bigint ELSE ${GiB}::bigint END AS u
              FROM generate_series(1, ${MAILBOXES + 1000}) i) s`;
  // What autovacuum does soon after a bulk load in production; without it the planner still sees an empty table.
  await app.prisma.$executeRawUnsafe('VACUUM ANALYZE mailboxes');
}, 120_000);
afterAll(async () => {
  await jobs?.stop();
  await app?.close();
});

const noticeCounts = async () => (await app.prisma.$queryRaw<{ kind: string; threshold: number; rows: number; mailboxes: number }[]>`
  SELECT kind::text, threshold, count(*)::int AS rows, count(DISTINCT mailbox_id)::int AS mailboxes FROM notifications GROUP BY 1, 2 ORDER BY 1, 2`);

/** The job as a retry would run it: same data, through the queue and the real worker. */
const runJob = async () => {
  const job = await jobs.queues['plan-limits'].add('plan-limits', { planId, withoutPlan: false });
  return waitForJob(jobs.queues['plan-limits'], job, 240_000);
};

const planJob = async (id: number) => (await jobs.queues['plan-limits'].getJobs(['waiting', 'active', 'delayed', 'completed'])).find((j) => j.data.planId === id);

describe('PUT /api/plans/:id lowering the limit of a plan with 100,000 mailboxes', () => {
  it('answers within 200 ms, and the queued job recomputes every mailbox and notifies each crossing once', async () => {
    // Warm the route and the queue client (first-call compilation, BullMQ loading its scripts into Redis) with a
    // change of the other plan's limit that crosses nothing (9.5 GiB of 20 GiB), and let its job finish.
    expect((await as(app, ops, { method: 'PUT', url: `/api/plans/${otherPlanId}`, payload: { storageLimitBytes: 20 * GiB } })).statusCode).toBe(200);
    const warmUp = await planJob(otherPlanId);
    expect(await waitForJob(jobs.queues['plan-limits'], warmUp!, 60_000)).toMatchObject({ mailboxes: 1000, moved: 1000, notices: 0 });

    // In production the worker is another process; here it shares this one, so hold it while the requests are timed.
    // Five lowerings (9.4 … 9 GiB): the figure is their median, as the machine is shared and noisy.
    const worker = jobs.workers.find((w) => w.name === 'plan-limits')!;
    await worker.pause();
    const timings: number[] = [];
    for (const limit of [9.4, 9.3, 9.2, 9.1, 9].map((g) => Math.round(g * GiB))) {
      const started = performance.now();
      const res = await as(app, ops, { method: 'PUT', url: `/api/plans/${planId}`, payload: { storageLimitBytes: limit } });
      timings.push(performance.now() - started);
      expect([res.statusCode, res.json().mailboxCount]).toEqual([200, MAILBOXES]);
    }
    worker.resume();
    const median = [...timings].sort((a, b) => a - b)[2];
    console.log(`PUT /api/plans/${planId} over ${MAILBOXES} mailboxes answered in ${timings.map((t) => t.toFixed(1)).join(', ')} ms (median ${median.toFixed(1)}, load average ${os.loadavg()[0].toFixed(1)})`);

    // One job per change; the first to run finds the final limit and does the work, the others find nothing moved.
    const queued = (await jobs.queues['plan-limits'].getJobs(['waiting', 'active', 'delayed', 'completed'])).filter((j) => j.data.planId === planId);
    expect(queued.map((j) => j.data)).toEqual(timings.map(() => ({ planId, withoutPlan: false })));
    const jobStarted = performance.now();
    const results = [];
    for (const job of queued) results.push(await waitForJob(jobs.queues['plan-limits'], job, 240_000));
    console.log(`plan-limits jobs: ${((performance.now() - jobStarted) / 1000).toFixed(1)} s`);
    expect(results).toContainEqual({ mailboxes: MAILBOXES, moved: MAILBOXES - 100, evaluated: 1900, notices: 1900 });
    expect(results.filter((r) => (r as { moved: number }).moved === 0)).toHaveLength(timings.length - 1);

    const limits = await app.prisma.$queryRaw<{ limit_bytes: bigint; n: number }[]>`
      SELECT effective_limit_bytes AS limit_bytes, count(*)::int AS n FROM mailboxes WHERE plan_id = ${planId} GROUP BY 1 ORDER BY 1`;
    expect(limits.map((l) => [Number(l.limit_bytes), l.n])).toEqual([[9 * GiB, MAILBOXES - 100], [100 * GiB, 100]]);
    // 7.5 GiB of 9 GiB = 83 %: the 80 % warning (not for the 100 overridden ones); 9.5 GiB = 106 %: over quota.
    expect(await noticeCounts()).toEqual([
      { kind: 'near_quota', threshold: 80, rows: 900, mailboxes: 900 },
      { kind: 'over_quota', threshold: 100, rows: 1000, mailboxes: 1000 },
    ]);
    const elsewhere = await app.prisma.notification.count({ where: { mailbox: { planId: otherPlanId } } });
    expect(elsewhere).toBe(0);

    // The same job once more (a retry after it had finished): nothing moves, nothing is sent again.
    expect(await runJob()).toEqual({ mailboxes: MAILBOXES, moved: 0, evaluated: 0, notices: 0 });
    expect((await noticeCounts()).reduce((sum, c) => sum + c.rows, 0)).toBe(1900);
    // Checked last, so a slow moment of the shared machine does not hide the checks above.
    expect(median).toBeLessThan(200);
  }, 300_000);

  it('notifies each new crossing once when an attempt dies half-way and the job is retried', async () => {
    for (const job of await jobs.queues['plan-limits'].getJobs(['waiting', 'active', 'delayed'])) await waitForJob(jobs.queues['plan-limits'], job, 240_000);
    // 8 GiB: 7.5 GiB is now 94 %, past 90 %. The first attempt dies after 40 of its 100 batches.
    await app.prisma.quotaPlan.update({ where: { id: planId }, data: { storageLimitBytes: BigInt(8 * GiB) } });
    let batches = 0;
    await expect(runPlanLimits(jobs.ctx, jobs.queues, { planId, withoutPlan: false }, new Date(), async () => {
      if (++batches === 40) throw new Error('worker killed');
    })).rejects.toThrow('worker killed');
    const halfway = (await noticeCounts()).find((c) => c.threshold === 90);
    expect(halfway?.rows).toBeGreaterThan(300);
    expect(halfway?.rows).toBeLessThan(900);

    expect(await runJob()).toMatchObject({ mailboxes: MAILBOXES });
    expect(await noticeCounts()).toEqual([
      { kind: 'near_quota', threshold: 80, rows: 900, mailboxes: 900 },
      { kind: 'near_quota', threshold: 90, rows: 900, mailboxes: 900 },
      { kind: 'over_quota', threshold: 100, rows: 1000, mailboxes: 1000 },
    ]);
  }, 300_000);
});
