// One Mailwarden sweep run by worker CHILD processes (`node --import tsx jobs/index.ts`, as deployed), with what
// a separate process makes measurable: each worker's peak memory and CPU. The bench process only produces
// (starts the sweep as the API does) and watches.
import { createQueues, closeQueues } from '../../server/core/queues/registry.ts';
import { createWorkerRedis } from '../../server/core/lib/redis.ts';
import type { BenchSystem } from './bench-system.ts';
import { cpuSpent, dovecotMasterPid, sampleCpu, type CpuSpent } from './cpu.ts';
import { sweepAndWait, type SweepResult } from './sweep.ts';
import { memoryOf, sampleRss, spawnWorkers, stopWorkers, waitForWorkers } from './worker-processes.ts';

export interface ProcessSweep {
  sweep: SweepResult;
  cpu: CpuSpent;
  workers: Array<{ pid: number; idleRssKb: number; peakRssDuringSweepKb: number; hwmKb: number }>;
}

export async function sweepWithWorkerProcesses(sys: BenchSystem, count: number, opts: { timeoutMs: number; env?: Record<string, string>; nodeArgs?: string[] }): Promise<ProcessSweep> {
  const connection = createWorkerRedis(sys.config.REDIS_URL);
  const queues = createQueues(connection, sys.queuePrefix);
  const procs = spawnWorkers(count, sys.workerEnv(opts.env), opts.nodeArgs);
  try {
    await waitForWorkers(queues.expiry, count, procs);
    const idle = procs.map((p) => memoryOf(p.pid).rssKb);
    const samplers = procs.map((p) => sampleRss(p.pid));
    const cpuOpts = { dovecotPid: dovecotMasterPid(sys.dovecot.dir), databaseUrl: sys.databaseUrl, workerPids: procs.map((p) => p.pid) };
    const before = await sampleCpu(cpuOpts);
    const sweep = await sweepAndWait(sys.prisma, queues, { timeoutMs: opts.timeoutMs });
    const cpu = cpuSpent(before, await sampleCpu(cpuOpts));
    const peaks = samplers.map((s) => s.stop());
    return {
      sweep, cpu,
      workers: procs.map((p, i) => ({ pid: p.pid, idleRssKb: idle[i], peakRssDuringSweepKb: peaks[i].peakRssKb, hwmKb: memoryOf(p.pid).hwmKb })),
    };
  } finally {
    await stopWorkers(procs);
    await closeQueues(queues);
    connection.disconnect();
  }
}
