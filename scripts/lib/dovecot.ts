// Starts a real Dovecot 2.3 (IMAP, POP3, optional quota-status) with Mailwarden's own config, for
// tests, the demo and benchmarks. Users come from PostgreSQL's dovecot_users view; passwords from
// passwd-files this module writes. Needs root (Dovecot drops privileges itself). See scripts/dovecot/README.md.
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { leftoverMaster, startDaemon, waitForPort } from './daemon.ts';

export interface DovecotOptions {
  dir: string;
  imapPort: number;
  pop3Port: number;
  quotaStatusPort?: number;
  /** doveadm's HTTP API on this port, with this key (both or neither). */
  doveadmHttp?: { port: number; apiKey: string };
  databaseUrl: string;
  masterUser: string;
  masterPassword: string;
  users?: Array<{ login: string; password: string }>;
  /** Quota rule for mailboxes whose effective limit is NULL. Default `*:storage=0` (0 = unlimited). */
  defaultQuotaRule?: string;
}

export interface DovecotHandle {
  confPath: string;
  dir: string;
  mailRoot: string;
  addUser(login: string, password: string): Promise<void>;
  doveadm(args: string[]): Promise<string>;
  stop(): Promise<void>;
}

const TEMPLATES = fileURLToPath(new URL('../dovecot/', import.meta.url));
const MAIL_UID = 5000; // virtual owner of all mail (first_valid_uid); needs no /etc/passwd entry
const START_TIMEOUT_MS = 15_000;
const MiB = 1024 * 1024;
const execFileP = promisify(execFile);
// Unix socket paths are limited to 108 bytes; the longest socket Dovecot creates under base_dir
// ("token-login/tokenlogin", "replication-notify-fifo", ...) needs ~30 of them.
const MAX_BASE_DIR = 76;

export async function startDovecot(opts: DovecotOptions): Promise<DovecotHandle> {
  if (process.getuid?.() !== 0) throw new Error('the demo and test Dovecot must run as root (Dovecot switches users itself): run this as root, or set IMAP_HOST to use your own IMAP server');
  const dir = path.resolve(opts.dir);
  const baseDir = path.join(dir, 'run');
  const mailRoot = path.join(dir, 'mail');
  if (baseDir.length > MAX_BASE_DIR) throw new Error(`startDovecot: dir too long for Unix sockets: ${baseDir}`);
  if (/[%'\s]/.test(dir)) throw new Error(`startDovecot: dir must not contain %, ' or spaces: ${dir}`);
  checkLogin(opts.masterUser);

  await killLeftover(baseDir, path.join(dir, 'dovecot.conf'));
  // The auth process (user dovecot) reads files here and mail processes (uid 5000) walk to mail/,
  // so the dir must be traversable; mkdtemp() creates it 0700.
  await fs.mkdir(dir, { recursive: true });
  await fs.chmod(dir, 0o755);
  await fs.mkdir(path.join(dir, 'state'), { recursive: true });
  await fs.mkdir(mailRoot, { recursive: true, mode: 0o770 });
  await fs.chown(mailRoot, MAIL_UID, MAIL_UID);

  const gid = await dovecotGid();
  const files = {
    masterPasswdFile: path.join(dir, 'master-users'),
    usersPasswdFile: path.join(dir, 'users'),
    sqlConfFile: path.join(dir, 'dovecot-sql.conf.ext'),
    denySqlConfFile: path.join(dir, 'dovecot-deny-sql.conf.ext'),
    quotaCloneDictFile: path.join(dir, 'dict-quota-clone.conf.ext'),
  };
  const confPath = path.join(dir, 'dovecot.conf');
  const logPath = path.join(dir, 'dovecot.log');
  const users = new Map<string, string>();
  for (const u of opts.users ?? []) users.set(checkLogin(u.login), passwdLine(u.login, u.password));
  const usersFile = new PasswdFile(files.usersPasswdFile, gid);

  await writeSecret(files.masterPasswdFile, passwdLine(opts.masterUser, opts.masterPassword) + '\n', gid);
  await usersFile.write(users, false); // Dovecot is not running yet: nothing to wait for
  const template = (name: string) => fs.readFile(path.join(TEMPLATES, name), 'utf8');
  const sqlConf = fill(await template('dovecot-sql.conf.ext.template'), { connect: pgConnectString(opts.databaseUrl), mailRoot });
  await writeSecret(files.sqlConfFile, sqlConf, gid);
  await writeSecret(files.denySqlConfFile, fill(await template('dovecot-deny-sql.conf.ext.template'), { connect: pgConnectString(opts.databaseUrl) }), gid);
  if (opts.doveadmHttp) await writeSecret(path.join(dir, 'doveadm-api-key'), opts.doveadmHttp.apiKey, gid);
  await writeSecret(files.quotaCloneDictFile, fill(await template('dict-quota-clone.conf.ext.template'), { connect: pgConnectString(opts.databaseUrl) }), gid);
  const conf = fill(await template('dovecot.conf.template'), {
    ...files, baseDir, stateDir: path.join(dir, 'state'), logPath, instanceId: String(opts.imapPort),
    defaultQuotaRule: opts.defaultQuotaRule ?? '*:storage=0',
    imapPort: String(opts.imapPort), pop3Port: String(opts.pop3Port), quotaStatusPort: String(opts.quotaStatusPort ?? ''),
    doveadmHttpPort: String(opts.doveadmHttp?.port ?? ''), doveadmApiKeyFile: path.join(dir, 'doveadm-api-key'),
  }, { quotaStatus: opts.quotaStatusPort !== undefined, doveadmHttp: opts.doveadmHttp !== undefined });
  await fs.writeFile(confPath, conf, { mode: 0o644 });

  const daemon = await startDaemon({
    name: 'Dovecot',
    command: '/usr/sbin/dovecot',
    args: ['-F', '-c', confPath],
    async ready(child) {
      await waitForPort(opts.imapPort, child, { greeting: true, timeoutMs: START_TIMEOUT_MS });
      if (opts.quotaStatusPort !== undefined) await waitForPort(opts.quotaStatusPort, child, { greeting: false, timeoutMs: START_TIMEOUT_MS });
      if (opts.doveadmHttp) await waitForPort(opts.doveadmHttp.port, child, { greeting: false, timeoutMs: START_TIMEOUT_MS });
    },
    failureDetail: async () => (await fs.readFile(logPath, 'utf8').catch(() => '')).slice(-3000),
  });

  return {
    confPath,
    dir,
    mailRoot,
    async addUser(login, password) {
      users.set(checkLogin(login), passwdLine(login, password));
      await usersFile.write(users);
    },
    async doveadm(args) {
      try {
        return (await execFileP('/usr/bin/doveadm', ['-c', confPath, ...args], { maxBuffer: 64 * MiB })).stdout;
      } catch (err) {
        const e = err as Error & { stderr?: string };
        throw new Error(`doveadm ${args.join(' ')} failed: ${e.stderr?.trim() || e.message}`);
      }
    },
    async stop() {
      await daemon.stop({
        hardKillMs: 10_000,
        // A quota-status process that gets SIGTERM right after a client hung up sometimes ignores it, and the
        // master then waits 5 s before killing it: do that sooner ourselves.
        whileStopping: () => {
          const slow = setTimeout(() => void killChildren(daemon.child.pid!), 1500);
          return () => clearTimeout(slow);
        },
      });
    },
  };
}

/**
 * The end-user passwd-file. Dovecot's auth process re-reads it only when its mtime (whole seconds)
 * or size changed, and stats it at most once per second. So each write gets an mtime later than the
 * previous one, and resolves only once the clock has passed into the next second: from then on any
 * lookup sees the new file. Concurrent calls share the wait.
 */
class PasswdFile {
  private lastMtime = 0;
  private queue: Promise<void> = Promise.resolve();
  constructor(private readonly file: string, private readonly gid: number) {}

  async write(users: Map<string, string>, settle = true): Promise<void> {
    const text = [...users.values()].map((l) => l + '\n').join('');
    const step = this.queue.then(async () => {
      await writeSecret(this.file, text, this.gid);
      const mtime = Math.max(Math.floor(Date.now() / 1000), this.lastMtime + 1);
      await fs.utimes(this.file, mtime, mtime);
      this.lastMtime = mtime;
    });
    this.queue = step.catch(() => undefined);
    await step;
    if (settle) await sleep(1000 - (Date.now() % 1000) + 20);
  }
}

/** `{SSHA512}` = base64(sha512(password + salt) + salt): a scheme Dovecot 2.3 verifies natively. */
function passwdLine(login: string, password: string): string {
  const salt = randomBytes(8);
  const digest = createHash('sha512').update(password).update(salt).digest();
  return `${login}:{SSHA512}${Buffer.concat([digest, salt]).toString('base64')}`;
}

/** ':' splits passwd-file fields and '*' is the master-user separator, so neither may be in a login. */
function checkLogin(login: string): string {
  if (!/^[^\s:*%'\\/]+$/.test(login)) throw new Error(`invalid Dovecot login: ${JSON.stringify(login)}`);
  return login;
}

/** Writes a file the auth process (group dovecot) may read and nobody else: temp file + rename. */
async function writeSecret(file: string, text: string, gid: number): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, text, { mode: 0o640 });
  await fs.chown(tmp, 0, gid);
  await fs.chmod(tmp, 0o640); // the umask may have narrowed the mode
  await fs.rename(tmp, file);
}

async function dovecotGid(): Promise<number> {
  const line = (await fs.readFile('/etc/group', 'utf8')).split('\n').find((l) => l.startsWith('dovecot:'));
  if (!line) throw new Error('group dovecot not found (Debian creates it when installing dovecot-core): as root run: apt-get install -y --reinstall dovecot-core');
  return Number(line.split(':')[2]);
}

/** postgresql://user:pass@host:port/db?sslmode=… → libpq keyword string for Dovecot's `connect`. */
export function pgConnectString(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  const fields: Record<string, string> = {
    host: decodeURIComponent(url.hostname) || '127.0.0.1',
    port: url.port || '5432',
    dbname: decodeURIComponent(url.pathname.replace(/^\//, '')),
    user: decodeURIComponent(url.username),
  };
  if (url.password) fields.password = decodeURIComponent(url.password);
  for (const [k, v] of url.searchParams) if (/^[a-z_]+$/.test(k) && k !== 'schema') fields[k] = v;
  const quote = (v: string) => (/^[^\s'\\]+$/.test(v) ? v : `'${v.replace(/[\\']/g, (c) => '\\' + c)}'`);
  return Object.entries(fields).filter(([, v]) => v !== '').map(([k, v]) => `${k}=${quote(v)}`).join(' ');
}

/** {{name}} placeholders; {{#flag}}…{{/flag}} blocks kept only when flags[flag] is true. */
function fill(template: string, values: Record<string, string>, flags: Record<string, boolean> = {}): string {
  const text = template.replace(/\{\{#(\w+)\}\}\n([\s\S]*?)\{\{\/\1\}\}\n?/g, (_, f: string, body: string) => (flags[f] ? body : ''));
  return text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => {
    if (values[k] === undefined) throw new Error(`template value missing: ${k}`);
    return values[k];
  });
}

/** A dovecot master left running by a crashed run with this config holds its ports: stop it. */
async function killLeftover(baseDir: string, confPath: string): Promise<void> {
  const pid = await leftoverMaster(path.join(baseDir, 'master.pid'), { argument: confPath });
  if (!pid) return; // no pid file, or a stale one (pid gone, or reused by another process)
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 100 && (await procStat(pid)); i++) await sleep(50);
  if (await procStat(pid)) process.kill(pid, 'SIGKILL');
}

async function killChildren(ppid: number): Promise<void> {
  for (const entry of (await fs.readdir('/proc')).filter((e) => /^\d+$/.test(e))) {
    if ((await procStat(Number(entry)))?.ppid !== ppid) continue;
    try { process.kill(Number(entry), 'SIGKILL'); } catch { /* already gone */ }
  }
}

/** Parent pid of a live process, or null. A dead daemonized master stays a zombie until PID 1 reaps it. */
async function procStat(pid: number): Promise<{ ppid: number } | null> {
  const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return stat && state !== 'Z' && state !== 'X' ? { ppid: Number(ppid) } : null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
