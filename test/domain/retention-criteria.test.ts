// Pure: the IMAP SEARCH criteria of retention rules, removal modes and notice windows; nothing external.
import { describe, expect, it } from 'vitest';
import {
  basisDate, firstRemovalDate, isDue, isDueWithinNotice, isExempt, noticeDedupeKey, noticeWindowStart, removalMode, ruleContentKey, ruleSearch,
  RetentionCapabilityError,
} from '../../server/core/domain/retention/criteria.ts';
import { normalizeRule, type RuleSpec } from '../../server/core/domain/retention/rules.ts';

const now = new Date('2026-06-15T13:45:10Z');
const DOVECOT = ['IMAP4rev1', 'UIDPLUS', 'MOVE', 'WITHIN', 'SAVEDATE'];
const rule = (r: Partial<RuleSpec> = {}): RuleSpec => normalizeRule({ folderSelector: 'INBOX', maxAgeDays: 30, ...r });

describe('ruleSearch', () => {
  it('received: an exact cutoff when the server has WITHIN, excluding flagged and \\Deleted mail by default', () => {
    expect(ruleSearch(rule(), now, DOVECOT)).toEqual({
      kind: 'imapflow', query: { before: new Date('2026-05-16T13:45:10Z'), flagged: false, deleted: false },
    });
  });

  it("received without WITHIN: BEFORE two days past the cutoff's UTC day (every zone), the exact check does the rest", () => {
    expect(ruleSearch(rule(), now, ['UIDPLUS'])).toMatchObject({ query: { before: new Date('2026-05-18T00:00:00Z') } });
  });

  it('keepUnread matches only \\Seen mail; keepFlagged false drops the UNFLAGGED criterion', () => {
    expect(ruleSearch(rule({ keepUnread: true, keepFlagged: false }), now, DOVECOT))
      .toEqual({ kind: 'imapflow', query: { before: expect.any(Date), seen: true, deleted: false } });
  });

  it("sent: SENTBEFORE widened to two days past the cutoff's UTC day", () => {
    expect(ruleSearch(rule({ ageBasis: 'sent' }), now, DOVECOT))
      .toEqual({ kind: 'imapflow', query: { sentBefore: new Date('2026-05-18T00:00:00Z'), flagged: false, deleted: false } });
  });

  it('saved: raw SAVEDBEFORE when SAVEDATE is advertised, a clear refusal otherwise', () => {
    expect(ruleSearch(rule({ ageBasis: 'saved', keepUnread: true }), now, DOVECOT))
      .toEqual({ kind: 'raw', atoms: ['SAVEDBEFORE', '18-May-2026', 'UNFLAGGED', 'SEEN', 'UNDELETED'] });
    expect(() => ruleSearch(rule({ ageBasis: 'saved' }), now, ['UIDPLUS'])).toThrow(RetentionCapabilityError);
    expect(() => ruleSearch(rule({ ageBasis: 'saved' }), now, ['UIDPLUS'])).toThrow(/SAVEDATE/);
  });

  it('includeDeleted (reconciling our own interrupted work) drops the UNDELETED criterion', () => {
    expect(ruleSearch(rule({ ageBasis: 'saved' }), now, DOVECOT, { includeDeleted: true })).toEqual({ kind: 'raw', atoms: ['SAVEDBEFORE', '18-May-2026', 'UNFLAGGED'] });
    expect(ruleSearch(rule(), now, DOVECOT, { includeDeleted: true })).toEqual({ kind: 'imapflow', query: { before: expect.any(Date), flagged: false } });
  });

  it('notice window: everything due within noticeDays, including what is due already', () => {
    expect(ruleSearch(rule({ noticeDays: 7 }), now, DOVECOT, { window: 'notice' })).toEqual({
      kind: 'imapflow', query: { before: new Date('2026-05-23T13:45:10Z'), flagged: false, deleted: false },
    });
    expect(ruleSearch(rule({ noticeDays: 7, ageBasis: 'saved' }), now, DOVECOT, { window: 'notice' }))
      .toEqual({ kind: 'raw', atoms: ['SAVEDBEFORE', '25-May-2026', 'UNFLAGGED', 'UNDELETED'] });
  });
});

describe('exact age and flags', () => {
  const cutoff = new Date('2026-05-16T13:45:10Z').getTime();
  const at = (ms: number) => ({ internalDate: new Date(ms), sentDate: null });

  it('is due only when strictly older than the rule, to the second', () => {
    expect(isDue(rule(), at(cutoff - 1000), now)).toBe(true);
    expect(isDue(rule(), at(cutoff), now)).toBe(false);
    expect(isDue(rule(), at(cutoff + 1000), now)).toBe(false);
  });

  it('sent dates: the instant counts, whatever zone the header was written in', () => {
    // "Sat, 16 May 2026 03:45:11 -1000" is 13:45:11 UTC: one second too young, though its header day is the 16th.
    const young = { internalDate: new Date(cutoff - 5 * 86_400_000), sentDate: new Date('2026-05-16T03:45:11-10:00') };
    expect(isDue(rule({ ageBasis: 'sent' }), young, now)).toBe(false);
    // "Sun, 17 May 2026 03:45:09 +1400" is 13:45:09 UTC on the 16th: due, though its header day is the 17th.
    const old = { internalDate: null, sentDate: new Date('2026-05-17T03:45:09+14:00') };
    expect(isDue(rule({ ageBasis: 'sent' }), old, now)).toBe(true);
    // No readable Date: header counts from the internal date, as servers do.
    expect(basisDate('sent', { internalDate: new Date(cutoff - 1), sentDate: null })).toEqual(new Date(cutoff - 1));
  });

  it('saved dates count from the save date; none means never due', () => {
    expect(isDue(rule({ ageBasis: 'saved' }), { internalDate: new Date(0), sentDate: null, savedDate: new Date(cutoff - 1) }, now)).toBe(true);
    expect(isDue(rule({ ageBasis: 'saved' }), { internalDate: new Date(0), sentDate: null, savedDate: null }, now)).toBe(false);
  });

  it('notice window reaches noticeDays past the cutoff', () => {
    expect(isDueWithinNotice(rule({ noticeDays: 7 }), at(cutoff + 7 * 86_400_000 - 1), now)).toBe(true);
    expect(isDueWithinNotice(rule({ noticeDays: 7 }), at(cutoff + 7 * 86_400_000), now)).toBe(false);
  });

  it('flags fetched just before removal exempt a message', () => {
    const m = (flags: string[]) => ({ internalDate: null, sentDate: null, flags: new Set(flags) });
    expect(isExempt(rule({ keepFlagged: true }), m(['\\Seen', '\\Flagged']))).toBe(true);
    expect(isExempt(rule({ keepFlagged: false }), m(['\\Seen', '\\Flagged']))).toBe(false);
    expect(isExempt(rule({ keepUnread: true }), m([]))).toBe(true);
    expect(isExempt(rule(), m(['\\Seen', '\\Deleted']))).toBe(true);
    expect(isExempt(rule(), m(['\\Seen', '\\Deleted']), { includeDeleted: true })).toBe(false);
  });
});

describe('removalMode', () => {
  it('deletes with UID EXPUNGE when UIDPLUS is there', () => {
    expect(removalMode('delete', DOVECOT, false)).toBe('uid-expunge');
  });
  it('refuses a plain EXPUNGE unless explicitly allowed', () => {
    expect(() => removalMode('delete', ['IMAP4rev1'], false)).toThrow(/lacks UIDPLUS.*EXPIRY_ALLOW_PLAIN_EXPUNGE/);
    expect(removalMode('delete', ['IMAP4rev1'], true)).toBe('plain-expunge');
  });
  it('moves with MOVE, or COPY + UID EXPUNGE', () => {
    expect(removalMode('move', DOVECOT, false)).toBe('move');
    expect(removalMode('move', ['UIDPLUS'], false)).toBe('copy-uid-expunge');
    expect(() => removalMode('move', [], false)).toThrow(RetentionCapabilityError);
  });
});

describe('notice windows', () => {
  it('keys a rule by what it does, not by its id or position', () => {
    expect(ruleContentKey(rule({ noticeDays: 7 }))).toBe(ruleContentKey({ ...rule({ noticeDays: 7 }) }));
    expect(ruleContentKey(rule({ noticeDays: 7 }))).not.toBe(ruleContentKey(rule({ noticeDays: 7, maxAgeDays: 31 })));
    expect(ruleContentKey(rule({ noticeDays: 7 }))).not.toBe(ruleContentKey(rule({ noticeDays: 7, keepFlagged: false })));
  });

  it('gives one dedupe key per rule content per window', () => {
    const a = noticeDedupeKey('abc', new Date('2026-06-15T01:00:00Z'), 7);
    expect(a).toBe(noticeDedupeKey('abc', new Date('2026-06-17T23:00:00Z'), 7));
    expect(a).not.toBe(noticeDedupeKey('abc', new Date('2026-06-19T01:00:00Z'), 7));
    expect(a).toMatch(/^expiry:abc:\d{4}-\d{2}-\d{2}$/);
    expect(noticeWindowStart(new Date('2026-06-15T01:00:00Z'), 7).getTime()).toBeLessThanOrEqual(new Date('2026-06-15T01:00:00Z').getTime());
  });

  it('dates the first removal from the oldest message, never earlier than noticeDays from now', () => {
    const r = { maxAgeDays: 30, noticeDays: 3 };
    expect(firstRemovalDate('received', r, new Date('2026-05-20T10:00:00Z'), now)).toEqual(new Date('2026-06-19T10:00:00Z'));
    // Already due (the first run after a policy is assigned): it goes no sooner than the notice promises.
    expect(firstRemovalDate('received', r, new Date('2026-04-01T00:00:00Z'), now)).toEqual(new Date('2026-06-18T13:45:10Z'));
    expect(firstRemovalDate('saved', r, null, now)).toEqual(new Date('2026-06-18T13:45:10Z'));
  });
});
