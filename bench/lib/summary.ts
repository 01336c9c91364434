// The table `npm run bench` ends with: every benchmark's target rows from the result files this run wrote, so one
// run shows each figure with Mailwarden, the anchor, the ratio and the target side by side (#17).
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { targetCells, targetMet, type TargetRow } from './report.ts';

const RESULTS = 'bench/results';

export async function printSummary(sinceMs: number): Promise<void> {
  const names = (await readdir(RESULTS).catch(() => [] as string[])).filter((n) => n.endsWith('.json') && n !== 'summary.json').sort();
  const rows: TargetRow[] = [];
  for (const name of names) {
    const path = `${RESULTS}/${name}`;
    if ((await stat(path)).mtimeMs < sinceMs) continue; // an older run's file: not this run's figures
    const result = JSON.parse(await readFile(path, 'utf8')) as { targets?: unknown };
    if (Array.isArray(result.targets)) rows.push(...(result.targets as TargetRow[]));
  }
  if (!rows.length) return;
  console.log(`\n=== targets (${rows.length} rows from this run; load average now ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})`);
  console.table(Object.fromEntries(rows.map((r) => [`${r.benchmark}: ${r.figure}`, targetCells(r)])));
  const missed = rows.filter((r) => !targetMet(r));
  console.log(missed.length ? `${missed.length} of ${rows.length} targets MISSED (docs/benchmarks.md says what stands in the way)` : `all ${rows.length} targets met`);
  await writeFile(`${RESULTS}/summary.json`, JSON.stringify({ date: new Date().toISOString(), loadAverage: os.loadavg(), rows: rows.map((r) => ({ ...r, met: targetMet(r) })) }, null, 2) + '\n');
}
