// `npm run bench -- huge [--messages 200000]` (root: it starts Dovecot). One mailbox whose INBOX holds
// 200,000 messages, half past the 32-day rule: Mailwarden's expiry of it by ONE worker child process
// (`node --import tsx jobs/index.ts` with the node options of `npm run start:worker`, the deployed shape from the
// sources) — wall time and the worker's peak memory (target
// < 256 MB) — vs `doveadm expunge` of the same rule on the same mail. Both must leave exactly the messages
// the policy keeps (checked on disk), with one confirmed audit row per removed message.
// Prints figure / Mailwarden / doveadm / ratio and the targets; writes bench/results/huge.json.
import { parseArgs } from 'node:util';
import { benchUsers, buildDovecotIndexes, loadAverage, machine, startBenchSystem } from './lib/bench-system.ts';
import { cpuSpent, dovecotMasterPid, sampleCpu } from './lib/cpu.ts';
import { doveadmMeasured } from './lib/doveadm-run.ts';
import { BENCH_RULES, SEED_FORMAT, createBenchPolicy, doveadmQueries, inboxOnlyPlan, policyRemoves } from './lib/expiry-plan.ts';
import { checkOutcomes, expectedSurvivors, snapshotMail, writeMaildirs } from './lib/maildir-seed.ts';
import { prepareMail } from './lib/maildir-template.ts';
import { sweepWithWorkerProcesses } from './lib/process-sweep.ts';
import { deployedWorkerNodeArgs } from './lib/worker-processes.ts';
import { cpuRows, perSecond, printTable, printTargets, progress, seconds, writeResult, type TargetRow } from './lib/report.ts';

// strict: false because `npm run bench` passes the same options to every benchmark.
// --worker-node-options: NODE_OPTIONS for the worker process (e.g. "--max-old-space-size=96"), to see what a V8 heap cap does.
// --worker-node-args: the worker's node options instead of the deployed ones (npm run start:worker), e.g. "" for none or
// "--heap-growing-percent=50" (V8 flags that NODE_OPTIONS refuses go here).
const { values: args } = parseArgs({ strict: false, options: { messages: { type: 'string', default: '200000' }, 'worker-node-options': { type: 'string', default: '' }, 'worker-node-args': { type: 'string' } } });
const WORKER_NODE_OPTIONS = String(args['worker-node-options']);
const WORKER_NODE_ARGS = typeof args['worker-node-args'] === 'string' ? args['worker-node-args'].split(' ').filter(Boolean) : deployedWorkerNodeArgs();
const MESSAGES = Number(args.messages);
const RSS_TARGET_MB = 256;
const TARGET_RATIO = 4; // #17: at most 4x doveadm's wall time
const users = benchUsers('huge', 1);
const plans = inboxOnlyPlan(MESSAGES);
const folders = ['INBOX'];
const MB = (kb: number) => +(kb / 1024).toFixed(1);
const benchStart = performance.now();
const log = progress(benchStart);

log('starting the database and Dovecot…');
const sys = await startBenchSystem({ name: 'huge', imapPort: 10843, pop3Port: 10810, users });
try {
  await createBenchPolicy(sys.prisma, folders);
  const root = sys.dovecot.mailRoot;
  log(`preparing one mailbox with ${MESSAGES} messages…`);
  const mail = await prepareMail({
    templateDir: '/tmp/mw-bench-templates/huge', mailRoot: root, key: `v${SEED_FORMAT} ${MESSAGES}`,
    write: (builtAt) => writeMaildirs(root, users, plans, builtAt), index: () => buildDovecotIndexes(sys.dovecot),
  });
  log(mail.fromCache ? `reused the template built ${mail.builtAt.toISOString()}` : `seeded ${mail.files} files in ${seconds(mail.seedMs)} s ${JSON.stringify(mail.steps)}`);
  const expected = expectedSurvivors(users, plans, policyRemoves);
  const kept = [...expected.values()].reduce((n, s) => n + s.size, 0);
  const toRemove = mail.files - kept;

  const loadBefore = loadAverage();
  log(`Mailwarden: one worker process expiring ${toRemove} messages…`);
  const mw = await sweepWithWorkerProcesses(sys, 1, { timeoutMs: 15 * 60_000, env: WORKER_NODE_OPTIONS ? { NODE_OPTIONS: WORKER_NODE_OPTIONS } : {}, nodeArgs: WORKER_NODE_ARGS });
  const worker = mw.workers[0];
  const mailwardenLeft = snapshotMail(root, users, folders);
  log(`Mailwarden done in ${seconds(mw.sweep.ms)} s; restoring the mail for doveadm…`);

  const resetMs = await mail.reset();
  const loadBetween = loadAverage();
  const cpuOpts = { dovecotPid: dovecotMasterPid(sys.dovecot.dir), databaseUrl: sys.databaseUrl };
  log('doveadm expunge…');
  const dvCpu0 = await sampleCpu(cpuOpts);
  const dv = await doveadmMeasured(sys.dovecot.confPath, doveadmQueries(folders)[0]);
  const dvCpu = cpuSpent(dvCpu0, await sampleCpu(cpuOpts));
  const doveadmLeft = snapshotMail(root, users, folders);

  const { check, differing, summary } = checkOutcomes(expected, mailwardenLeft, doveadmLeft);
  const { sweep } = mw;
  const auditOk = sweep.audit.done === toRemove && sweep.audit.pending === 0 && sweep.totals.deleted === toRemove;

  printTable([
    { figure: 'wall time (s)', mailwarden: seconds(sweep.ms), doveadm: seconds(dv.ms) },
    { figure: 'messages expired', mailwarden: sweep.totals.deleted, doveadm: toRemove },
    { figure: 'messages expired/s', mailwarden: perSecond(sweep.totals.deleted, sweep.ms), doveadm: perSecond(toRemove, dv.ms) },
    { figure: 'peak RSS (MB): worker / doveadm', mailwarden: MB(worker.hwmKb), doveadm: MB(dv.hwmKb) },
    ...cpuRows(mw.cpu.workers, dvCpu.reaped, mw.cpu, dvCpu, toRemove),
  ]);
  const rssTargetMet = worker.hwmKb / 1024 < RSS_TARGET_MB;
  console.log(`worker RSS: ${MB(worker.idleRssKb)} MB idle before the sweep, ${MB(worker.peakRssDuringSweepKb)} MB peak sampled during it, `
    + `${MB(worker.hwmKb)} MB high-water mark over its life${WORKER_NODE_OPTIONS ? ` (NODE_OPTIONS=${WORKER_NODE_OPTIONS})` : ''}`
    + `${WORKER_NODE_ARGS.length ? ` (node ${WORKER_NODE_ARGS.join(' ')})` : ''}; load average ${loadBefore.join(' ')}`);
  const size = `${MESSAGES.toLocaleString('en')}-message mailbox`;
  const targets: TargetRow[] = [
    { benchmark: 'huge', figure: `${size}, wall time`, mailwarden: seconds(sweep.ms), anchor: seconds(dv.ms), anchorName: 'doveadm expunge', unit: 's', target: { ratioAtMost: TARGET_RATIO } },
    // The high-water mark over the worker's whole life (start-up included), against doveadm's.
    { benchmark: 'huge', figure: `${size}, worker peak RSS`, mailwarden: MB(worker.hwmKb), anchor: MB(dv.hwmKb), anchorName: 'doveadm expunge', unit: 'MB', target: { below: RSS_TARGET_MB } },
  ];
  printTargets(targets);
  console.log(`left behind: ${summary} (${kept} kept)`);
  console.log(`audit: ${sweep.audit.done} done, ${sweep.audit.pending} pending rows for ${toRemove} removed messages${auditOk ? '' : '  <-- MISMATCH'}`);
  if (sweep.errors.length) console.log(`mailbox runs not done: ${sweep.errors.join(' | ')}`);

  await writeResult('huge', {
    machine: machine(), loadAverage: { beforeMailwarden: loadBefore, beforeDoveadm: loadBetween },
    messages: mail.files, expired: toRemove, kept, workers: '1 child process: node --import tsx jobs/index.ts (EXPIRY_CONCURRENCY 2)', workerNodeOptions: WORKER_NODE_OPTIONS || null, workerNodeArgs: WORKER_NODE_ARGS,
    rules: BENCH_RULES.filter((r) => r.folder === 'INBOX'), doveadm: `doveadm ${doveadmQueries(folders)[0].join(' ')}`,
    seeding: { fromCache: mail.fromCache, builtAt: mail.builtAt, seedMs: mail.seedMs, steps: mail.steps, resetMs },
    mailwarden: {
      ms: Math.round(sweep.ms), perSecond: perSecond(sweep.totals.deleted, sweep.ms), runStatus: sweep.status, totals: sweep.totals, audit: sweep.audit, cpuMs: mw.cpu,
      rssMb: { idle: MB(worker.idleRssKb), peakDuringSweep: MB(worker.peakRssDuringSweepKb), highWaterMark: MB(worker.hwmKb), target: RSS_TARGET_MB, targetMet: rssTargetMet },
    },
    doveadmResult: { ms: Math.round(dv.ms), perSecond: perSecond(toRemove, dv.ms), hwmMb: MB(dv.hwmKb), cpuMs: dvCpu },
    ratio: +(sweep.ms / dv.ms).toFixed(2), targets,
    check: { ...check, auditOk },
    totalBenchMs: Math.round(performance.now() - benchStart),
  });
  // Only a wrong result fails the benchmark; a missed target is reported above.
  if (differing || !auditOk || sweep.status !== 'completed') process.exitCode = 1;
} finally {
  await sys.close();
}
