// Pure SMTP-time quota decision for the Postfix policy service (server/policy). No I/O: the caller looks the
// recipient up in its cache and passes the entry in. The rules mirror what the console shows: the
// effective limit (override or plan, plus temporary increases) and the plan's grace and reply kind, and the
// mailbox's lifecycle status (domain/mailbox-lifecycle.ts: disabled and deleted get their own reply).
import { statusReply, type MailboxStatus, type StatusReplies } from './mailbox-lifecycle.ts';

/** What the policy service knows about one mailbox (loaded from PostgreSQL, see server/policy/cache.ts). */
export interface LimitEntry {
  id: number;
  /** Effective limit in bytes; null = unlimited (Dovecot then applies no storage rule either). */
  limitBytes: number | null;
  /** Usage at the last scan; null = never scanned. */
  usedBytes: number | null;
  /** Bytes accepted for this mailbox since that scan (the policy service's own count, see docs/policy.md). */
  acceptedBytes: number;
  /** Epoch ms of the last scan, or null. */
  scannedAt: number | null;
  gracePercent: number;
  overQuotaReply: 'permanent' | 'temporary';
  /** The lifecycle status; `removed`: the row is gone (an entry a connection still holds), treated as unknown. */
  status: MailboxStatus | 'removed';
}

export interface DecisionSettings {
  unknownRecipientAction: string;
  staleAction: string;
  /** 0 = scanned usage never goes stale. */
  staleAfterMs: number;
  /** Mailwarden's own notice sender (lower case), or null. */
  noticeSender: string | null;
  /** The replies for disabled and deleted mailboxes (POLICY_DISABLED_ACTION, POLICY_DELETED_ACTION). */
  statusReplies: StatusReplies;
}

/** Bounded set, used as the metrics label. */
export type DecisionResult =
  | 'no_recipient' | 'notice_sender' | 'unknown_recipient' | 'disabled' | 'deleted' | 'unlimited' | 'too_big' | 'stale' | 'over_quota' | 'under_quota';

export interface Decision { action: string; result: DecisionResult }

export const REPLIES = {
  overPermanent: '552 5.2.2 Mailbox is full',
  overTemporary: '452 4.2.2 Mailbox is full',
  tooBigPermanent: '552 5.3.4 Message too big for mailbox',
  tooBigTemporary: '452 4.3.4 Message too big for mailbox',
} as const;

/**
 * Recipient as Postfix sends it → lookup keys. Postfix may pass `<user@dom>`; the whole address is lower-cased:
 * RFC 5321 lets local parts be case-sensitive, but Mailwarden stores addresses in lower case and Dovecot
 * setups treat them case-insensitively, so `Alice@Example.org` must find `alice@example.org`.
 * `exact` is tried first (an address that really contains the delimiter), then `base` without `+detail`.
 */
export function normalizeRecipient(raw: string | undefined, delimiters: string): { exact: string; base: string } | null {
  if (!raw) return null;
  let address = raw.trim();
  if (address.startsWith('<') && address.endsWith('>')) address = address.slice(1, -1);
  address = address.toLowerCase();
  if (!address) return null;
  const at = address.lastIndexOf('@');
  const local = at < 0 ? address : address.slice(0, at);
  const domain = at < 0 ? '' : address.slice(at);
  let cut = -1;
  // Postfix semantics: every character of recipient_delimiter is a delimiter; the first one found splits.
  // A delimiter as the first character is kept (Postfix does not strip an empty base either).
  for (const d of delimiters) {
    const i = local.indexOf(d, 1);
    if (i > 0 && (cut < 0 || i < cut)) cut = i;
  }
  return { exact: address, base: cut > 0 ? local.slice(0, cut) + domain : address };
}

/** The address inside `Name <addr>` (or the bare address), lower case; null when there is none. */
export function senderAddress(from: string): string | null {
  const match = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(from) ?? /^\s*([^<>\s]+@[^<>\s]+)\s*$/.exec(from);
  return match ? match[1].toLowerCase() : null;
}

/** Bytes a mailbox may hold before delivery is refused: limit plus grace (integer bytes). */
export function capBytes(limitBytes: number, gracePercent: number): number {
  return limitBytes + Math.floor((limitBytes * gracePercent) / 100);
}

export interface DecisionInput {
  /** Whether the request named a recipient at all (at END-OF-MESSAGE Postfix sends one only for single-recipient mail). */
  hasRecipient: boolean;
  /** Lower-cased `sender=` (empty for the null sender). */
  sender: string;
  /** Declared SIZE at RCPT (0 when the client sent none), real size at END-OF-MESSAGE. */
  size: number;
  /** The recipient's cache entry, or undefined when Mailwarden does not know it. */
  entry: LimitEntry | undefined;
  now: number;
}

/**
 * Never returns OK: OK would end smtpd_recipient_restrictions and skip every later check
 * (RBLs, other policy services). DUNNO means "no opinion" and lets the rest run.
 */
export function decideDelivery(input: DecisionInput, settings: DecisionSettings): Decision {
  const { entry, size } = input;
  if (!input.hasRecipient) return { action: 'DUNNO', result: 'no_recipient' };
  // Quota notices ("your mailbox is full") must reach a full mailbox, or users never learn why mail bounces.
  if (settings.noticeSender !== null && input.sender === settings.noticeSender) return { action: 'DUNNO', result: 'notice_sender' };
  if (!entry || entry.status === 'removed') return { action: settings.unknownRecipientAction, result: 'unknown_recipient' };
  // Suspended and active mailboxes get mail (the quota decides below); disabled and deleted get their status's reply.
  const refusal = statusReply(entry.status, settings.statusReplies);
  if (refusal !== null) return { action: refusal, result: entry.status as 'disabled' | 'deleted' };
  if (entry.limitBytes === null) return { action: 'DUNNO', result: 'unlimited' };

  const temporary = entry.overQuotaReply === 'temporary';
  const cap = capBytes(entry.limitBytes, entry.gracePercent);
  // Decided before usage: a message larger than the whole quota never fits, whatever the scan says.
  if (size > cap) return { action: temporary ? REPLIES.tooBigTemporary : REPLIES.tooBigPermanent, result: 'too_big' };

  const stale = entry.usedBytes === null || entry.scannedAt === null
    || (settings.staleAfterMs > 0 && input.now - entry.scannedAt > settings.staleAfterMs);
  if (stale) return { action: settings.staleAction, result: 'stale' };

  if (entry.usedBytes! + entry.acceptedBytes + size > cap) {
    return { action: temporary ? REPLIES.overTemporary : REPLIES.overPermanent, result: 'over_quota' };
  }
  return { action: 'DUNNO', result: 'under_quota' };
}
