// A daemon's start kills a master a dead run left holding its ports, found by its pid file. The pid in a stale
// file may since belong to someone else (another run's Dovecot or Cyrus): only a process started for this very
// instance may be killed. Real processes, no mocks.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { leftoverMaster } from '../../scripts/lib/daemon.ts';

let dir: string;
const children: ChildProcess[] = [];
beforeEach(async () => { dir = await mkdtemp(path.join(tmpdir(), 'mw-leftover-')); });
afterEach(async () => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

/** A long-running process with `args` on its command line and `cwd` as its working directory. */
function sleeper(args: string[], cwd = dir): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600_000)', '--', ...args], { cwd, stdio: 'ignore' });
  children.push(child);
  return child;
}

describe('leftoverMaster', () => {
  it('names the pid of a process started with this instance\'s config path', async () => {
    const conf = path.join(dir, 'dovecot.conf');
    const mine = sleeper(['-c', conf]);
    await writeFile(path.join(dir, 'master.pid'), `${mine.pid}\n`);
    await new Promise((r) => setTimeout(r, 100)); // exec'd
    expect(await leftoverMaster(path.join(dir, 'master.pid'), { argument: conf })).toBe(mine.pid);
  });

  it('leaves alone a reused pid whose process runs another instance\'s config', async () => {
    const theirs = sleeper(['-c', path.join(dir, 'other', 'dovecot.conf')]);
    await writeFile(path.join(dir, 'master.pid'), `${theirs.pid}\n`);
    await new Promise((r) => setTimeout(r, 100));
    expect(await leftoverMaster(path.join(dir, 'master.pid'), { argument: path.join(dir, 'dovecot.conf') })).toBeNull();
  });

  it('finds a Postfix-style master by its working directory, and only there', async () => {
    const queue = path.join(dir, 'queue');
    await mkdir(queue);
    const inQueue = sleeper([], queue);
    const elsewhere = sleeper([], dir);
    await new Promise((r) => setTimeout(r, 100)); // the child has chdir'd and exec'd
    await writeFile(path.join(dir, 'a.pid'), `${inQueue.pid}\n`);
    await writeFile(path.join(dir, 'b.pid'), `${elsewhere.pid}\n`);
    expect(await leftoverMaster(path.join(dir, 'a.pid'), { cwd: queue })).toBe(inQueue.pid);
    expect(await leftoverMaster(path.join(dir, 'b.pid'), { cwd: queue })).toBeNull();
  });

  it('answers null for a missing pid file and for a pid that is gone', async () => {
    expect(await leftoverMaster(path.join(dir, 'none.pid'), { cwd: dir })).toBeNull();
    const gone = spawn('true');
    await new Promise((r) => gone.once('exit', r));
    await writeFile(path.join(dir, 'gone.pid'), `${gone.pid}\n`);
    expect(await leftoverMaster(path.join(dir, 'gone.pid'), { cwd: dir })).toBeNull();
  });
});
