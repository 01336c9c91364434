// `npm run bench` runs every benchmark and ends with one table of every target (bench/lib/summary.ts);
// `npm run bench -- scan` (or policy, …) runs one. Each prints its side-by-side table with the anchor and writes
// bench/results/<name>.json.
import { spawnSync } from 'node:child_process';
import { printSummary } from './lib/summary.ts';

interface Benchmark { file: string; /** Runs made when no options are given: #17 measures expiry at two sizes. */ variants?: string[][] }

// Order: the cheap ones first, so a failing environment shows early.
const BENCHMARKS: Record<string, Benchmark> = {
  policy: { file: 'bench/policy.ts' },
  scan: { file: 'bench/scan.ts' },
  live: { file: 'bench/live-usage.ts' },
  api: { file: 'bench/api.ts' },
  expiry: { file: 'bench/expiry.ts', variants: [['--mailboxes', '50'], ['--mailboxes', '200']] },
  huge: { file: 'bench/huge-mailbox.ts' },
  scaleout: { file: 'bench/scale-out.ts' },
  directory: { file: 'bench/directory-sync.ts' },
  // As deployed (plain node on the tsc build): what the 200 MB target of #20 is about; tsx adds 60-100 MB per process.
  export: { file: 'bench/export.ts', variants: [['--compiled']] },
};
const [name, ...rest] = process.argv.slice(2);
const selected = name && !name.startsWith('-') ? [name] : Object.keys(BENCHMARKS);
const passThrough = name && !name.startsWith('-') ? rest : process.argv.slice(2);
const startedAt = Date.now();
let failed = 0;
for (const bench of selected) {
  if (!BENCHMARKS[bench]) {
    console.error(`unknown benchmark ${bench}; known: ${Object.keys(BENCHMARKS).join(', ')}`);
    process.exit(2);
  }
  const { file, variants } = BENCHMARKS[bench];
  // Options given on the command line replace the variants: one run with exactly what was asked for.
  for (const args of passThrough.length || !variants ? [passThrough] : variants) {
    console.log(`\n=== ${bench}${args.length ? ` ${args.join(' ')}` : ''}`);
    const res = spawnSync(process.execPath, ['--import', 'tsx', file, ...args], { stdio: 'inherit' });
    if (res.status !== 0) failed++;
  }
}
await printSummary(startedAt);
process.exit(failed ? 1 : 0);
