// Brings the whole system up for a demo or local development: database + migrations, console build,
// a real Dovecot and an SMTP sink with demo data (unless IMAP_HOST points at a real server), then the
// API, a worker, the Postfix policy service and the export service, behind a front on HOST:PORT (scripts/lib/front.ts:
// the /me downloads to the export service, the rest to the API). Prints the console URL, the login and the Postfix line.
// Ctrl-C stops everything it started.
import 'dotenv/config'; // .env only: .run/demo.env is what this script writes
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { pino } from 'pino';
import { loadConfig } from '../../server/core/config.ts';
import { DEMO_ENV_FILE } from '../../server/core/lib/demo-env-file.ts'; // not env-files.ts: see there
import { createPrisma } from '../../server/core/lib/prisma.ts';
import { createProducerRedis } from '../../server/core/lib/redis.ts';
import { createQueues, closeQueues } from '../../server/core/queues/registry.ts';
import { ensureDatabase, migrate } from '../lib/database.ts';
import { startDovecot, type DovecotHandle } from '../lib/dovecot.ts';
import { startSmtpSink, type SmtpSink } from '../lib/smtp-sink.ts';
import { startFront } from '../lib/front.ts';
import { DOVECOT, ensurePackages, MissingPackagesError } from '../lib/system-packages.ts';
import { seedDemo, DEMO_MAIL_PASSWORD, DEMO_STATUSES } from './seed.ts';

const logger = pino({ name: 'start', ...(process.stdout.isTTY ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname' } } } : {}) });
const DEMO = { imapPort: 10143, pop3Port: 10110, smtpPort: 10025, doveadmHttpPort: 10146, dovecotDir: '/tmp/mailwarden-demo-dovecot' };
const demoMode = !process.env.IMAP_HOST;

/**
 * The demo's settings, kept in .run/demo.env (git-ignored): secrets generated on the first start (kept, so restarts
 * keep sessions) and, in demo mode, where the demo Dovecot and SMTP sink listen. Every other entrypoint reads the
 * file after the environment and .env (server/core/lib/env-files.ts), so `npm run worker`, `npm run policyd` or
 * `npm run create-admin` in this clone reach this demo with no extra settings.
 */
function writeDemoEnv(): Record<string, string> {
  mkdirSync('.run', { recursive: true });
  const previous: Record<string, string> = existsSync(DEMO_ENV_FILE)
    ? Object.fromEntries(readFileSync(DEMO_ENV_FILE, 'utf8').split('\n').filter((l) => /^\w+=/.test(l)).map((l) => l.split(/=(.*)/s).slice(0, 2)))
    : {};
  const settings: Record<string, string> = {
    SESSION_SECRET: previous.SESSION_SECRET ?? randomBytes(32).toString('hex'),
    IMAP_ADMIN_PASSWORD: previous.IMAP_ADMIN_PASSWORD ?? randomBytes(18).toString('base64url'),
    // The /me sign-in (#20): the API and the workers share it; the demo runs both, so one generated value serves.
    MAIL_LOGIN_KEY: previous.MAIL_LOGIN_KEY ?? randomBytes(32).toString('hex'),
    // "Take it with you" (#20): the API, the export service and the workers share it (the notice links).
    EXPORT_LINK_KEY: previous.EXPORT_LINK_KEY ?? randomBytes(32).toString('hex'),
    // The demo Dovecot's doveadm HTTP API: scheduled scans read totals without an IMAP login per mailbox.
    ...(demoMode ? {
      IMAP_HOST: '127.0.0.1', IMAP_PORT: String(DEMO.imapPort), SMTP_HOST: '127.0.0.1', SMTP_PORT: String(DEMO.smtpPort),
      DOVEADM_API_URL: `http://127.0.0.1:${DEMO.doveadmHttpPort}/doveadm/v1`, DOVEADM_API_KEY: previous.DOVEADM_API_KEY ?? randomBytes(24).toString('base64url'),
    } : {}),
  };
  const text = '# Written by `npm start` (scripts/demo/up.ts) for its demo; read by the other npm scripts in this clone.\n'
    + Object.entries(settings).map(([k, v]) => `${k}=${v}`).join('\n') + '\n';
  writeFileSync(DEMO_ENV_FILE, text, { mode: 0o600 });
  return settings;
}

const env: Record<string, string> = { ...(process.env as Record<string, string>) };
for (const [k, v] of Object.entries(writeDemoEnv())) env[k] ??= v;
const config = loadConfig(env);

const children: ChildProcess[] = [];
let dovecot: DovecotHandle | null = null;
let sink: SmtpSink | null = null;
let front: Awaited<ReturnType<typeof startFront>> | null = null;
let stopping = false;

async function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  logger.info('stopping');
  await Promise.all(children.map((c) => new Promise((resolve) => { if (c.exitCode !== null) return resolve(null); c.once('exit', resolve); c.kill('SIGTERM'); })));
  await front?.close();
  await sink?.stop();
  await dovecot?.stop();
  process.exit(code);
}
process.once('SIGINT', () => void stopAll(0));
process.once('SIGTERM', () => void stopAll(0));

function run(name: string, args: string[], extraEnv: Record<string, string> = {}) {
  // Node itself with tsx's loader, not `npx tsx`: a wrapper would not pass our SIGTERM on to the real process.
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { env: { ...env, ...extraEnv }, stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code) => {
    if (!stopping) {
      logger.error({ name, code }, 'process exited; stopping everything');
      void stopAll(1);
    }
  });
  children.push(child);
}

/** A loopback port nothing listens on now, for the API behind the front. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Waits until something accepts TCP connections on host:port (the policy service, which has no HTTP). */
async function waitListening(host: string, port: number, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host, port }, () => { socket.destroy(); resolve(true); });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`nothing listening on ${host}:${port} after ${timeoutMs} ms`);
}

async function waitReady(url: string, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms`);
}

try {
  // First, so a machine that cannot install Dovecot hears it at once, not after migrations and the console build.
  if (demoMode) ensurePackages([DOVECOT], (line) => logger.info(line));
  if (await ensureDatabase(config.DATABASE_URL)) logger.info('created database');
  logger.info('applying migrations');
  await migrate(config.DATABASE_URL);
  if (!existsSync('admin-ui/dist/index.html') || process.argv.includes('--build-ui')) {
    logger.info('building the console');
    const build = spawn('npx', ['vite', 'build', '--config', 'admin-ui/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
    const code = await new Promise((resolve) => build.on('exit', resolve));
    if (code !== 0) throw new Error('console build failed');
  }

  if (demoMode) {
    dovecot = await startDovecot({
      dir: DEMO.dovecotDir, imapPort: DEMO.imapPort, pop3Port: DEMO.pop3Port, databaseUrl: config.DATABASE_URL,
      masterUser: config.IMAP_ADMIN_USER, masterPassword: config.IMAP_ADMIN_PASSWORD,
      doveadmHttp: { port: DEMO.doveadmHttpPort, apiKey: config.DOVEADM_API_KEY! },
    });
    sink = await startSmtpSink({
      port: DEMO.smtpPort,
      onMessage: (m) => logger.info({ to: m.envelope.to, subject: m.parsed.subject }, 'SMTP sink received a notice'),
    });
    logger.info({ imap: DEMO.imapPort, pop3: DEMO.pop3Port, smtp: DEMO.smtpPort }, 'demo Dovecot and SMTP sink running');
  }

  const prisma = createPrisma(config.DATABASE_URL, { poolSize: 2 });
  const { printedPassword } = await seedDemo({ prisma, config, dovecot, adminPassword: env.ADMIN_PASSWORD, logger });
  await prisma.$disconnect();
  // Shown at once, not only in the final banner: if a later step fails, the password is not lost.
  if (printedPassword) console.log(`\n  Demo staff password (admin@, ops@, helpdesk@example.org): ${printedPassword}\n`);

  // The front on HOST:PORT stands where the TLS proxy stands in production (docs/deployment.md): the /me downloads go
  // to the export service, everything else to the API, which listens on a loopback port of its own.
  const apiPort = await freePort();
  run('api', ['server/server.ts'], { HOST: '127.0.0.1', PORT: String(apiPort) });
  run('worker', ['jobs/index.ts']);
  run('policyd', ['server/policy/index.ts']);
  run('exporter', ['server/export/index.ts'], { MALLOC_ARENA_MAX: '2' }); // as npm run start:exporter and its unit
  front = await startFront({ host: config.HOST, port: config.PORT, api: { host: '127.0.0.1', port: apiPort }, exporter: { host: config.EXPORT_HOST, port: config.EXPORT_PORT } });
  await waitReady(`http://${config.HOST}:${config.PORT}/health/ready`);
  await waitListening(config.POLICY_HOST, config.POLICY_PORT);
  await waitReady(`http://${config.EXPORT_HOST}:${config.EXPORT_PORT}/health`);
  // Measure every mailbox now rather than at the next SCAN_CRON: the console and the policy service show real usage at once.
  const redis = createProducerRedis(config.REDIS_URL);
  const queues = createQueues(redis, config.QUEUE_PREFIX);
  await queues.maintenance.add('scan-all', { task: 'scan-all' });
  await closeQueues(queues);
  redis.disconnect();

  const url = `http://${config.HOST}:${config.PORT}/`;
  console.log(`\n  Mailwarden is up: ${url}\n  API docs: ${url}docs\n`);
  if (printedPassword) {
    console.log(`  Log in as admin@example.org (also ops@ and helpdesk@example.org) with password: ${printedPassword}`);
    console.log('  (generated now and shown once; set ADMIN_PASSWORD to choose it, or reset with npm run create-admin)\n');
  } else {
    console.log(`  Log in as admin@example.org${env.ADMIN_PASSWORD ? ' with ADMIN_PASSWORD' : ' with the password printed on first start'}\n`);
  }
  const policy = `inet:${config.POLICY_HOST}:${config.POLICY_PORT}`;
  console.log(`  Postfix policy service (over-quota at SMTP time): ${policy}. Point a Postfix at it in main.cf:`);
  console.log(`    smtpd_recipient_restrictions = permit_mynetworks, reject_unauth_destination, check_policy_service { ${policy}, timeout=10s, default_action=DUNNO }`);
  console.log('  (docs/policy.md; a first usage scan is running, so over-quota demo mailboxes are refused within seconds:');
  console.log('  npm run demo:check-postfix sends a test RCPT for each demo mailbox through a private Postfix)\n');
  console.log(`  Mailbox statuses (docs/mailbox-lifecycle.md): ${DEMO_STATUSES.map((d) => `${d.address} is ${d.status}`).join(', ')}; their users cannot log in.\n`);
  if (demoMode) console.log(`  Demo IMAP/POP: 127.0.0.1:${DEMO.imapPort} / :${DEMO.pop3Port}, users alice@example.org … erin@example.org, password ${DEMO_MAIL_PASSWORD}\n  They see their own mailbox at ${url}me with that password.\n  Press Ctrl-C to stop.\n`);
} catch (err) {
  // A missing package is one line with the command to run, not a stack trace.
  if (err instanceof MissingPackagesError) logger.error(`start failed: ${err.message}`);
  else logger.error({ err }, 'start failed');
  await stopAll(1);
}
