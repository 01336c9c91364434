// Pure: the IMAP SEARCH criteria of retention rules, removal modes and notice windows; nothing external.
import { describe, expect, it } from 'vitest';
import {
  firstRemovalDate, noticeDedupeKey, noticeWindowStart, removalMode, ruleSearch, RetentionCapabilityError,
} from '../../server/domain/retention/criteria.ts';
import { normalizeRule, type RuleSpec } from '../../server/domain/retention/rules.ts';

const now = new Date('2026-06-15T13:45:10Z');
const DOVECOT = ['IMAP4rev1', 'UIDPLUS', 'MOVE', 'WITHIN', 'SAVEDATE'];
const rule = (r: Partial<RuleSpec> = {}): RuleSpec => normalizeRule({ folderSelector: 'INBOX', maxAgeDays: 30, ...r });

describe('ruleSearch', () => {
  it('received: an exact cutoff when the server has WITHIN, excluding flagged and \\Deleted mail by default', () => {
    expect(ruleSearch(rule(), now, DOVECOT)).toEqual({
      kind: 'imapflow', query: { before: new Date('2026-05-16T13:45:10Z'), flagged: false, deleted: false },
    });
  });

  it('received without WITHIN: the cutoff floored to its day, so nothing younger is ever matched', () => {
    expect(ruleSearch(rule(), now, ['UIDPLUS'])).toMatchObject({ query: { before: new Date('2026-05-16T00:00:00Z') } });
  });

  it('keepUnread matches only \\Seen mail; keepFlagged false drops the UNFLAGGED criterion', () => {
    expect(ruleSearch(rule({ keepUnread: true, keepFlagged: false }), now, DOVECOT))
      .toEqual({ kind: 'imapflow', query: { before: expect.any(Date), seen: true, deleted: false } });
  });

  it('sent: SENTBEFORE on the floored day', () => {
    expect(ruleSearch(rule({ ageBasis: 'sent' }), now, DOVECOT))
      .toEqual({ kind: 'imapflow', query: { sentBefore: new Date('2026-05-16T00:00:00Z'), flagged: false, deleted: false } });
  });

  it('saved: raw SAVEDBEFORE when SAVEDATE is advertised, a clear refusal otherwise', () => {
    expect(ruleSearch(rule({ ageBasis: 'saved', keepUnread: true }), now, DOVECOT))
      .toEqual({ kind: 'raw', atoms: ['SAVEDBEFORE', '16-May-2026', 'UNFLAGGED', 'SEEN', 'UNDELETED'] });
    expect(() => ruleSearch(rule({ ageBasis: 'saved' }), now, ['UIDPLUS'])).toThrow(RetentionCapabilityError);
    expect(() => ruleSearch(rule({ ageBasis: 'saved' }), now, ['UIDPLUS'])).toThrow(/SAVEDATE/);
  });

  it('includeDeleted (reconciling our own interrupted work) drops the UNDELETED criterion', () => {
    expect(ruleSearch(rule({ ageBasis: 'saved' }), now, DOVECOT, { includeDeleted: true })).toEqual({ kind: 'raw', atoms: ['SAVEDBEFORE', '16-May-2026', 'UNFLAGGED'] });
    expect(ruleSearch(rule(), now, DOVECOT, { includeDeleted: true })).toEqual({ kind: 'imapflow', query: { before: expect.any(Date), flagged: false } });
  });

  it('notice window: due within noticeDays but not yet', () => {
    expect(ruleSearch(rule({ noticeDays: 7 }), now, DOVECOT, { window: 'notice' })).toEqual({
      kind: 'imapflow', query: { before: new Date('2026-05-23T13:45:10Z'), since: new Date('2026-05-16T13:45:10Z'), flagged: false, deleted: false },
    });
    expect(ruleSearch(rule({ noticeDays: 7, ageBasis: 'saved' }), now, DOVECOT, { window: 'notice' }))
      .toEqual({ kind: 'raw', atoms: ['SAVEDSINCE', '16-May-2026', 'SAVEDBEFORE', '23-May-2026', 'UNFLAGGED', 'UNDELETED'] });
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
  it('gives one dedupe key per rule per window', () => {
    const a = noticeDedupeKey(5, new Date('2026-06-15T01:00:00Z'), 7);
    expect(a).toBe(noticeDedupeKey(5, new Date('2026-06-17T23:00:00Z'), 7));
    expect(a).not.toBe(noticeDedupeKey(5, new Date('2026-06-19T01:00:00Z'), 7));
    expect(a).toMatch(/^expiry:5:\d{4}-\d{2}-\d{2}$/);
    expect(noticeWindowStart(new Date('2026-06-15T01:00:00Z'), 7).getTime()).toBeLessThanOrEqual(new Date('2026-06-15T01:00:00Z').getTime());
  });

  it('dates the first removal from the oldest message', () => {
    expect(firstRemovalDate('received', 30, new Date('2026-05-20T10:00:00Z'), now)).toEqual(new Date('2026-06-19T10:00:00Z'));
    expect(firstRemovalDate('sent', 30, new Date('2026-05-20T10:00:00Z'), now)).toEqual(new Date('2026-06-20T00:00:00Z'));
    expect(firstRemovalDate('saved', 30, null, now)).toEqual(new Date('2026-06-16T00:00:00Z'));
  });
});
