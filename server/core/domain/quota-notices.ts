// Rising-edge quota notices. Pure: given what was already sent (the state kept in mailboxes.notice_state)
// and the usage now, decide which notices are due and what the state becomes.
//
// Rules: a threshold fires once when usage reaches it, and re-arms only after usage falls below
// threshold - hysteresis; a jump across several thresholds sends only the highest one's notice (the lower
// ones count as fired). 100 % is the over-quota "threshold": it sends over_quota once, again only once per
// resend interval while the mailbox stays over, and back_under once usage falls below 100 - hysteresis.
//
// Dedupe keys name the crossing, not the moment of evaluation: `near:80:<armedAt>` where armedAt is when the
// threshold was (re-)armed, as stored in the state (0 for a fresh mailbox). Two evaluations that start from
// the same state therefore produce the same key, whatever their clocks say, and the unique index on
// (mailbox_id, dedupe_key) turns the second insert into a no-op.

export type QuotaNoticeKind = 'near_quota' | 'over_quota' | 'back_under';

export interface QuotaNotice {
  kind: QuotaNoticeKind;
  /** The warning percentage crossed; 100 for over_quota and back_under. */
  threshold: number;
  dedupeKey: string;
  /** over_quota only: usage is past the plan's grace too, so new mail is being refused. */
  refusingMail?: boolean;
}

export interface ThresholdState {
  /** Epoch ms since which the threshold is armed; 0 = armed since the mailbox was first evaluated. */
  armedAt: number;
  /** Epoch ms at which it fired; null while armed. */
  firedAt: number | null;
}

export interface NoticeState {
  v: 1;
  /** Warning thresholds below 100, keyed by percent. */
  thresholds: Record<string, ThresholdState>;
  /** The 100 % threshold; `slot` counts over-quota resends in the current episode. */
  over: ThresholdState & { slot: number };
}

export interface NoticeInput {
  /** mailboxes.notice_state as stored; null (or anything unreadable) = fresh. */
  previous: unknown;
  /** Usage in percent of the effective limit; null = unlimited or never measured. */
  percent: number | null;
  /** The plan's warning thresholds, 1..100. */
  thresholds: number[];
  gracePercent: number;
  now: Date;
  hysteresisPercent: number;
  /** 0 = send over_quota once per episode. */
  resendIntervalMs: number;
}

const armed = (armedAt: number): ThresholdState => ({ armedAt, firedAt: null });

export function parseNoticeState(value: unknown): NoticeState | null {
  const v = value as NoticeState | null;
  if (!v || typeof v !== 'object' || v.v !== 1 || typeof v.thresholds !== 'object' || typeof v.over !== 'object') return null;
  return v;
}

export function evaluateNotices(input: NoticeInput): { state: NoticeState; notices: QuotaNotice[] } {
  const previous = parseNoticeState(input.previous);
  const now = input.now.getTime();
  const { percent } = input;
  const h = input.hysteresisPercent;
  const near = [...new Set(input.thresholds)].filter((t) => t >= 1 && t < 100).sort((a, b) => a - b);

  const state: NoticeState = previous ? structuredClone(previous) : { v: 1, thresholds: {}, over: { ...armed(0), slot: 0 } };
  // Keep only the plan's current thresholds. One added to a plan while the mailbox is already above it
  // counts as fired: the user has been warned by the others, a retroactive notice would be noise.
  const thresholds: NoticeState['thresholds'] = {};
  for (const t of near) {
    const known = state.thresholds[t];
    thresholds[t] = known ?? (previous && percent !== null && percent >= t ? { armedAt: 0, firedAt: now } : armed(0));
  }
  state.thresholds = thresholds;

  // Unknown usage (unlimited, or never scanned) says nothing about crossings.
  if (percent === null) return { state, notices: [] };

  const notices: QuotaNotice[] = [];
  const crossed: number[] = [];
  for (const t of near) {
    const s = thresholds[t];
    if (s.firedAt !== null && percent < t - h) thresholds[t] = armed(now);
    else if (s.firedAt === null && percent >= t) crossed.push(t);
  }

  const over = state.over;
  let sentOver = false;
  if (over.firedAt === null) {
    if (percent >= 100) {
      state.over = { armedAt: over.armedAt, firedAt: now, slot: 0 };
      notices.push({ kind: 'over_quota', threshold: 100, dedupeKey: `over:${over.armedAt}:0`, refusingMail: percent >= 100 + input.gracePercent });
      sentOver = true;
    }
  } else if (percent < 100 - h) {
    notices.push({ kind: 'back_under', threshold: 100, dedupeKey: `back-under:${over.armedAt}` });
    state.over = { ...armed(now), slot: 0 };
  } else if (percent >= 100 && input.resendIntervalMs > 0) {
    // Slots count from the first over-quota notice of this episode, so the key is the same for every
    // evaluation inside one interval.
    const slot = Math.floor((now - over.firedAt) / input.resendIntervalMs);
    if (slot > over.slot) {
      state.over = { ...over, slot };
      notices.push({ kind: 'over_quota', threshold: 100, dedupeKey: `over:${over.armedAt}:${slot}`, refusingMail: percent >= 100 + input.gracePercent });
    }
  }

  for (const t of crossed) thresholds[t] = { ...thresholds[t], firedAt: now };
  // The highest crossing speaks for all of them; an over-quota notice speaks for every warning.
  const highest = crossed.at(-1);
  if (highest !== undefined && !sentOver && percent < 100) {
    notices.push({ kind: 'near_quota', threshold: highest, dedupeKey: `near:${highest}:${thresholds[highest].armedAt}` });
  }
  return { state, notices };
}
