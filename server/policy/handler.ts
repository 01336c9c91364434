// One policy request → one decision, plus the byte accounting between scans (docs/policy.md, "Bursts").
// At RCPT a message allowed for a recipient reserves its declared SIZE on that mailbox; at END-OF-MESSAGE
// (when Postfix also asks there) the reservation becomes the real size. One smtpd process uses one policy
// connection for a whole SMTP session, and `instance` names the message, so this state lives per connection.
import type { BaseConfig } from '../core/config.ts';
import {
  decideDelivery, normalizeRecipient, senderAddress, type Decision, type DecisionResult, type DecisionSettings, type LimitEntry,
} from '../core/domain/delivery-decision.ts';
import type { PolicyRequest } from './protocol.ts';

export interface PolicySettings extends DecisionSettings {
  delimiter: string;
}

export function policySettings(config: BaseConfig): PolicySettings {
  return {
    unknownRecipientAction: config.POLICY_UNKNOWN_RECIPIENT_ACTION,
    staleAction: config.POLICY_STALE_ACTION,
    staleAfterMs: config.POLICY_STALE_AFTER_HOURS * 3_600_000,
    noticeSender: senderAddress(config.MAIL_FROM),
    statusReplies: { disabled: config.POLICY_DISABLED_ACTION, deleted: config.POLICY_DELETED_ACTION },
    delimiter: config.POLICY_RECIPIENT_DELIMITER,
  };
}

export interface EntryLookup {
  get(address: string): LimitEntry | undefined;
}

const MAX_TRACKED = 1000;

interface Reservation { entry: LimitEntry; bytes: number; scannedAt: number | null }

/** What one connection remembers about the message in progress. */
export class ConnectionState {
  instance = '';
  reserved: Reservation[] = [];
}

export type HandlerResult = DecisionResult | 'unsupported_request';

export function handleRequest(
  req: PolicyRequest, conn: ConnectionState, cache: EntryLookup, settings: PolicySettings, now = Date.now(),
): { action: string; result: HandlerResult } {
  if (req.get('request') !== 'smtpd_access_policy') return { action: 'DUNNO', result: 'unsupported_request' };

  const instance = req.get('instance') ?? '';
  // A new message: the previous one's reservations stay counted (without an END-OF-MESSAGE check we
  // cannot know it was refused later, and over-counting only errs towards "full" until the next scan).
  if (instance !== conn.instance) {
    conn.instance = instance;
    conn.reserved = [];
  }
  const keys = normalizeRecipient(req.get('recipient'), settings.delimiter);
  const entry = keys ? cache.get(keys.exact) ?? (keys.base !== keys.exact ? cache.get(keys.base) : undefined) : undefined;
  const size = parseSize(req.get('size'));
  const stage = (req.get('protocol_state') || 'RCPT').toUpperCase();
  const input = { hasRecipient: keys !== null, sender: normalizeSender(req.get('sender')), size, entry, now };

  if (stage === 'RCPT') {
    const decision = decideDelivery(input, settings);
    if (entry && accepts(decision)) {
      entry.acceptedBytes += size;
      // Beyond Postfix's smtpd_recipient_limit (1,000) the bytes stay counted but are not settled at END-OF-MESSAGE:
      // a client repeating one instance forever cannot grow this list without bound.
      if (conn.reserved.length < MAX_TRACKED) conn.reserved.push({ entry, bytes: size, scannedAt: entry.scannedAt });
    }
    return decision;
  }

  if (stage === 'END-OF-MESSAGE') {
    // Release this message's declared sizes, judge the real size, then count the real size instead.
    const mine = conn.reserved;
    conn.reserved = [];
    for (const r of mine) release(r);
    const decision = decideDelivery(input, settings);
    if (refuses(decision.action)) return decision; // refused for every recipient: nothing will be delivered
    if (mine.length) for (const r of mine) r.entry.acceptedBytes += size;
    else if (entry) entry.acceptedBytes += size; // RCPT was asked on another connection (reconnect): count once
    return decision;
  }

  // DATA and earlier stages: judge without counting this message's own reservation twice.
  const own = entry ? conn.reserved.filter((r) => r.entry === entry && r.scannedAt === entry.scannedAt).reduce((n, r) => n + r.bytes, 0) : 0;
  return decideDelivery(own ? { ...input, entry: { ...entry!, acceptedBytes: Math.max(0, entry!.acceptedBytes - own) } } : input, settings);
}

function accepts(decision: Decision): boolean {
  return decision.result === 'under_quota' || decision.result === 'notice_sender';
}

/** Postfix actions after which the message is not stored (DISCARD drops it; DEFER_IF_REJECT does not refuse by itself). */
function refuses(action: string): boolean {
  return /^(REJECT|DEFER|DEFER_IF_PERMIT|DISCARD|[45]\d\d)(\s|$)/i.test(action);
}

/** Undo a reservation, unless a newer scan already reset the count it was added to. */
function release(r: Reservation): void {
  if (r.entry.scannedAt === r.scannedAt) r.entry.acceptedBytes = Math.max(0, r.entry.acceptedBytes - r.bytes);
}

/** `size=` is decimal bytes; empty, absent or garbage (a client may send any SIZE) counts as 0. */
function parseSize(raw: string | undefined): number {
  if (!raw || !/^\d{1,15}$/.test(raw)) return 0;
  return Number(raw);
}

function normalizeSender(raw: string | undefined): string {
  if (!raw) return '';
  const s = raw.startsWith('<') && raw.endsWith('>') ? raw.slice(1, -1) : raw;
  return s.toLowerCase();
}
