/** Binary byte units, as mail servers and quotas count them. */
export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;
export const TiB = 1024 * GiB;

export const BYTE_UNITS = { KiB, MiB, GiB, TiB } as const;
export type ByteUnit = keyof typeof BYTE_UNITS;

const DISPLAY_UNITS: [ByteUnit, number][] = [
  ['TiB', TiB],
  ['GiB', GiB],
  ['MiB', MiB],
  ['KiB', KiB],
];

/** At most one decimal, none when it is .0 or the number is large: "1.2 GiB", "2 GiB", "512 MiB". */
function amount(value: number): string {
  return value.toFixed(Math.abs(value) >= 100 ? 0 : 1).replace(/\.0$/, '');
}

/** "1.2 GiB"; "—" when unknown. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  const size = Math.abs(bytes);
  for (const [unit, unitBytes] of DISPLAY_UNITS) {
    if (size >= unitBytes) return `${amount(bytes / unitBytes)} ${unit}`;
  }
  return `${bytes} B`;
}

/** The largest of `units` in which `bytes` reads as a short, exact number (2 GiB rather than 2048 MiB). */
export function pickUnit(bytes: number | null, units: readonly ByteUnit[]): ByteUnit {
  const descending = [...units].sort((a, b) => BYTE_UNITS[b] - BYTE_UNITS[a]);
  const smallest = descending[descending.length - 1];
  if (bytes === null || !Number.isFinite(bytes) || bytes === 0) return units.includes('GiB') ? 'GiB' : smallest;
  const exact = descending.find((unit) => {
    const milli = (bytes / BYTE_UNITS[unit]) * 1000;
    return milli >= 1000 && Math.abs(milli - Math.round(milli)) < 1e-6;
  });
  return exact ?? smallest;
}

/** The number shown in a bytes input for `bytes` in `unit` (at most 3 decimals). */
export function toAmountText(bytes: number | null, unit: ByteUnit): string {
  if (bytes === null || !Number.isFinite(bytes)) return '';
  return String(Math.round((bytes / BYTE_UNITS[unit]) * 1000) / 1000);
}

/** Bytes for a typed amount: null when empty, NaN when it is not a number. */
export function parseAmountText(text: string, unit: ByteUnit): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? Math.round(value * BYTE_UNITS[unit]) : Number.NaN;
}

/** Round axis ticks from 0 to at least `max` bytes (0, 5 GiB, 10 GiB, 15 GiB), about `count` steps. */
export function byteTicks(max: number, count = 4): number[] {
  if (!Number.isFinite(max) || max <= 0) return [0, GiB];
  const unit = max >= GiB ? GiB : max >= MiB ? MiB : KiB;
  const raw = max / unit / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude) * unit;
  const steps = Math.ceil(max / step - 1e-9);
  return Array.from({ length: steps + 1 }, (_, i) => i * step);
}

const EXACT_UNITS: [string, number][] = [['PiB', 1024 * TiB], ...DISPLAY_UNITS, ['B', 1]];

/**
 * A limit as set, without rounding: "20 GiB", "20 GiB + 50 MiB"; past two parts the rounded figure and the exact
 * byte count ("1.2 GiB (1,288,490,189 bytes)"). "—" when unknown.
 */
export function formatBytesExact(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  if (bytes === 0) return '0 B';
  const parts: string[] = [];
  let rest = Math.abs(bytes);
  for (const [unit, unitBytes] of EXACT_UNITS) {
    const n = Math.floor(rest / unitBytes);
    if (n > 0) parts.push(`${n.toLocaleString('en')} ${unit}`);
    rest -= n * unitBytes;
  }
  const sign = bytes < 0 ? '−' : '';
  if (parts.length <= 2) return sign + parts.join(' + ');
  return `${sign}${formatBytes(Math.abs(bytes))} (${Math.abs(bytes).toLocaleString('en')} bytes)`;
}
