// Debian packages `npm start` and `npm test` need besides Node, PostgreSQL and Redis. On a fresh machine they are
// installed here, once, when we may (root, apt-get present); otherwise we stop with one line naming the command.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface PackageNeed {
  packages: string[];
  /** Why, in a few words: shown when installing, so nobody wonders what just changed on their machine. */
  why: string;
}

/** The demo's and the tests' Dovecot: IMAP, POP3 and the SQL userdb. Installing it also creates the `dovecot` group the config needs. */
export const DOVECOT: PackageNeed = { packages: ['dovecot-imapd', 'dovecot-pop3d', 'dovecot-pgsql'], why: 'the demo and the tests run a real Dovecot: IMAP, POP3, SQL userdb' };
export const CHROMIUM: PackageNeed = { packages: ['chromium'], why: 'the console end-to-end tests drive Chromium' };
export const SYSTEMD_ANALYZE: PackageNeed = { packages: ['systemd'], why: 'a test checks the shipped systemd units with systemd-analyze verify (no running systemd needed)' };
/** OpenLDAP's server and tools: directory-sync tests and benchmarks run a private slapd (test/harness/slapd.ts). */
export const LDAP: PackageNeed = { packages: ['slapd', 'ldap-utils'], why: 'directory-sync tests run a private OpenLDAP slapd' };
export const POSTFIX: PackageNeed = { packages: ['postfix'], why: 'a test sends mail through a real Postfix to the policy service' };

export type Installed = (pkg: string) => boolean;

/** dpkg's own answer: "install ok installed" (a removed package keeps a "deinstall ok config-files" record). */
export const dpkgInstalled: Installed = (pkg) => {
  const res = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return res.status === 0 && res.stdout.trim() === 'install ok installed';
};

export function missingPackages(needs: PackageNeed[], installed: Installed = dpkgInstalled): PackageNeed[] {
  return needs
    .map((n) => ({ ...n, packages: n.packages.filter((p) => !installed(p)) }))
    .filter((n) => n.packages.length > 0);
}

export type InstallPlan =
  | { action: 'none' }
  | { action: 'install'; command: string[]; run: string[]; message: string }
  | { action: 'stop'; message: string };

/** What to do about what is missing: install it ourselves (root with apt-get), or say exactly what to run. */
export function installPlan(missing: PackageNeed[], host: { root: boolean; aptGet: boolean }): InstallPlan {
  if (missing.length === 0) return { action: 'none' };
  const packages = [...new Set(missing.flatMap((n) => n.packages))];
  const command = ['apt-get', 'install', '-y', ...packages];
  // Wait for another apt-get/dpkg (a parallel test run installing the same thing) instead of failing at once.
  const run = ['apt-get', '-o', 'DPkg::Lock::Timeout=300', 'install', '-y', ...packages];
  const why = missing.length === 1 ? missing[0].why : missing.map((n) => `${n.packages.join(' ')}: ${n.why}`).join('; ');
  if (host.root && host.aptGet) return { action: 'install', command, run, message: `installing ${packages.join(' ')} with apt-get (${why})` };
  const how = host.aptGet ? `as root run: ${command.join(' ')}` : `install the Debian packages ${packages.join(' ')} (or your system's equivalent)`;
  return { action: 'stop', message: `missing ${packages.join(' ')} (${why}); ${how}` };
}

export class MissingPackagesError extends Error {}

/**
 * Installs what `needs` lacks, printing one line first; throws MissingPackagesError with the one-line instruction
 * when it cannot. `log` is where that line goes (console.log by default).
 */
export function ensurePackages(needs: PackageNeed[], log: (line: string) => void = console.log): void {
  const plan = installPlan(missingPackages(needs), { root: process.getuid?.() === 0, aptGet: existsSync('/usr/bin/apt-get') });
  if (plan.action === 'none') return;
  if (plan.action === 'stop') throw new MissingPackagesError(plan.message);
  log(plan.message);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => spawnSync(plan.run[0], plan.run.slice(1), { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  let res = install();
  if (res.status !== 0) {
    // A fresh machine often has no package lists yet (or stale ones): fetch them once and try again.
    execFileSync('apt-get', ['-o', 'DPkg::Lock::Timeout=300', 'update', '-qq'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    res = install();
  }
  if (res.status !== 0) throw new MissingPackagesError(`${plan.command.join(' ')} failed (exit ${res.status}): ${res.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  const still = missingPackages(needs);
  if (still.length) throw new MissingPackagesError(`${still.flatMap((n) => n.packages).join(' ')} still not installed after ${plan.command.join(' ')}`);
}
