// `npm run build`: the production build. Plain Node (no dependencies beyond the dev tools it calls).
//   1. the console (vite; writes .br/.gz copies, admin-ui/vite.config.ts) into admin-ui/dist,
//   2. the API, worker, policy service and CLIs (tsc -p tsconfig.build.json) into dist/,
//   3. the non-TypeScript files the server reads at run time (server/views/*.css) next to the compiled code.
// The compiled API serves the console from admin-ui/dist (server/plugins/external/console.ts looks there).
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

function step(label, cmd, args) {
  const started = Date.now();
  const res = spawnSync(cmd, args, { stdio: 'inherit' });
  if (res.status !== 0) {
    console.error(`[build] ${label} failed (exit ${res.status})`);
    process.exit(res.status ?? 1);
  }
  console.log(`[build] ${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

rmSync('dist', { recursive: true, force: true }); // no compiled file of a since-deleted source survives
step('prisma client', 'npx', ['prisma', 'generate']);
step('console', 'npx', ['vite', 'build', '--config', 'admin-ui/vite.config.ts', '--logLevel', 'warn']);
step('server, worker, policy service, CLIs', 'npx', ['tsc', '-p', 'tsconfig.build.json']);
for (const dir of ['server/views']) {
  for (const file of readdirSync(dir).filter((f) => !f.endsWith('.ts') && !f.endsWith('.md'))) {
    cpSync(path.join(dir, file), path.join('dist', dir, file));
  }
}
console.log('[build] done: node dist/server/server.js (API), dist/jobs/index.js (worker), dist/server/policy/index.js (policy service), dist/server/export/index.js (export service)');
