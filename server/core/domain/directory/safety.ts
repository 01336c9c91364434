// The safety stop: a run that would disable more than a share of the mailboxes the directory manages is refused
// as a whole, nothing applied. An empty or partial directory answer (a wrong filter, a replica mid-resync, a size
// limit) looks exactly like "everybody left"; that must never disable the organisation.

export interface SafetyVerdict {
  tripped: boolean;
  /** Mailboxes the run would disable, and the active ones of this source they are a share of. */
  gone: number;
  managed: number;
  /** gone / managed, in percent (0 when nothing is managed). */
  percent: number;
  limitPercent: number;
}

/** `managed`: this source's mailboxes not disabled yet. A first sync (nothing managed) never trips. */
export function safetyStop(gone: number, managed: number, limitPercent: number): SafetyVerdict {
  const percent = managed === 0 ? 0 : (gone / managed) * 100;
  return { tripped: gone > 0 && percent > limitPercent, gone, managed, percent: Math.round(percent * 100) / 100, limitPercent };
}
