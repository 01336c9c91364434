// What `npm start` and `npm test` do about missing Debian packages: asks the real dpkg what is installed; the
// decision (install ourselves, or one line naming the command) is checked for each kind of host.
import { describe, expect, it } from 'vitest';
import { DOVECOT, CHROMIUM, dpkgInstalled, ensurePackages, installPlan, missingPackages, type PackageNeed } from '../../scripts/lib/system-packages.ts';

const NOT_A_PACKAGE: PackageNeed = { packages: ['mailwarden-surely-no-such-package'], why: 'a test' };

describe('missing Debian packages', () => {
  it('asks dpkg: the Dovecot the test run uses is installed, a made-up package is not', () => {
    expect(dpkgInstalled('dovecot-imapd')).toBe(true);
    expect(dpkgInstalled('mailwarden-surely-no-such-package')).toBe(false);
    expect(missingPackages([DOVECOT, NOT_A_PACKAGE])).toEqual([NOT_A_PACKAGE]);
  });

  it('keeps only the missing packages of each need', () => {
    const installed = (p: string) => p !== 'dovecot-pgsql';
    expect(missingPackages([DOVECOT, CHROMIUM], installed)).toEqual([{ ...DOVECOT, packages: ['dovecot-pgsql'] }]);
  });

  it('as root with apt-get: installs everything missing in one apt-get call, saying what and why', () => {
    const plan = installPlan([DOVECOT, CHROMIUM], { root: true, aptGet: true });
    expect(plan).toEqual({
      action: 'install',
      command: ['apt-get', 'install', '-y', 'dovecot-imapd', 'dovecot-pop3d', 'dovecot-pgsql', 'chromium'],
      run: ['apt-get', '-o', 'DPkg::Lock::Timeout=300', 'install', '-y', 'dovecot-imapd', 'dovecot-pop3d', 'dovecot-pgsql', 'chromium'],
      message: expect.stringMatching(/^installing dovecot-imapd dovecot-pop3d dovecot-pgsql chromium with apt-get \(dovecot-imapd dovecot-pop3d dovecot-pgsql: .*real Dovecot.*; chromium: .*Chromium\)$/),
    });
  });

  it('one need: the line says what and why, once', () => {
    const plan = installPlan([DOVECOT], { root: true, aptGet: true });
    expect(plan.action === 'install' && plan.message).toBe('installing dovecot-imapd dovecot-pop3d dovecot-pgsql with apt-get (the demo and the tests run a real Dovecot: IMAP, POP3, SQL userdb)');
  });

  it('not root: stops with one line naming the exact command', () => {
    const plan = installPlan([DOVECOT], { root: false, aptGet: true });
    expect(plan.action).toBe('stop');
    expect(plan.action === 'stop' && plan.message).toMatch(/as root run: apt-get install -y dovecot-imapd dovecot-pop3d dovecot-pgsql$/);
    expect(plan.action === 'stop' && plan.message).not.toContain('\n');
  });

  it('no apt-get: names the packages to install', () => {
    const plan = installPlan([DOVECOT], { root: true, aptGet: false });
    expect(plan.action === 'stop' && plan.message).toMatch(/install the Debian packages dovecot-imapd dovecot-pop3d dovecot-pgsql/);
  });

  it('nothing missing: does nothing and says nothing', () => {
    expect(installPlan([], { root: false, aptGet: false })).toEqual({ action: 'none' });
    const lines: string[] = [];
    ensurePackages([DOVECOT], (l) => lines.push(l));
    expect(lines).toEqual([]);
  });
});
