// Pure rules behind the ops API: cron validation for job schedulers, /metrics access, visible job data. Nothing stubbed.
import { describe, expect, it } from 'vitest';
import { checkCron } from '../../server/domain/cron.ts';
import { metricsAccess } from '../../server/domain/metrics-access.ts';
import { visibleJobData } from '../../server/domain/job-data.ts';

describe('checkCron', () => {
  const now = new Date('2026-11-26T10:00:00Z');
  it('gives the next run times of a valid pattern', () => {
    expect(checkCron('30 2 * * *', 'body.pattern', now, 2, 'UTC').map((d) => d.toISOString())).toEqual(['2026-11-27T02:30:00.000Z', '2026-11-28T02:30:00.000Z']);
  });
  it('names the field for patterns that do not parse, have the wrong field count, never run or run every few seconds', () => {
    for (const bad of ['nonsense', '61 * * * *', '* * * *', '0 0 30 2 *', '*/10 * * * * *']) {
      expect(() => checkCron(bad, 'body.pattern', now), bad).toThrow(/^body\.pattern /);
    }
  });
});

describe('metricsAccess', () => {
  it('with a token, wants it as a bearer from anywhere', () => {
    expect(metricsAccess({ authorization: 'Bearer s3cret', remoteAddress: '203.0.113.9', forwarded: true }, 's3cret')).toBe('ok');
    expect(metricsAccess({ authorization: 'Bearer nope', remoteAddress: '127.0.0.1', forwarded: false }, 's3cret')).toBe('unauthorized');
    expect(metricsAccess({ remoteAddress: '127.0.0.1', forwarded: false }, 's3cret')).toBe('unauthorized');
  });
  it('without a token, admits direct loopback callers only', () => {
    expect(metricsAccess({ remoteAddress: '::1', forwarded: false }, '')).toBe('ok');
    expect(metricsAccess({ remoteAddress: '::ffff:127.0.0.1', forwarded: false }, '')).toBe('ok');
    expect(metricsAccess({ remoteAddress: '127.0.0.1', forwarded: true }, '')).toBe('forbidden');
    expect(metricsAccess({ remoteAddress: '10.0.0.5', forwarded: false }, '')).toBe('forbidden');
  });
});

describe('visibleJobData', () => {
  it('keeps the listed id-like fields only', () => {
    expect(visibleJobData('expiry', { mailboxId: 3, runId: 9, dryRun: false, password: 'x', nested: { a: 1 } })).toEqual({ mailboxId: 3, runId: 9, dryRun: false });
    expect(visibleJobData('notify', 'garbage')).toEqual({});
  });
});
