// `npm run bench` runs every benchmark; `npm run bench -- scan` (or policy) runs one. Each prints its
// side-by-side table with the anchor and writes bench/results/<name>.json.
import { spawnSync } from 'node:child_process';

// Order: the cheap ones first, so a failing environment shows early.
const BENCHMARKS: Record<string, string> = {
  policy: 'bench/policy.ts',
  scan: 'bench/scan.ts',
  api: 'bench/api.ts',
  expiry: 'bench/expiry.ts',
  huge: 'bench/huge-mailbox.ts',
  scaleout: 'bench/scale-out.ts',
  directory: 'bench/directory-sync.ts',
  export: 'bench/export.ts',
};
const [name, ...rest] = process.argv.slice(2);
const selected = name && !name.startsWith('-') ? [name] : Object.keys(BENCHMARKS);
const passThrough = name && !name.startsWith('-') ? rest : process.argv.slice(2);
let failed = 0;
for (const bench of selected) {
  if (!BENCHMARKS[bench]) {
    console.error(`unknown benchmark ${bench}; known: ${Object.keys(BENCHMARKS).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n=== ${bench}`);
  const res = spawnSync(process.execPath, ['--import', 'tsx', BENCHMARKS[bench], ...passThrough], { stdio: 'inherit' });
  if (res.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
