/** Percent warned at when a mailbox's plan gives no thresholds. */
export const DEFAULT_WARN_PERCENT = 80;

export interface UsageNumbers {
  usedBytes: number | null | undefined;
  limitBytes: number | null | undefined;
  /** The server's percent (0–100+), used when the bytes alone cannot give it. */
  percent?: number | null;
}

/** Percent of the limit in use, from the bytes when both are known; null when unknown or unlimited. */
export function usagePercent({ usedBytes, limitBytes, percent }: UsageNumbers): number | null {
  if (typeof usedBytes === 'number' && typeof limitBytes === 'number' && limitBytes > 0) {
    return (usedBytes / limitBytes) * 100;
  }
  return typeof percent === 'number' && Number.isFinite(percent) ? percent : null;
}

export type UsageLevel = 'ok' | 'warning' | 'over';

export function usageLevel(percent: number | null, warnAt = DEFAULT_WARN_PERCENT): UsageLevel {
  if (percent === null) return 'ok';
  if (percent >= 100) return 'over';
  return percent >= warnAt ? 'warning' : 'ok';
}

/** Whole percent for display, rounded down below 100 so "100%" always means full. */
export function displayPercent(percent: number): string {
  return `${percent < 100 ? Math.floor(percent) : Math.round(percent)}%`;
}
