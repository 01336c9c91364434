// Starts a real Cyrus IMAP 3.6 (Debian's packages) beside Dovecot, for tests: its own imapd.conf and cyrus.conf, a
// private sasldb for the users and the admin, everything under one directory, IMAP on a loopback port.
//
// Debian's `cyrus-imapd` package "Conflicts: imap-server": installing it would remove Dovecot. So the rest of Cyrus
// (cyrus-common: master, ctl_cyrusdb; sasl2-bin: saslpasswd2) comes from apt, and only the `imapd` binary is taken
// out of the cyrus-imapd .deb (`apt-get download` + `dpkg-deb -x`) into CYRUS_CACHE, never installed. Cyrus' own
// `master` runs it (as root; it drops to the `cyrus` user itself). See docs/servers.md for the settings.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ensurePackages, type PackageNeed } from './system-packages.ts';
import { leftoverMaster, startDaemon, waitForPort } from './daemon.ts';

/** Cyrus without its conflicting imapd package: master and tools, the admin shell, test clients, saslpasswd2. */
export const CYRUS: PackageNeed = { packages: ['cyrus-common', 'cyrus-admin', 'cyrus-clients', 'sasl2-bin'], why: 'a real Cyrus IMAP beside Dovecot (tests)' };
/** Where the cyrus-imapd .deb is unpacked (not installed: it would remove Dovecot). */
export const CYRUS_CACHE = '/var/cache/mailwarden/cyrus-imapd';
const MASTER = '/usr/lib/cyrus/bin/master';
const START_TIMEOUT_MS = 15_000;

export interface CyrusOptions {
  dir: string;
  imapPort: number;
  /** A Cyrus admin (`admins`, and `proxyservers` so it may log in as any user with a SASL PLAIN authzid). */
  adminUser: string;
  adminPassword: string;
  users: Array<{ login: string; password: string }>;
}

export interface CyrusHandle { dir: string; imapPort: number; stop(): Promise<void> }

/** Installs the Cyrus packages that do not conflict with Dovecot and unpacks imapd; returns the imapd path. */
export function ensureCyrus(log: (line: string) => void = console.log): string {
  ensurePackages([CYRUS], log);
  const found = findImapd();
  if (found) return found;
  if (process.getuid?.() !== 0) throw new Error(`Cyrus imapd is not unpacked in ${CYRUS_CACHE}; as root run: apt-get download cyrus-imapd && dpkg-deb -x cyrus-imapd_*.deb ${CYRUS_CACHE}`);
  log(`unpacking Debian's cyrus-imapd into ${CYRUS_CACHE} (installing it would remove Dovecot)`);
  mkdirSync(CYRUS_CACHE, { recursive: true });
  // The same version as cyrus-common, so imapd and master agree on database formats.
  const version = execFileSync('dpkg-query', ['-W', '-f=${Version}', 'cyrus-common'], { encoding: 'utf8' }).trim();
  const download = () => spawnSync('apt-get', ['download', `cyrus-imapd=${version}`], { cwd: CYRUS_CACHE, encoding: 'utf8' });
  let res = download();
  if (res.status !== 0) {
    execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'] });
    res = download();
  }
  if (res.status !== 0) throw new Error(`apt-get download cyrus-imapd=${version} failed: ${res.stderr.trim()}`);
  const deb = readdirSync(CYRUS_CACHE).find((f) => f.startsWith('cyrus-imapd_') && f.endsWith('.deb'));
  if (!deb) throw new Error(`apt-get download left no cyrus-imapd .deb in ${CYRUS_CACHE}`);
  execFileSync('dpkg-deb', ['-x', path.join(CYRUS_CACHE, deb), CYRUS_CACHE]);
  const imapd = findImapd();
  if (!imapd) throw new Error(`the cyrus-imapd .deb has no usr/lib/cyrus/bin/imapd`);
  return imapd;
}

function findImapd(): string | null {
  const p = path.join(CYRUS_CACHE, 'usr/lib/cyrus/bin/imapd');
  return existsSync(p) ? p : null;
}

export async function startCyrus(opts: CyrusOptions): Promise<CyrusHandle> {
  if (process.getuid?.() !== 0) throw new Error('the test Cyrus must run as root (its master switches to the cyrus user)');
  const imapd = ensureCyrus((line) => console.log(`[cyrus] ${line}`));
  const dir = path.resolve(opts.dir);
  if (/[\s"]/.test(dir)) throw new Error(`startCyrus: dir must not contain spaces or quotes: ${dir}`);
  await killLeftover(dir);
  await fs.rm(dir, { recursive: true, force: true });
  for (const sub of ['config', 'spool', 'run', 'sock']) await fs.mkdir(path.join(dir, sub), { recursive: true });
  const conf = path.join(dir, 'imapd.conf');
  const sasldb = path.join(dir, 'sasldb2');
  // The admin has no domain: Cyrus looks it up in the realm `servername`.
  const servername = 'mailwarden-test-cyrus';
  await fs.writeFile(conf, [
    `configdirectory: ${dir}/config`,
    'defaultpartition: default',
    `partition-default: ${dir}/spool`,
    `proc_path: ${dir}/run/proc`,
    `mboxname_lockpath: ${dir}/run/lock`,
    `lmtpsocket: ${dir}/sock/lmtp`,
    `idlesocket: ${dir}/sock/idle`,
    `notifysocket: ${dir}/sock/notify`,
    `servername: ${servername}`,
    `admins: ${opts.adminUser}`,
    `proxyservers: ${opts.adminUser}`,
    // Logins are full addresses: user1@example.test is the mailbox user/user1@example.test.
    'virtdomains: userid',
    'altnamespace: yes',
    'unixhierarchysep: yes',
    'allowplaintext: yes',
    'sasl_pwcheck_method: auxprop',
    'sasl_auxprop_plugin: sasldb',
    `sasl_sasldb_path: ${sasldb}`,
    'sasl_mech_list: PLAIN',
    // INBOX and the special-use folders are created at the first login (no quota: Mailwarden sets it with SETQUOTA).
    'autocreate_quota: 0',
    'autocreate_inbox_folders: Sent | Drafts | Trash | Junk | Archive',
    'xlist-sent: Sent', 'xlist-drafts: Drafts', 'xlist-trash: Trash', 'xlist-junk: Junk', 'xlist-archive: Archive',
    // Messages are removed at EXPUNGE, as Dovecot does (Cyrus' default keeps them for unexpunge).
    'expunge_mode: immediate',
    `syslog_prefix: mw-cyrus-${opts.imapPort}`,
    '',
  ].join('\n'));
  await fs.writeFile(path.join(dir, 'cyrus.conf'), [
    'START {',
    `  recover cmd="/usr/lib/cyrus/bin/ctl_cyrusdb -C ${conf} -r"`,
    '}',
    'SERVICES {',
    `  imap cmd="${imapd} -C ${conf}" listen="127.0.0.1:${opts.imapPort}" prefork=1`,
    '}',
    'EVENTS {',
    '}',
    'DAEMON {',
    '}',
    '',
  ].join('\n'));
  await writeSasldb(sasldb, [
    { user: opts.adminUser, realm: servername, password: opts.adminPassword },
    ...opts.users.map((u) => {
      const at = u.login.lastIndexOf('@');
      if (at < 1) throw new Error(`startCyrus: logins are addresses (virtdomains): ${u.login}`);
      return { user: u.login.slice(0, at), realm: u.login.slice(at + 1), password: u.password };
    }),
  ]);
  execFileSync('chown', ['-R', 'cyrus:mail', dir]);
  await fs.chmod(dir, 0o755);

  // master starts imapd on the first connection: the greeting says both are up.
  const daemon = await startDaemon({
    name: 'Cyrus',
    command: MASTER,
    args: ['-C', conf, '-M', path.join(dir, 'cyrus.conf'), '-p', path.join(dir, 'run/master.pid')],
    ready: (child) => waitForPort(opts.imapPort, child, { greeting: true, timeoutMs: START_TIMEOUT_MS }),
  });
  return { dir, imapPort: opts.imapPort, stop: () => daemon.stop() };
}

/**
 * The private sasldb. saslpasswd2 takes ~0.1 s per user here (it syncs the file each time), so a database for the
 * same users and passwords is built once and kept in CYRUS_CACHE (test passwords only), then copied.
 */
async function writeSasldb(file: string, entries: Array<{ user: string; realm: string; password: string }>): Promise<void> {
  const key = createHash('sha256').update(JSON.stringify(entries)).digest('hex').slice(0, 16);
  const cached = path.join(CYRUS_CACHE, `sasldb-${key}`);
  if (!existsSync(cached)) {
    const building = `${cached}.${process.pid}`;
    await fs.rm(building, { force: true });
    for (const e of entries) setPassword(building, e.user, e.realm, e.password);
    await fs.rename(building, cached);
  }
  await fs.copyFile(cached, file);
  await fs.chmod(file, 0o640);
}

function setPassword(sasldb: string, user: string, realm: string, password: string): void {
  const res = spawnSync('/usr/sbin/saslpasswd2', ['-p', '-c', '-f', sasldb, '-u', realm, user], { input: password, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`saslpasswd2 for ${user}@${realm} failed: ${res.stderr.trim()}`);
}

/** A master left by a run that died with this dir holds the port: stop it by its pid file. */
async function killLeftover(dir: string): Promise<void> {
  const pid = await leftoverMaster(path.join(dir, 'run/master.pid'), { argument: path.join(dir, 'imapd.conf') });
  if (!pid) return;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 100 && existsSync(`/proc/${pid}`); i++) await new Promise((r) => setTimeout(r, 50));
  if (existsSync(`/proc/${pid}`)) process.kill(pid, 'SIGKILL');
}
