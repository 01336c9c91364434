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
