// Brings the whole system up for a demo or local development: database + migrations, console build,
// a real Dovecot and an SMTP sink with demo data (unless IMAP_HOST points at a real server), then the
// API and a worker. Prints the console URL and login. Ctrl-C stops everything it started.
import 'dotenv/config';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { loadConfig } from '../../server/config.ts';
import { createPrisma } from '../../server/lib/prisma.ts';
import { ensureDatabase, migrate } from '../lib/database.ts';
import { startDovecot, type DovecotHandle } from '../lib/dovecot.ts';
import { startSmtpSink, type SmtpSink } from '../lib/smtp-sink.ts';
import { seedDemo, DEMO_MAIL_PASSWORD } from './seed.ts';

const logger = pino({ name: 'start', ...(process.stdout.isTTY ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname' } } } : {}) });
const DEMO = { imapPort: 10143, pop3Port: 10110, smtpPort: 10025, dovecotDir: '/tmp/mailwarden-demo-dovecot' };
const demoMode = !process.env.IMAP_HOST;

/** Secrets the demo generates once and keeps in .run/demo.env (git-ignored), so restarts keep sessions. */
function demoSecrets(): Record<string, string> {
  const file = '.run/demo.env';
  mkdirSync('.run', { recursive: true });
  if (existsSync(file)) return Object.fromEntries(readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => l.split(/=(.*)/s).slice(0, 2)));
  const secrets = { SESSION_SECRET: randomBytes(32).toString('hex'), IMAP_ADMIN_PASSWORD: randomBytes(18).toString('base64url') };
  writeFileSync(file, Object.entries(secrets).map(([k, v]) => `${k}=${v}`).join('\n') + '\n', { mode: 0o600 });
  return secrets;
}

const env: Record<string, string> = { ...(process.env as Record<string, string>) };
if (demoMode) {
  Object.assign(env, { IMAP_HOST: '127.0.0.1', IMAP_PORT: String(DEMO.imapPort), SMTP_HOST: '127.0.0.1', SMTP_PORT: String(DEMO.smtpPort) });
}
for (const [k, v] of Object.entries(demoSecrets())) env[k] ??= v;
const config = loadConfig(env);

const children: ChildProcess[] = [];
let dovecot: DovecotHandle | null = null;
let sink: SmtpSink | null = null;
let stopping = false;

async function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  logger.info('stopping');
  await Promise.all(children.map((c) => new Promise((resolve) => { if (c.exitCode !== null) return resolve(null); c.once('exit', resolve); c.kill('SIGTERM'); })));
  await sink?.stop();
  await dovecot?.stop();
  process.exit(code);
}
process.once('SIGINT', () => void stopAll(0));
process.once('SIGTERM', () => void stopAll(0));

function run(name: string, args: string[]) {
  // Node itself with tsx's loader, not `npx tsx`: a wrapper would not pass our SIGTERM on to the real process.
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code) => {
    if (!stopping) {
      logger.error({ name, code }, 'process exited; stopping everything');
      void stopAll(1);
    }
  });
  children.push(child);
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

  run('api', ['server/server.ts']);
  run('worker', ['jobs/index.ts']);
  await waitReady(`http://${config.HOST}:${config.PORT}/health/ready`);

  const url = `http://${config.HOST}:${config.PORT}/`;
  console.log(`\n  Mailwarden is up: ${url}\n  API docs: ${url}docs\n`);
  if (printedPassword) {
    console.log(`  Log in as admin@example.org (also ops@ and helpdesk@example.org) with password: ${printedPassword}`);
    console.log('  (generated now and shown once; set ADMIN_PASSWORD to choose it, or reset with npm run create-admin)\n');
  } else {
    console.log(`  Log in as admin@example.org${env.ADMIN_PASSWORD ? ' with ADMIN_PASSWORD' : ' with the password printed on first start'}\n`);
  }
  if (demoMode) console.log(`  Demo IMAP/POP: 127.0.0.1:${DEMO.imapPort} / :${DEMO.pop3Port}, users alice@example.org … erin@example.org, password ${DEMO_MAIL_PASSWORD}\n  Press Ctrl-C to stop.\n`);
} catch (err) {
  logger.error({ err }, 'start failed');
  await stopAll(1);
}
