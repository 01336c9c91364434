// `npm run bench -- expiry [--mailboxes 200] [--messages 2000] [--concurrency 2] [--profile]` (root: it starts Dovecot;
// `npm run bench` runs it at 50 and at 200 mailboxes).
// A retention sweep of every mailbox: Mailwarden's real path (expiry-sweep → one expiry job per mailbox →
// in-process workers → IMAP SEARCH, FETCH, pending audit rows, UID EXPUNGE, audit confirmed) vs
// `doveadm expunge -A` with the same rules (bench/lib/expiry-plan.ts), on the same Dovecot and the same mail.
// Mail is written as Maildir files (bench/lib/maildir-seed.ts) into a template under /tmp reused for 12 h,
// and each side starts from a fresh copy of it. Both sides must leave exactly the messages the policy keeps
// (checked file by file on disk) and Mailwarden must have one confirmed audit row per removed message.
// Prints figure / Mailwarden / doveadm / ratio and the targets; writes bench/results/expiry-<mailboxes>x<messages>.json.
// --profile samples the workers' CPU during the sweep (bench/lib/cpu-profile.ts); its figures are then not comparable.
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { startWorkers } from '../jobs/start.ts';
import { createWorkerRedis } from '../server/core/lib/redis.ts';
import { benchUsers, buildDovecotIndexes, loadAverage, machine, startBenchSystem } from './lib/bench-system.ts';
import { cpuSpent, dovecotMasterPid, sampleCpu } from './lib/cpu.ts';
import { BENCH_RULES, SEED_FORMAT, createBenchPolicy, doveadmQueries, mailboxPlan, policyRemoves } from './lib/expiry-plan.ts';
import { checkOutcomes, expectedSurvivors, snapshotMail, writeMaildirs } from './lib/maildir-seed.ts';
import { prepareMail } from './lib/maildir-template.ts';
import { cpuRows, perSecond, printTable, printTargets, progress, seconds, writeResult, type TargetRow } from './lib/report.ts';
import { profiled } from './lib/cpu-profile.ts';
import { sweepAndWait } from './lib/sweep.ts';

// strict: false because `npm run bench` passes the same options to every benchmark.
const { values: args } = parseArgs({ strict: false, options: { mailboxes: { type: 'string', default: '200' }, messages: { type: 'string', default: '2000' }, concurrency: { type: 'string', default: '2' }, profile: { type: 'boolean', default: false } } });
const MAILBOXES = Number(args.mailboxes);
const MESSAGES = Number(args.messages);
const CONCURRENCY = Number(args.concurrency);
const NAME = `expiry-${MAILBOXES}x${MESSAGES}`;
// #17's targets: wall time within 2.0x doveadm's, and 150 ms of CPU per 1,000 expired messages, all parties together.
const TARGET_RATIO = 2.0;
const TARGET_CPU_MS_PER_1000 = 150;
const users = benchUsers('exp', MAILBOXES);
const plans = mailboxPlan(MESSAGES);
const folders = plans.map((p) => p.folder);
const benchStart = performance.now();
const log = progress(benchStart);

log('starting the database and Dovecot…');
const sys = await startBenchSystem({ name: 'expiry', imapPort: 10743, pop3Port: 10710, users, expiryConcurrency: CONCURRENCY });
try {
  await createBenchPolicy(sys.prisma, folders);
  const root = sys.dovecot.mailRoot;
  log(`preparing ${MAILBOXES} mailboxes × ${MESSAGES} messages…`);
  const mail = await prepareMail({
    templateDir: '/tmp/mw-bench-templates/expiry', mailRoot: root, key: `v${SEED_FORMAT} ${MAILBOXES}x${MESSAGES}`,
    write: (builtAt) => writeMaildirs(root, users, plans, builtAt), index: () => buildDovecotIndexes(sys.dovecot),
  });
  log(mail.fromCache ? `reused the template built ${mail.builtAt.toISOString()}` : `seeded ${mail.files} files in ${seconds(mail.seedMs)} s ${JSON.stringify(mail.steps)}`);
  const expected = expectedSurvivors(users, plans, policyRemoves);
  const kept = [...expected.values()].reduce((n, s) => n + s.size, 0);
  const toRemove = mail.files - kept;

  const cpuOpts = { dovecotPid: dovecotMasterPid(sys.dovecot.dir), databaseUrl: sys.databaseUrl };

  // Mailwarden: workers in this process, the sweep started as the API starts it.
  log(`Mailwarden: sweeping ${MAILBOXES} mailboxes (${toRemove} messages to expire), EXPIRY_CONCURRENCY ${CONCURRENCY}…`);
  const loadBefore = loadAverage();
  const connection = createWorkerRedis(sys.config.REDIS_URL);
  const running = startWorkers({ config: sys.config, prisma: sys.prisma, connection, logger: pino({ level: 'warn' }) });
  const mwCpu0 = await sampleCpu(cpuOpts);
  const sweep = await profiled(NAME, args.profile === true, () => sweepAndWait(sys.prisma, running.queues, { timeoutMs: 15 * 60_000 }));
  const mwCpu = cpuSpent(mwCpu0, await sampleCpu(cpuOpts));
  await running.close();
  connection.disconnect();
  const mailwardenLeft = snapshotMail(root, users, folders);
  log(`Mailwarden done in ${seconds(sweep.ms)} s; restoring the mail for doveadm…`);

  // doveadm: the same mail again, one `doveadm expunge -A` per rule.
  const resetMs = await mail.reset();
  const loadBetween = loadAverage();
  log('doveadm expunge…');
  const dvCpu0 = await sampleCpu(cpuOpts);
  const t0 = performance.now();
  for (const query of doveadmQueries(folders)) await sys.dovecot.doveadm(query);
  const doveadmMs = performance.now() - t0;
  const dvCpu = cpuSpent(dvCpu0, await sampleCpu(cpuOpts));
  const doveadmLeft = snapshotMail(root, users, folders);

  const { check, differing, summary } = checkOutcomes(expected, mailwardenLeft, doveadmLeft);
  const auditOk = sweep.audit.done === toRemove && sweep.audit.pending === 0 && sweep.totals.deleted === toRemove;

  printTable([
    { figure: 'wall time (s)', mailwarden: seconds(sweep.ms), doveadm: seconds(doveadmMs) },
    { figure: 'messages expired', mailwarden: sweep.totals.deleted, doveadm: toRemove },
    { figure: 'messages expired/s', mailwarden: perSecond(sweep.totals.deleted, sweep.ms), doveadm: perSecond(toRemove, doveadmMs) },
    { figure: 'mailboxes/s', mailwarden: +(MAILBOXES / (sweep.ms / 1000)).toFixed(1), doveadm: +(MAILBOXES / (doveadmMs / 1000)).toFixed(1) },
    ...cpuRows(mwCpu.own, dvCpu.reaped, mwCpu, dvCpu, toRemove),
  ]);
  console.log(`left behind: ${summary} (${kept} messages kept in ${check.mailwardenVsDoveadm.folders} folders); load average ${loadBefore.join(' ')}`);
  const ratio = sweep.ms / doveadmMs;
  const cpuPer1000 = (spent: { own: number; dovecot: number; postgres: number }) => Math.round(((spent.own + spent.dovecot + spent.postgres) / toRemove) * 1000);
  const size = `${MAILBOXES} × ${MESSAGES.toLocaleString('en')}`;
  const targets: TargetRow[] = [
    { benchmark: 'expiry', figure: `${size}, wall time`, mailwarden: seconds(sweep.ms), anchor: seconds(doveadmMs), anchorName: 'doveadm expunge -A', unit: 's', target: { ratioAtMost: TARGET_RATIO } },
    { benchmark: 'expiry', figure: `${size}, CPU per 1,000 expired, all parties`, mailwarden: cpuPer1000(mwCpu), anchor: cpuPer1000({ ...dvCpu, own: dvCpu.reaped }), anchorName: 'doveadm expunge -A', unit: 'ms', target: { atMost: TARGET_CPU_MS_PER_1000 } },
  ];
  printTargets(targets);
  console.log(`audit: ${sweep.audit.done} done, ${sweep.audit.pending} pending rows for ${toRemove} removed messages${auditOk ? '' : '  <-- MISMATCH'}`);
  if (sweep.errors.length) console.log(`mailbox runs not done: ${sweep.errors.join(' | ')}`);

  await writeResult(NAME, {
    machine: machine(), loadAverage: { beforeMailwarden: loadBefore, beforeDoveadm: loadBetween },
    mailboxes: MAILBOXES, messagesPerMailbox: MESSAGES, messages: mail.files, expired: toRemove, kept,
    expiryConcurrency: CONCURRENCY, workers: 'in-process (jobs/start.ts)',
    rules: BENCH_RULES, doveadm: doveadmQueries(folders).map((q) => `doveadm ${q.join(' ')}`),
    seeding: { fromCache: mail.fromCache, builtAt: mail.builtAt, seedMs: mail.seedMs, steps: mail.steps, resetMs },
    mailwarden: { ms: Math.round(sweep.ms), perSecond: perSecond(sweep.totals.deleted, sweep.ms), runStatus: sweep.status, totals: sweep.totals, audit: sweep.audit, cpuMs: mwCpu },
    doveadmResult: { ms: Math.round(doveadmMs), perSecond: perSecond(toRemove, doveadmMs), cpuMs: dvCpu },
    ratio: +ratio.toFixed(2), targetRatio: TARGET_RATIO, targets, profiled: args.profile === true,
    check: { ...check, auditOk },
    totalBenchMs: Math.round(performance.now() - benchStart),
  });
  if (differing || !auditOk || sweep.status !== 'completed') process.exitCode = 1;
} finally {
  await sys.close();
}
