// Pure: how the console words limits and audit changes (admin-ui/src/common/bytes.ts, audit/auditSummary.ts).
import { describe, expect, it } from 'vitest';
import { formatBytesExact, GiB, MiB } from '../../admin-ui/src/common/bytes.ts';
import { auditReason, auditSummary, fieldLabel } from '../../admin-ui/src/audit/auditSummary.ts';

describe('formatBytesExact', () => {
  it('shows a limit as set: 20 GiB + 50 MiB is not rounded to 20 GiB', () => {
    expect(formatBytesExact(20 * GiB)).toBe('20 GiB');
    expect(formatBytesExact(20 * GiB + 50 * MiB)).toBe('20 GiB + 50 MiB');
    expect(formatBytesExact(0)).toBe('0 B');
    expect(formatBytesExact(null)).toBe('—');
  });

  it('falls back to the rounded figure and the byte count past two parts', () => {
    expect(formatBytesExact(GiB + MiB + 1)).toBe('1 GiB (1,074,790,401 bytes)');
  });
});

describe('auditSummary', () => {
  it('words byte fields with units and leaves the reason to its own column', () => {
    expect(auditSummary({ limitOverrideBytes: 62914560, status: 'active' }, { limitOverrideBytes: 73400320, status: 'active', reason: 'INC-1' }))
      .toBe('limit override: 60 MiB → 70 MiB');
    expect(auditReason({ reason: 'INC-1' })).toBe('INC-1');
    expect(auditReason({ reason: '  ' })).toBe(null);
  });

  it('says what a creation set, what a deletion removed, and how many more changed', () => {
    expect(auditSummary(null, { name: 'Staff' })).toBe('name Staff');
    expect(auditSummary({ name: 'Staff' }, null)).toBe('name was Staff');
    expect(auditSummary({}, { a: 1, b: 2, c: 3, d: 4, e: 5 })).toBe('a 1; b 2; c 3; and 2 more');
    expect(auditSummary({ a: 1 }, { a: 1 })).toBe('');
    expect(fieldLabel('planId')).toBe('plan');
  });
});
