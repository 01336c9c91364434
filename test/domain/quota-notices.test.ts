// Pure: evaluateNotices() on hand-made usage sequences; nothing external, nothing stubbed.
import { describe, expect, it } from 'vitest';
import { evaluateNotices, type NoticeInput, type QuotaNotice } from '../../server/core/domain/quota-notices.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 5, 1, 12);
const base = { thresholds: [80, 90, 95], gracePercent: 10, hysteresisPercent: 2, resendIntervalMs: 24 * HOUR };

/** Feeds usage readings one after another (one hour apart unless given), threading the state through. */
function run(readings: (number | null | [number | null, number])[], opts: Partial<NoticeInput> = {}) {
  let previous: unknown = opts.previous ?? null;
  const sent: QuotaNotice[][] = [];
  readings.forEach((r, i) => {
    const [percent, at] = Array.isArray(r) ? r : [r, T0 + i * HOUR];
    const out = evaluateNotices({ ...base, ...opts, previous, percent, now: new Date(at) });
    previous = JSON.parse(JSON.stringify(out.state)); // as stored in a JSON column
    sent.push(out.notices);
  });
  return { sent, all: sent.flat(), state: previous };
}
const kinds = (ns: QuotaNotice[]) => ns.map((n) => `${n.kind}:${n.threshold}`);

describe('evaluateNotices', () => {
  it('sends nothing below the first threshold and nothing for unknown usage', () => {
    expect(run([10, 50, null, 79.99]).all).toEqual([]);
  });

  it('sends one notice per threshold crossed upward, once, however often it is evaluated', () => {
    const { sent } = run([50, 81, 82, 85, 91, 91, 96, 97]);
    expect(sent.map(kinds)).toEqual([[], ['near_quota:80'], [], [], ['near_quota:90'], [], ['near_quota:95'], []]);
  });

  it('sends only the highest threshold on a jump, and marks the lower ones fired', () => {
    const { sent } = run([70, 96, 91, 82]);
    expect(sent.map(kinds)).toEqual([[], ['near_quota:95'], [], []]);
  });

  it('re-arms a threshold only below threshold - hysteresis', () => {
    const { sent } = run([81, 79, 81, 77.9, 81]);
    expect(sent.map(kinds)).toEqual([['near_quota:80'], [], [], [], ['near_quota:80']]);
    // The re-armed crossing has its own key: it is a new crossing, not a duplicate.
    expect(sent[0][0].dedupeKey).toBe('near:80:0');
    expect(sent[4][0].dedupeKey).toBe(`near:80:${T0 + 3 * HOUR}`);
  });

  it('sends over_quota alone when usage jumps past 100 %, then nothing until the resend slot', () => {
    const { sent } = run([50, 105, [106, T0 + 5 * HOUR], [107, T0 + 25 * HOUR], [108, T0 + 26 * HOUR], [109, T0 + 49 * HOUR]]);
    expect(sent.map(kinds)).toEqual([[], ['over_quota:100'], [], ['over_quota:100'], [], ['over_quota:100']]);
    expect(sent.flat().map((n) => n.dedupeKey)).toEqual(['over:0:0', 'over:0:1', 'over:0:2']);
  });

  it('never resends when the interval is 0', () => {
    expect(kinds(run([101, 102, [103, T0 + 1000 * HOUR]], { resendIntervalMs: 0 }).all)).toEqual(['over_quota:100']);
  });

  it('says whether the grace is used up as well', () => {
    expect(run([105]).all[0].refusingMail).toBe(false);
    expect(run([110]).all[0].refusingMail).toBe(true);
  });

  it('sends back_under once after being over, only below 100 - hysteresis, and re-arms over_quota', () => {
    const { sent } = run([101, 99, 97, 96, 101]);
    expect(sent.map(kinds)).toEqual([['over_quota:100'], [], ['back_under:100'], [], ['over_quota:100']]);
    expect(sent[4][0].dedupeKey).toBe(`over:${T0 + 2 * HOUR}:0`);
  });

  it('does not send back_under to a mailbox that was never told it was over', () => {
    expect(run([95, 50]).all.map((n) => n.kind)).toEqual(['near_quota']);
  });

  it('gives the same keys to evaluations that start from the same state, whatever their clocks', () => {
    const after = run([85]).state;
    const a = evaluateNotices({ ...base, previous: after, percent: 92, now: new Date(T0 + HOUR) });
    const b = evaluateNotices({ ...base, previous: after, percent: 93, now: new Date(T0 + 2 * HOUR) });
    expect(a.notices).toEqual(b.notices);
  });

  it('warns on a lowered limit: the same usage as a higher percentage crosses a threshold', () => {
    expect(kinds(run([50, 92]).all)).toEqual(['near_quota:90']);
  });

  it('does not fire a threshold added to the plan while usage is already above it', () => {
    const { state } = run([92]);
    const out = evaluateNotices({ ...base, thresholds: [80, 85, 90, 95], previous: state, percent: 92, now: new Date(T0 + HOUR) });
    expect(out.notices).toEqual([]);
    expect(kinds(run([92], { thresholds: [85] }).all)).toEqual(['near_quota:85']); // but a fresh mailbox is told
  });

  it('ignores a plan threshold of 100 (over_quota covers it) and treats unreadable state as fresh', () => {
    expect(kinds(run([100], { thresholds: [80, 100] }).all)).toEqual(['over_quota:100']);
    expect(kinds(run([85], { previous: { garbage: true } }).all)).toEqual(['near_quota:80']);
  });
});
