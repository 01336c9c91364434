// Pure: the console's wording of the API's 400s (admin-ui/src/common/readableError.ts); nothing external.
import { describe, expect, it } from 'vitest';
import { readableError } from '../../admin-ui/src/common/readableError.ts';

describe('readableError', () => {
  it('words a byte bound in units, under the form\'s label, with no schema path', () => {
    expect(readableError('body.limitOverrideBytes must be <= 1125899906842624')).toBe('Override limit must be at most 1 PiB');
    expect(readableError('body.storageLimitBytes must be >= 1024')).toBe('Storage limit must be at least 1 KiB');
  });

  it('words other bounds, lengths, formats and list items', () => {
    expect(readableError('body.warnThresholds.1 must be <= 100')).toBe('Warning thresholds (value 2) must be at most 100');
    expect(readableError('body.reason must NOT have fewer than 3 characters')).toBe('Reason must be at least 3 characters long');
    expect(readableError('body.email must match format "email"')).toBe('Email must be an email address');
    expect(readableError('body.rules.0.maxAgeDays must be >= 1')).toBe('Rule 1 (Max age) must be at least 1');
    expect(readableError('body.pattern is not a valid cron pattern: bad minute')).toBe('Cron pattern is not a valid cron pattern: bad minute');
  });

  it('rewords paths inside a message and leaves messages without one alone', () => {
    expect(readableError('filter.to must not be before filter.from')).toBe('To must not be before from');
    expect(readableError('Mailbox 7 not found')).toBe('Mailbox 7 not found');
  });
});
