// The systemd units shipped in deploy/systemd (docs/deployment.md) pass `systemd-analyze verify` (offline: no running
// systemd needed), and start the compiled entrypoints the production npm scripts name.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SYSTEMD_ANALYZE, ensurePackages } from '../../scripts/lib/system-packages.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const UNITS = path.join(ROOT, 'deploy/systemd');
const dir = mkdtempSync(path.join(tmpdir(), 'mw-units-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const unit = (name: string) => readFileSync(path.join(UNITS, name), 'utf8');

describe('systemd units', () => {
  it('ships one for the API, the worker (a template: several per host), the policy service and the export service', () => {
    expect(readdirSync(UNITS).sort()).toEqual(['mailwarden-api.service', 'mailwarden-exporter.service', 'mailwarden-policyd.service', 'mailwarden-worker@.service']);
  });

  it('pass systemd-analyze verify, the worker template as an instance', () => {
    ensurePackages([SYSTEMD_ANALYZE]);
    for (const name of readdirSync(UNITS)) copyFileSync(path.join(UNITS, name), path.join(dir, name));
    symlinkSync('mailwarden-worker@.service', path.join(dir, 'mailwarden-worker@1.service'));
    const files = ['mailwarden-api.service', 'mailwarden-exporter.service', 'mailwarden-policyd.service', 'mailwarden-worker@1.service'].map((n) => path.join(dir, n));
    const res = spawnSync('systemd-analyze', ['verify', ...files], { encoding: 'utf8' });
    expect(res.stderr + res.stdout).toBe('');
    expect(res.status).toBe(0);
  });

  it('verify is a real check: a unit with a bad value or a missing program fails it', () => {
    const bad = unit('mailwarden-api.service').replace('RestartSec=5', 'RestartSec=soon').replace('/usr/bin/node', '/usr/bin/no-such-node');
    const file = path.join(dir, 'broken.service');
    writeFileSync(file, bad);
    const res = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });
    expect(res.status).not.toBe(0);
    expect(res.stderr).toMatch(/no-such-node/);
  });

  it('run the same compiled files as npm run start:api / start:worker / start:policyd / start:exporter, stop without restart loops on exit 78', () => {
    const scripts = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
    for (const [file, script] of [['mailwarden-api.service', 'start:api'], ['mailwarden-worker@.service', 'start:worker'], ['mailwarden-policyd.service', 'start:policyd'], ['mailwarden-exporter.service', 'start:exporter']]) {
      const exec = /^ExecStart=\/usr\/bin\/(node .+)$/m.exec(unit(file))![1];
      // Settings the start script puts before `node` (KEY=value) are the unit's Environment= lines.
      const [, prefix, command] = /^((?:\w+=\S+ )*)(.*)$/.exec(scripts[script])!;
      expect(command, file).toBe(exec);
      for (const setting of prefix.trim().split(' ').filter(Boolean)) expect(unit(file), file).toContain(`\nEnvironment=${setting}\n`);
      expect(unit(file), file).toMatch(/^RestartPreventExitStatus=78$/m);
      expect(unit(file), file).toMatch(/^EnvironmentFile=\/etc\/mailwarden\/mailwarden\.env$/m);
    }
  });
});
