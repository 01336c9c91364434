// Pure rules behind the ops API: cron validation for job schedulers, /metrics access, visible job data. Nothing stubbed.
import { describe, expect, it } from 'vitest';
import { checkCron } from '../../server/core/domain/cron.ts';
import { isForwarded, metricsAccess } from '../../server/core/metrics/access.ts';
import { visibleJobData } from '../../server/core/queues/job-data.ts';

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
  it('treats any proxy header as forwarded, whatever its case', () => {
    for (const name of ['Via', 'True-Client-IP', 'X-Forwarded-For', 'Forwarded', 'X-Real-IP', 'CF-Connecting-IP', 'X-Forwarded-Host', 'X-Forwarded-Proto',
      'Fastly-Client-IP', 'X-Cluster-Client-IP', 'X-Client-IP', 'Client-IP', 'X-Original-Forwarded-For', 'X-ProxyUser-Ip', 'CDN-Loop']) {
      expect(isForwarded({ [name]: '203.0.113.9' }), name).toBe(true);
      expect(isForwarded({ [name.toLowerCase()]: '' }), name).toBe(true);
    }
  });
  it('does not treat ordinary headers as forwarded', () => {
    expect(isForwarded({ host: '127.0.0.1:3000', 'user-agent': 'Prometheus/2.53', accept: 'text/plain', authorization: 'Bearer x', 'x-forwarded-for': undefined })).toBe(false);
  });
});

describe('visibleJobData', () => {
  it('keeps the listed id-like fields only', () => {
    expect(visibleJobData('expiry', { mailboxId: 3, runId: 9, dryRun: false, password: 'x', nested: { a: 1 } })).toEqual({ mailboxId: 3, runId: 9, dryRun: false });
    expect(visibleJobData('notify', 'garbage')).toEqual({});
  });
});
