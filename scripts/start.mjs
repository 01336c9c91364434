// `npm start` on a fresh clone: plain Node (no dependencies yet), so it can install them first.
// Then hands over to scripts/demo/up.ts, which brings the whole system up.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

function step(cmd, args) {
  console.log(`[start] ${cmd} ${args.join(' ')}`);
  const res = spawnSync(cmd, args, { stdio: 'inherit' });
  if (res.status !== 0) {
    console.error(`[start] ${cmd} ${args.join(' ')} failed (exit ${res.status})`);
    process.exit(res.status ?? 1);
  }
}

const installed = existsSync('node_modules/.package-lock.json');
if (!installed || statSync('package-lock.json').mtimeMs > statSync('node_modules/.package-lock.json').mtimeMs) {
  step('npm', ['ci', '--no-audit', '--no-fund']);
}
if (!existsSync('server/generated/prisma/client.ts')) step('npx', ['prisma', 'generate']);

// Node itself with tsx's loader (not npx): signals we forward reach the real process.
const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo/up.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
