// The effective storage limit of a mailbox and why: override or plan, plus active temporary increases.
// Pure; the repository stores the result (mailboxes.effective_limit_bytes) for Dovecot and list sorting.
export interface LimitInputs {
  planName: string | null;
  planLimitBytes: number | null;
  overrideBytes: number | null;
  increases: { id: number; extraBytes: number; expiresAt: Date; endedAt?: Date | null; reason: string }[];
}

export interface LimitExplanation {
  effectiveLimitBytes: number | null;
  baseBytes: number | null;
  baseSource: 'override' | 'plan' | 'none';
  parts: { kind: 'plan' | 'override' | 'temporary-increase'; bytes: number; label: string; expiresAt?: string }[];
}

export function explainLimit(input: LimitInputs, now: Date = new Date()): LimitExplanation {
  const parts: LimitExplanation['parts'] = [];
  let baseBytes: number | null = null;
  let baseSource: LimitExplanation['baseSource'] = 'none';
  if (input.overrideBytes !== null) {
    baseBytes = input.overrideBytes;
    baseSource = 'override';
    parts.push({ kind: 'override', bytes: input.overrideBytes, label: 'Per-mailbox override' });
  } else if (input.planLimitBytes !== null) {
    baseBytes = input.planLimitBytes;
    baseSource = 'plan';
    parts.push({ kind: 'plan', bytes: input.planLimitBytes, label: `Plan ${input.planName ?? ''}`.trim() });
  }
  // No base limit means unlimited: a temporary increase on top of "unlimited" changes nothing.
  if (baseBytes === null) return { effectiveLimitBytes: null, baseBytes, baseSource, parts };
  let total = baseBytes;
  for (const inc of input.increases) {
    if (inc.endedAt || inc.expiresAt <= now) continue;
    total += inc.extraBytes;
    parts.push({ kind: 'temporary-increase', bytes: inc.extraBytes, label: inc.reason, expiresAt: inc.expiresAt.toISOString() });
  }
  return { effectiveLimitBytes: total, baseBytes, baseSource, parts };
}
