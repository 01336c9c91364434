// Output shared by the benchmarks: the side-by-side table (figure | Mailwarden | doveadm | ratio)
// and bench/results/<name>.json.
import { mkdir, writeFile } from 'node:fs/promises';

export interface Row { figure: string; mailwarden: number; doveadm: number }

/** ratio = Mailwarden ÷ doveadm (for a time, above 1 means Mailwarden is slower). */
export function printTable(rows: Row[]): void {
  const table: Record<string, { Mailwarden: number; doveadm: number; ratio: number | string }> = {};
  for (const r of rows) table[r.figure] = { Mailwarden: r.mailwarden, doveadm: r.doveadm, ratio: r.doveadm ? +(r.mailwarden / r.doveadm).toFixed(2) : '–' };
  console.table(table);
}

export async function writeResult(name: string, result: unknown): Promise<void> {
  await mkdir('bench/results', { recursive: true });
  await writeFile(`bench/results/${name}.json`, JSON.stringify(result, null, 2) + '\n');
  console.log(`wrote bench/results/${name}.json`);
}

export const seconds = (ms: number) => +(ms / 1000).toFixed(2);
export const perSecond = (n: number, ms: number) => Math.round(n / (ms / 1000));

/** CPU rows: the tool's own process(es), Dovecot (imap/auth), PostgreSQL backends, total and per 1,000 messages. */
export function cpuRows(mwTool: number, dvTool: number, mw: { dovecot: number; postgres: number }, dv: { dovecot: number; postgres: number }, messages: number): Row[] {
  const mwTotal = mwTool + mw.dovecot + mw.postgres;
  const dvTotal = dvTool + dv.dovecot + dv.postgres;
  return [
    { figure: 'CPU s: Mailwarden workers / doveadm', mailwarden: seconds(mwTool), doveadm: seconds(dvTool) },
    { figure: 'CPU s: Dovecot (imap, auth)', mailwarden: seconds(mw.dovecot), doveadm: seconds(dv.dovecot) },
    { figure: 'CPU s: PostgreSQL', mailwarden: seconds(mw.postgres), doveadm: seconds(dv.postgres) },
    { figure: 'CPU ms per 1,000 expired (all)', mailwarden: Math.round((mwTotal / messages) * 1000), doveadm: Math.round((dvTotal / messages) * 1000) },
  ];
}

/** Progress lines with the time since the benchmark started, so a slow phase shows where the minutes went. */
export function progress(startedAt = performance.now()): (message: string) => void {
  return (message) => console.log(`[${((performance.now() - startedAt) / 1000).toFixed(1).padStart(6)} s] ${message}`);
}

/**
 * One row of the targets table `npm run bench` prints at the end (#17: "Mailwarden, the anchor, the ratio and the
 * target"). Each benchmark puts its rows under `targets` in its result file; bench/lib/summary.ts collects them.
 */
export interface TargetRow {
  benchmark: string;
  figure: string;
  mailwarden: number;
  /** The anchor's figure, or null where there is no anchor to run (the API, export memory): the target is the anchor. */
  anchor: number | null;
  anchorName: string;
  unit: string;
  /** A ratio (Mailwarden ÷ anchor) or an absolute bound. */
  target: { ratioAtMost?: number; ratioAtLeast?: number; atMost?: number; below?: number; atLeast?: number };
}

export function targetMet(row: TargetRow): boolean {
  const { target: t, mailwarden: mw } = row;
  const ratio = row.anchor ? mw / row.anchor : null;
  if (t.ratioAtMost !== undefined && (ratio === null || ratio > t.ratioAtMost)) return false;
  if (t.ratioAtLeast !== undefined && (ratio === null || ratio < t.ratioAtLeast)) return false;
  if (t.atMost !== undefined && mw > t.atMost) return false;
  if (t.below !== undefined && mw >= t.below) return false;
  if (t.atLeast !== undefined && mw < t.atLeast) return false;
  return true;
}

export function describeTarget(t: TargetRow['target'], unit: string): string {
  const parts: string[] = [];
  if (t.ratioAtMost !== undefined) parts.push(`≤ ${t.ratioAtMost}×`);
  if (t.ratioAtLeast !== undefined) parts.push(`≥ ${t.ratioAtLeast}×`);
  if (t.atMost !== undefined) parts.push(`≤ ${t.atMost} ${unit}`);
  if (t.below !== undefined) parts.push(`< ${t.below} ${unit}`);
  if (t.atLeast !== undefined) parts.push(`≥ ${t.atLeast} ${unit}`);
  return parts.join(', ');
}

/** Prints a benchmark's own target rows (the same table the summary prints for all of them). */
export function printTargets(rows: TargetRow[]): void {
  console.table(Object.fromEntries(rows.map((r) => [r.figure, targetCells(r)])));
}

export function targetCells(r: TargetRow): Record<string, string | number> {
  const ratio = r.anchor ? +(r.mailwarden / r.anchor).toFixed(2) : '–';
  return {
    Mailwarden: `${r.mailwarden} ${r.unit}`,
    anchor: r.anchor === null ? r.anchorName : `${r.anchorName}: ${r.anchor} ${r.unit}`,
    ratio,
    target: describeTarget(r.target, r.unit),
    '': targetMet(r) ? 'met' : 'MISSED',
  };
}
