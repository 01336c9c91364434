// Starts a private OpenLDAP slapd (Debian's package) for directory-sync tests and benchmarks: its own slapd.conf and
// MDB database in `dir`, loaded from an LDIF with `slapadd -q`, listening on loopback only. Nothing system-wide is
// read or written (/etc/ldap/slapd.d is never used). Needs root, like the test Dovecot. Measured in ../shared/STACK-more.md:
// 100,000 entries load in ~1.3 s with -q (172 s without), and a full paged search takes ~1 s.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { LDAP, ensurePackages } from '../../scripts/lib/system-packages.ts';

export interface SlapdOptions {
  dir: string;
  /** ldap:// (plain, StartTLS when `tls`) on 127.0.0.1. */
  port: number;
  /** Also serve ldaps:// here, and offer StartTLS on `port`, with a self-signed certificate for 127.0.0.1 (`caFile`). */
  tlsPort?: number;
  suffix?: string;
  /** The LDIF to load: its text, or the path of a file holding it (large directories). Must contain the suffix entry. */
  ldif: string | { file: string };
}

export interface SlapdHandle {
  url: string;
  ldapsUrl: string | null;
  /** The self-signed certificate slapd presents (PEM file), to pass as a CA; null without TLS. */
  caFile: string | null;
  suffix: string;
  rootDn: string;
  rootPassword: string;
  /** Replaces the whole directory: stop, reload from a new LDIF, start again (~1 s). */
  reload(ldif: SlapdOptions['ldif']): Promise<void>;
  stop(): Promise<void>;
}

const execFileP = promisify(execFile);
const START_TIMEOUT_MS = 15_000;
const ROOT_PASSWORD = 'test-ldap-root-password-not-secret';

export async function startSlapd(opts: SlapdOptions): Promise<SlapdHandle> {
  if (process.getuid?.() !== 0) throw new Error('the test slapd runs as root (it reads its own key and database): run the tests as root');
  ensurePackages([LDAP], (line) => console.log(`[test setup] ${line}`));
  const dir = path.resolve(opts.dir);
  const suffix = opts.suffix ?? 'dc=example,dc=org';
  const rootDn = `cn=admin,${suffix}`;
  const conf = path.join(dir, 'slapd.conf');
  const db = path.join(dir, 'db');
  await fs.mkdir(dir, { recursive: true });
  const tls = opts.tlsPort !== undefined ? await selfSignedCertificate(dir) : null;
  await fs.writeFile(conf, slapdConf({ dir, db, suffix, rootDn, tls }));

  const urls = [`ldap://127.0.0.1:${opts.port}/`, ...(opts.tlsPort !== undefined ? [`ldaps://127.0.0.1:${opts.tlsPort}/`] : [])];
  let child: ChildProcess | null = null;
  let output = '';

  async function load(ldif: SlapdOptions['ldif']): Promise<void> {
    await fs.rm(db, { recursive: true, force: true });
    await fs.mkdir(db, { recursive: true });
    const file = typeof ldif === 'string' ? path.join(dir, 'load.ldif') : ldif.file;
    if (typeof ldif === 'string') await fs.writeFile(file, ldif);
    // -q skips per-entry syncs and consistency checks: the database is thrown away with the test anyway.
    await execFileP('/usr/sbin/slapadd', ['-q', '-f', conf, '-l', file], { maxBuffer: 16 * 1024 * 1024 })
      .catch((err: Error & { stderr?: string }) => { throw new Error(`slapadd failed: ${err.stderr?.trim() || err.message}`); });
  }

  async function start(): Promise<void> {
    // A slapd left by a run that died (a crash skips the exit hook) would answer in place of ours, with its own data.
    for (const port of [opts.port, opts.tlsPort]) {
      if (port !== undefined && (await accepts(port))) throw new Error(`127.0.0.1:${port} is already taken (a leftover slapd? see \`ss -ltnp sport = :${port}\`)`);
    }
    output = '';
    // -d 0 keeps slapd in the foreground (so we hold its PID and see its exit) and logs nothing.
    const proc = spawn('/usr/sbin/slapd', ['-f', conf, '-h', urls.join(' '), '-d', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (b: Buffer) => { output = (output + b.toString()).slice(-4000); };
    proc.stdout!.on('data', keep);
    proc.stderr!.on('data', keep);
    child = proc;
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (!(await accepts(opts.port))) {
      if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`slapd exited (${proc.exitCode ?? proc.signalCode}):\n${output}`);
      if (Date.now() > deadline) { proc.kill('SIGKILL'); throw new Error(`slapd not listening on ${opts.port} after ${START_TIMEOUT_MS} ms:\n${output}`); }
      await sleep(20);
    }
  }

  async function stop(): Promise<void> {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGTERM'); // slapd closes the database cleanly: from well under a second to ~1 s
    const hard = setTimeout(() => proc.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(hard);
  }

  // If the test runner dies without stop(), do not leave a daemon holding the port.
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);
  await load(opts.ldif);
  await start();
  return {
    url: urls[0].replace(/\/$/, ''),
    ldapsUrl: opts.tlsPort !== undefined ? urls[1].replace(/\/$/, '') : null,
    caFile: tls?.cert ?? null,
    suffix,
    rootDn,
    rootPassword: ROOT_PASSWORD,
    async reload(ldif) {
      await stop();
      await load(ldif);
      await start();
    },
    async stop() {
      await stop();
      process.removeListener('exit', killOnExit);
    },
  };
}

function slapdConf(o: { dir: string; db: string; suffix: string; rootDn: string; tls: { cert: string; key: string } | null }): string {
  return [
    // misc: inetLocalMailRecipient/mailLocalAddress, the usual home of a person's other addresses.
    ...['core', 'cosine', 'nis', 'inetorgperson', 'misc'].map((s) => `include /etc/ldap/schema/${s}.schema`),
    `pidfile ${o.dir}/slapd.pid`,
    `argsfile ${o.dir}/slapd.args`,
    'modulepath /usr/lib/ldap',
    'moduleload back_mdb',
    'loglevel none',
    // The default sizelimit (500) also caps paged searches for everyone but the rootdn: allow pages of up to 1,000
    // and any total, as a real directory configured for sync would.
    'sizelimit size.soft=500 size.hard=500 size.pr=1000 size.prtotal=unlimited',
    ...(o.tls ? [`TLSCertificateFile ${o.tls.cert}`, `TLSCertificateKeyFile ${o.tls.key}`] : []),
    'database mdb',
    'maxsize 1073741824',
    `suffix "${o.suffix}"`,
    `rootdn "${o.rootDn}"`,
    `rootpw ${ROOT_PASSWORD}`,
    `directory ${o.db}`,
    'index objectClass eq',
    'index uid,mail eq',
    'access to attrs=userPassword by self write by anonymous auth by * none',
    'access to * by * read',
    '',
  ].join('\n');
}

/** A key and a self-signed certificate for 127.0.0.1, valid a day: slapd presents it, the client trusts it as its CA. */
async function selfSignedCertificate(dir: string): Promise<{ cert: string; key: string }> {
  const cert = path.join(dir, 'slapd.crt');
  const key = path.join(dir, 'slapd.key');
  await execFileP('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert]);
  return { cert, key };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => { socket.destroy(); resolve(true); });
    socket.on('error', () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
