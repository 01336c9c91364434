// Pure: the effective-limit rule, nothing external.
import { describe, expect, it } from 'vitest';
import { explainLimit } from '../../server/core/domain/effective-limit.ts';

const now = new Date('2026-06-01T12:00:00Z');
const later = new Date('2026-06-08T12:00:00Z');
const earlier = new Date('2026-05-30T12:00:00Z');

describe('explainLimit', () => {
  it('uses the plan when there is no override', () => {
    expect(explainLimit({ planName: 'Student', planLimitBytes: 2000, overrideBytes: null, increases: [] }, now))
      .toMatchObject({ effectiveLimitBytes: 2000, baseSource: 'plan', parts: [{ kind: 'plan', bytes: 2000, label: 'Plan Student' }] });
  });

  it('lets an override replace the plan and adds active increases only', () => {
    const result = explainLimit({
      planName: 'Student', planLimitBytes: 2000, overrideBytes: 5000,
      increases: [
        { id: 1, extraBytes: 100, expiresAt: later, reason: 'exam' },
        { id: 2, extraBytes: 999, expiresAt: earlier, reason: 'expired' },
        { id: 3, extraBytes: 50, expiresAt: later, endedAt: earlier, reason: 'ended early' },
      ],
    }, now);
    expect(result.effectiveLimitBytes).toBe(5100);
    expect(result.baseSource).toBe('override');
    expect(result.parts.map((p) => p.kind)).toEqual(['override', 'temporary-increase']);
  });

  it('is unlimited (null) without plan or override, whatever the increases', () => {
    expect(explainLimit({ planName: null, planLimitBytes: null, overrideBytes: null, increases: [{ id: 1, extraBytes: 5, expiresAt: later, reason: 'x' }] }, now).effectiveLimitBytes).toBeNull();
  });
});
