// Pure: the SMTP-time quota rules (server/core/domain/delivery-decision.ts); nothing external.
import { describe, expect, it } from 'vitest';
import {
  REPLIES, capBytes, decideDelivery, normalizeRecipient, senderAddress, type DecisionSettings, type LimitEntry,
} from '../../server/core/domain/delivery-decision.ts';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const settings: DecisionSettings = { unknownRecipientAction: 'DUNNO', staleAction: 'DUNNO', staleAfterMs: 48 * 3_600_000, noticeSender: 'mailwarden@example.org', statusReplies: { disabled: '450 4.2.1 off', deleted: '550 5.1.1 gone' } };
const entry = (over: Partial<LimitEntry> = {}): LimitEntry => ({
  id: 1, limitBytes: 1000, usedBytes: 500, acceptedBytes: 0, scannedAt: NOW - 3_600_000, gracePercent: 0, overQuotaReply: 'permanent', status: 'active', ...over,
});
const decide = (e: LimitEntry | undefined, size = 0, extra: { sender?: string; hasRecipient?: boolean } = {}, s = settings) =>
  decideDelivery({ hasRecipient: extra.hasRecipient ?? true, sender: extra.sender ?? 'a@example.net', size, entry: e, now: NOW }, s);

describe('normalizeRecipient', () => {
  it.each([
    ['<Alice+Lists@Example.ORG>', '+', { exact: 'alice+lists@example.org', base: 'alice@example.org' }],
    ['bob@example.org', '+', { exact: 'bob@example.org', base: 'bob@example.org' }],
    ['carol-news+x@example.org', '+-', { exact: 'carol-news+x@example.org', base: 'carol@example.org' }],
    ['dave+x@example.org', '', { exact: 'dave+x@example.org', base: 'dave+x@example.org' }],
    ['+only@example.org', '+', { exact: '+only@example.org', base: '+only@example.org' }],
    ['postmaster', '+', { exact: 'postmaster', base: 'postmaster' }],
  ])('%s with delimiters %j', (raw, delimiters, expected) => {
    expect(normalizeRecipient(raw, delimiters)).toEqual(expected);
  });

  it('returns null for a missing or empty recipient', () => {
    expect(normalizeRecipient(undefined, '+')).toBeNull();
    expect(normalizeRecipient('', '+')).toBeNull();
    expect(normalizeRecipient('<>', '+')).toBeNull();
  });
});

describe('senderAddress', () => {
  it('takes the address out of MAIL_FROM, lower case', () => {
    expect(senderAddress('Mailwarden <MailWarden@Example.org>')).toBe('mailwarden@example.org');
    expect(senderAddress('quota@example.org')).toBe('quota@example.org');
    expect(senderAddress('Mailwarden')).toBeNull();
  });
});

describe('decideDelivery', () => {
  it('answers DUNNO (never OK) under quota, counting the declared size', () => {
    expect(decide(entry(), 500)).toEqual({ action: 'DUNNO', result: 'under_quota' });
  });

  it('refuses a message that would pass the limit, permanently by default', () => {
    expect(decide(entry(), 501)).toEqual({ action: REPLIES.overPermanent, result: 'over_quota' });
    expect(REPLIES.overPermanent).toBe('552 5.2.2 Mailbox is full');
  });

  it('refuses with size 0 once usage is already beyond the limit', () => {
    expect(decide(entry({ usedBytes: 1001 }), 0).result).toBe('over_quota');
    expect(decide(entry({ usedBytes: 1000 }), 0).result).toBe('under_quota');
  });

  it('counts bytes accepted since the last scan', () => {
    expect(decide(entry({ acceptedBytes: 400 }), 100).result).toBe('under_quota');
    expect(decide(entry({ acceptedBytes: 401 }), 100).result).toBe('over_quota');
  });

  it('allows the plan grace on top of the limit', () => {
    expect(capBytes(1000, 10)).toBe(1100);
    expect(decide(entry({ gracePercent: 10 }), 600).result).toBe('under_quota');
    expect(decide(entry({ gracePercent: 10 }), 601).result).toBe('over_quota');
  });

  it('answers temporarily when the plan says so', () => {
    expect(decide(entry({ overQuotaReply: 'temporary' }), 600)).toEqual({ action: '452 4.2.2 Mailbox is full', result: 'over_quota' });
  });

  it('gives a message larger than the whole quota its own reply, even on stale usage', () => {
    expect(decide(entry({ usedBytes: 0 }), 1001)).toEqual({ action: '552 5.3.4 Message too big for mailbox', result: 'too_big' });
    expect(decide(entry({ gracePercent: 10 }), 1100).result).toBe('over_quota');
    expect(decide(entry({ gracePercent: 10 }), 1101).result).toBe('too_big');
    expect(decide(entry({ overQuotaReply: 'temporary' }), 5000).action).toBe(REPLIES.tooBigTemporary);
    expect(decide(entry({ scannedAt: null, usedBytes: null }), 5000).result).toBe('too_big');
  });

  it('applies the configured action to unknown recipients and each refusing status its own reply', () => {
    const s = { ...settings, unknownRecipientAction: 'REJECT no such mailbox here' };
    expect(decide(undefined, 10, {}, s)).toEqual({ action: 'REJECT no such mailbox here', result: 'unknown_recipient' });
    expect(decide(entry({ status: 'removed' }), 10, {}, s).result).toBe('unknown_recipient');
    expect(decide(entry({ status: 'disabled' }), 10, {}, s)).toEqual({ action: '450 4.2.1 off', result: 'disabled' });
    expect(decide(entry({ status: 'deleted' }), 10, {}, s)).toEqual({ action: '550 5.1.1 gone', result: 'deleted' });
    // Suspended: login refused, mail still delivered under the quota rules.
    expect(decide(entry({ status: 'suspended' }), 10, {}, s)).toEqual({ action: 'DUNNO', result: 'under_quota' });
    expect(decide(entry({ status: 'suspended', usedBytes: 1000 }), 10, {}, s).result).toBe('over_quota');
    expect(decide(undefined, 10)).toEqual({ action: 'DUNNO', result: 'unknown_recipient' });
  });

  it('answers DUNNO without a recipient and for an unlimited mailbox', () => {
    expect(decide(entry(), 10, { hasRecipient: false })).toEqual({ action: 'DUNNO', result: 'no_recipient' });
    expect(decide(entry({ limitBytes: null, usedBytes: 10 ** 12 }), 10 ** 9)).toEqual({ action: 'DUNNO', result: 'unlimited' });
  });

  it('applies the stale action to usage never scanned or older than the setting; 0 disables the age check', () => {
    const s = { ...settings, staleAction: 'DEFER_IF_PERMIT usage unknown' };
    expect(decide(entry({ scannedAt: null, usedBytes: null }), 10, {}, s)).toEqual({ action: 'DEFER_IF_PERMIT usage unknown', result: 'stale' });
    expect(decide(entry({ scannedAt: NOW - 49 * 3_600_000, usedBytes: 999 }), 10, {}, s).result).toBe('stale');
    expect(decide(entry({ scannedAt: NOW - 47 * 3_600_000 }), 10, {}, s).result).toBe('under_quota');
    expect(decide(entry({ scannedAt: NOW - 400 * 86_400_000 }), 10, {}, { ...s, staleAfterMs: 0 }).result).toBe('under_quota');
  });

  it("always lets Mailwarden's own notices through, even to a full mailbox", () => {
    expect(decide(entry({ usedBytes: 5000 }), 100, { sender: 'mailwarden@example.org' })).toEqual({ action: 'DUNNO', result: 'notice_sender' });
    expect(decide(entry({ usedBytes: 5000 }), 100, { sender: 'mailwarden@example.org' }, { ...settings, noticeSender: null }).result).toBe('over_quota');
  });
});
