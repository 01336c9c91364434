// `npm run bench -- export [--messages 100000] [--bytes 2147483648] [--format mbox|zip]` (root: it starts Dovecot).
// "Take it with you" (#20) at size: one folder of --messages messages totalling about --bytes (written straight into
// the Maildir, indexed by doveadm), downloaded by a signed-in /me user from the export service
// (`server/export/index.ts`), as the front routes /me/export/download in the deployed shape, with the API
// (`server/server.ts`) running beside it; each its own child process. Reports wall time, throughput, the peak RSS of
// both (target: under 200 MB each) and the export service's own peaks of process.memoryUsage() (V8 heap, external,
// ArrayBuffers; polled from its /health), and checks that every message arrived (mbox: one separator per message).
// Writes bench/results/export.json. --exporter-env K=V,K=V adds settings to the export service's environment only.
// --compiled: both processes run as deployed (plain `node` on the tsc build, like `npm run build` and the systemd
// units), compiled first into .run/bench-dist (--skip-build reuses it); without it they run under tsx, whose
// loader alone holds ~100 MB.
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildMessage } from '../scripts/lib/seed-mail.ts';
import { benchUsers, buildDovecotIndexes, loadAverage, machine, startBenchSystem } from './lib/bench-system.ts';
import { memoryOf, sampleRss } from './lib/worker-processes.ts';
import { printTargets, progress, seconds, writeResult, type TargetRow } from './lib/report.ts';
import { envOf, startEntrypoint } from '../test/harness/processes.ts';

const { values: args } = parseArgs({ strict: false, options: {
  compiled: { type: 'boolean', default: false }, 'skip-build': { type: 'boolean', default: false },
  messages: { type: 'string', default: '100000' }, bytes: { type: 'string', default: String(2 * 1024 ** 3) }, format: { type: 'string', default: 'mbox' },
  'exporter-env': { type: 'string', default: '' },
} });
const EXPORTER_ENV = Object.fromEntries(String(args['exporter-env']).split(',').filter(Boolean).map((kv) => kv.split(/=(.*)/s).slice(0, 2)));
const MESSAGES = Number(args.messages);
const BYTES = Number(args.bytes);
const FORMAT = String(args.format) === 'zip' ? 'zip' : 'mbox';
const RSS_TARGET_MB = 200;
const FOLDER = 'Archive';
const PORTS = { imap: 10943, pop3: 10910, api: 10944, exporter: 10945 };
const MB = (kb: number) => +(kb / 1024).toFixed(1);
const COMPILED = Boolean(args.compiled);
const DIST = '.run/bench-dist';
const log = progress();

/**
 * What package.json's start script (`npm run start:exporter`, and the systemd unit runs the same) sets for the
 * process: `KEY=value` words before `node`, and node's own options after it.
 */
function deployedSettings(npmScript: string): { env: Record<string, string>; nodeArgs: string[] } {
  const words = (JSON.parse(readFileSync('package.json', 'utf8')).scripts[npmScript] as string).split(/\s+/);
  const at = words.indexOf('node');
  return {
    env: Object.fromEntries(words.slice(0, at).map((w) => w.split(/=(.*)/s).slice(0, 2))),
    nodeArgs: words.slice(at + 1).filter((w) => w.startsWith('--')),
  };
}

/** The entrypoint as deployed (node on the compiled JavaScript, with its start script's settings) with --compiled,
 *  else under tsx like `npm run api`. */
async function start(script: string, npmScript: string, env: NodeJS.ProcessEnv, ready: () => Promise<boolean>): Promise<{ pid: number; kill(): Promise<void> }> {
  if (!COMPILED) {
    const e = await startEntrypoint(script, env, ready, 60_000);
    return { pid: e.child.pid!, kill: () => e.kill() };
  }
  const deployed = deployedSettings(npmScript);
  if (Object.keys(deployed.env).length || deployed.nodeArgs.length) log(`${npmScript}: ${[...Object.entries(deployed.env).map(([k, v]) => `${k}=${v}`), ...deployed.nodeArgs].join(' ')}`);
  const child = spawn(process.execPath, [...deployed.nodeArgs, path.join(DIST, script.replace(/\.ts$/, '.js'))], { env: { ...deployed.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
  const until = Date.now() + 60_000;
  while (!(await ready().catch(() => false))) {
    if (child.exitCode !== null || Date.now() > until) throw new Error(`${script} did not start`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    pid: child.pid!,
    kill: () => new Promise<void>((resolve) => { if (child.exitCode !== null) return resolve(); child.once('exit', () => resolve()); child.kill('SIGTERM'); }),
  };
}
/** Polls the export service's /health for process.memoryUsage(): each field's peak, and all of them at the RSS peak (kB). */
function sampleHeap(url: string, everyMs: number) {
  const peak: Record<string, number> = {};
  let atRssPeak: Record<string, number> | null = null;
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    fetch(url).then((r) => r.json()).then(({ memory }: { memory: Record<string, number> }) => {
      const kb = Object.fromEntries(Object.entries(memory).map(([k, v]) => [k, v / 1024]));
      for (const [k, v] of Object.entries(kb)) peak[k] = Math.max(peak[k] ?? 0, v);
      if (!atRssPeak || kb.rss >= atRssPeak.rss) atRssPeak = kb;
    }).catch(() => {}).finally(() => { busy = false; });
  }, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      return { peak, atRssPeak: atRssPeak as Record<string, number> | null };
    },
  };
}
const [login] = benchUsers('export', 1);

/** Writes the folder as Dovecot's own Maildir files (received date = mtime), unless the same one is already there. */
function writeFolder(mailRoot: string): { files: number; bytes: number; reused: boolean } {
  const dir = path.join(mailRoot, login, 'Maildir', `.${FOLDER}`);
  const marker = path.join(mailRoot, login, 'mw-export-bench.json');
  const key = JSON.stringify({ MESSAGES, BYTES, v: 1 });
  if (existsSync(marker) && readFileSync(marker, 'utf8').startsWith(key)) {
    return { ...JSON.parse(readFileSync(marker, 'utf8').slice(key.length)), reused: true };
  }
  execFileSync('rm', ['-rf', path.join(mailRoot, login)]);
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(path.join(dir, sub), { recursive: true });
  writeFileSync(path.join(dir, 'maildirfolder'), '');
  const average = Math.floor(BYTES / MESSAGES);
  // Text lines of 78 bytes with CRLF; bodies of 50 % to 150 % of the average, a "From " line in every tenth (quoted).
  const line = 'Benchmark export body line: quota, retention, archive, policy, storage.....\r\n';
  const body = Buffer.from(line.repeat(Math.ceil((average * 1.6) / line.length)));
  let total = 0;
  const now = Date.now();
  for (let i = 0; i < MESSAGES; i++) {
    const date = new Date(Math.floor((now - (i % 3650) * 86_400_000 - i * 1000) / 1000) * 1000);
    const head = buildMessage({ from: 'Bench <bench@example.test>', to: login, subject: `export bench ${i}`, date, messageId: `<export-${i}@bench.mailwarden.test>`, body: i % 10 ? 'Hello\r\n' : 'From the archive\r\n' });
    const want = Math.max(head.length, Math.floor(average * (0.5 + ((i * 0.618) % 1))));
    const raw = Buffer.concat([head, body.subarray(0, Math.max(0, want - head.length))]);
    const file = path.join(dir, 'cur', `${Math.floor(date.getTime() / 1000)}.M${i}P1.mwexport,S=${raw.length},W=${raw.length}:2,S`);
    writeFileSync(file, raw);
    utimesSync(file, date, date);
    total += raw.length;
  }
  execFileSync('chown', ['-R', '5000:5000', path.join(mailRoot, login)]);
  writeFileSync(marker, key + JSON.stringify({ files: MESSAGES, bytes: total }));
  return { files: MESSAGES, bytes: total, reused: false };
}

log(`starting the database and Dovecot (${MESSAGES} messages, ~${(BYTES / 1024 ** 3).toFixed(2)} GiB, ${FORMAT}, ${COMPILED ? 'compiled' : 'tsx'})…`);
const sys = await startBenchSystem({ name: 'export', imapPort: PORTS.imap, pop3Port: PORTS.pop3, users: [login] });
const children: { kill(): Promise<void> }[] = [];
try {
  const seedStart = performance.now();
  const mail = writeFolder(sys.dovecot.mailRoot);
  log(mail.reused ? `reused the folder already written (${mail.files} messages, ${(mail.bytes / 1024 ** 2).toFixed(0)} MiB)` : `wrote ${mail.files} messages (${(mail.bytes / 1024 ** 2).toFixed(0)} MiB) in ${seconds(performance.now() - seedStart)} s`);
  const indexStart = performance.now();
  await buildDovecotIndexes(sys.dovecot);
  log(`Dovecot indexed it in ${seconds(performance.now() - indexStart)} s`);

  // A signed-in /me session, made the way the sign-in makes one (only its SHA-256 is stored).
  const mailbox = await sys.prisma.mailbox.findFirstOrThrow({ where: { address: login } });
  const token = randomBytes(32).toString('base64url');
  await sys.prisma.selfServiceSession.create({ data: { id: createHash('sha256').update(token).digest('hex'), mailboxId: mailbox.id, expiresAt: new Date(Date.now() + 3 * 3_600_000) } });

  const env = envOf(sys.config, {
    ...sys.workerEnv(), PORT: String(PORTS.api), EXPORT_PORT: String(PORTS.exporter), PUBLIC_BASE_URL: `http://127.0.0.1:${PORTS.api}`,
    EXPORT_LINK_KEY: 'bench-export-link-key-0123456789abcdef0123', LOG_LEVEL: 'warn', SESSION_IDLE_MINUTES: '600',
  });
  if (COMPILED && !args['skip-build']) {
    log(`compiling the processes into ${DIST} (tsc -p tsconfig.build.json)…`);
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json', '--outDir', DIST], { stdio: 'inherit' });
  }
  // What scripts/build.mjs copies next to the compiled code: the files the server reads at run time.
  if (COMPILED) for (const file of readdirSync('server/views').filter((f) => !f.endsWith('.ts') && !f.endsWith('.md'))) cpSync(path.join('server/views', file), path.join(DIST, 'server/views', file));
  const exporter = await start('server/export/index.ts', 'start:exporter', { ...env, ...EXPORTER_ENV }, async () => (await fetch(`http://127.0.0.1:${PORTS.exporter}/health`)).ok);
  children.push(exporter);
  const api = await start('server/server.ts', 'start:api', env, async () => (await fetch(`http://127.0.0.1:${PORTS.api}/health/live`)).ok);
  children.push(api);
  const idle = { exporter: memoryOf(exporter.pid).rssKb, api: memoryOf(api.pid).rssKb };
  const memoryNow = async () => ((await (await fetch(`http://127.0.0.1:${PORTS.exporter}/health`)).json()) as { memory: Record<string, number> }).memory;
  const idleMemory = await memoryNow();

  const loadBefore = loadAverage();
  log(`downloading the folder as ${FORMAT} from the export service (the API beside it)…${Object.keys(EXPORTER_ENV).length ? ` export service with ${JSON.stringify(EXPORTER_ENV)}` : ''}`);
  const sampling = { exporter: sampleRss(exporter.pid, 100), api: sampleRss(api.pid, 100) };
  const heap = sampleHeap(`http://127.0.0.1:${PORTS.exporter}/health`, 250);
  const started = performance.now();
  const res = await fetch(`http://127.0.0.1:${PORTS.exporter}/me/export/download?folder=${FOLDER}&format=${FORMAT}`, { headers: { cookie: `mw_me=${token}` } });
  if (res.status !== 200) throw new Error(`download answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  const headersMs = performance.now() - started;
  const firstByteMemory = await memoryNow(); // the selection made (every message's UID, date and size), nothing streamed yet
  let received = 0;
  let separators = 0;
  let tail = '';
  let lastLog = performance.now();
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    received += chunk.length;
    if (FORMAT === 'mbox') {
      // Separators may straddle chunks: look at the end of the previous chunk too.
      const text = tail + Buffer.from(chunk).toString('latin1');
      separators += (text.match(/(?:^|\n)From MAILER-DAEMON /g) ?? []).length - (tail.match(/(?:^|\n)From MAILER-DAEMON /g) ?? []).length;
      tail = text.slice(-40);
    }
    if (performance.now() - lastLog > 15_000) {
      lastLog = performance.now();
      log(`  ${(received / 1024 ** 2).toFixed(0)} MiB so far; RSS exporter ${MB(memoryOf(exporter.pid).rssKb)} MB, API ${MB(memoryOf(api.pid).rssKb)} MB`);
    }
  }
  const ms = performance.now() - started;
  const peak = { exporter: sampling.exporter.stop().peakRssKb, api: sampling.api.stop().peakRssKb };
  const heapPeak = await heap.stop();
  const hwm = { exporter: memoryOf(exporter.pid).hwmKb, api: memoryOf(api.pid).hwmKb };
  const loadAfter = loadAverage();
  const announced = Number(res.headers.get('x-mailwarden-export-messages'));
  const complete = announced === mail.files && (FORMAT === 'zip' || separators === mail.files);

  console.table({
    'messages (selected / separators seen)': { value: `${announced} / ${FORMAT === 'mbox' ? separators : '–'}` },
    'bytes received (MiB)': { value: +(received / 1024 ** 2).toFixed(1) },
    'time to first byte (s)': { value: seconds(headersMs) },
    'wall time (s)': { value: seconds(ms) },
    'throughput (MiB/s)': { value: +((received / 1024 ** 2) / (ms / 1000)).toFixed(1) },
    'throughput (messages/s)': { value: Math.round(mail.files / (ms / 1000)) },
    'export service RSS MB: idle / peak sampled / high-water': { value: `${MB(idle.exporter)} / ${MB(peak.exporter)} / ${MB(hwm.exporter)}` },
    'API RSS MB: idle / peak sampled / high-water': { value: `${MB(idle.api)} / ${MB(peak.api)} / ${MB(hwm.api)}` },
    'export service MB, idle: rss / heapTotal / heapUsed / external': { value: ['rss', 'heapTotal', 'heapUsed', 'external'].map((k) => MB(idleMemory[k] / 1024)).join(' / ') },
    'export service MB, at first byte: rss / heapTotal / heapUsed / external': { value: ['rss', 'heapTotal', 'heapUsed', 'external'].map((k) => MB(firstByteMemory[k] / 1024)).join(' / ') },
    'export service peaks MB: heapTotal / heapUsed / external / arrayBuffers': { value: ['heapTotal', 'heapUsed', 'external', 'arrayBuffers'].map((k) => `${MB(heapPeak.peak[k] ?? 0)}`).join(' / ') },
    'export service at its RSS peak MB: rss / heapTotal / external / rest (native, malloc)': { value: heapPeak.atRssPeak ? `${MB(heapPeak.atRssPeak.rss)} / ${MB(heapPeak.atRssPeak.heapTotal)} / ${MB(heapPeak.atRssPeak.external)} / ${MB(heapPeak.atRssPeak.rss - heapPeak.atRssPeak.heapTotal - heapPeak.atRssPeak.external)}` : '–' },
  });
  const met = hwm.exporter / 1024 < RSS_TARGET_MB && hwm.api / 1024 < RSS_TARGET_MB;
  // #20: the download of a 2 GiB, 100,000-message folder with RSS under 200 MB. No tool does this job: no anchor.
  const shape = `${(mail.files / 1000).toFixed(0)}k messages, ${FORMAT}, ${COMPILED ? 'compiled' : 'tsx'}`;
  const targets: TargetRow[] = [
    { benchmark: 'export', figure: `export service RSS high-water (${shape})`, mailwarden: MB(hwm.exporter), anchor: null, anchorName: '(no anchor)', unit: 'MB', target: { below: RSS_TARGET_MB } },
    { benchmark: 'export', figure: `API RSS high-water during it (${shape})`, mailwarden: MB(hwm.api), anchor: null, anchorName: '(no anchor)', unit: 'MB', target: { below: RSS_TARGET_MB } },
  ];
  printTargets(targets);
  console.log(`every message arrived: ${complete ? 'yes' : 'NO'}`);
  console.log(`load average ${loadBefore.join(' ')} before, ${loadAfter.join(' ')} after; ${machine()}`);
  await writeResult('export', {
    at: new Date().toISOString(), machine: machine(), compiled: COMPILED, loadBefore, loadAfter, format: FORMAT, messages: mail.files, folderBytes: mail.bytes,
    receivedBytes: received, separators, headersMs: Math.round(headersMs), ms: Math.round(ms), rssKb: { idle, peak, hwm }, targetMet: met, targets, complete,
    exporterEnv: EXPORTER_ENV, exporterMemoryKb: heapPeak, exporterMemoryBytes: { idle: idleMemory, firstByte: firstByteMemory },
  });
  if (!complete) process.exitCode = 1;
} finally {
  for (const c of children) await c.kill();
  await sys.close();
}
