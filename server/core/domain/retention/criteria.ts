// The IMAP SEARCH a rule stands for, the exact age check that follows it, what a server must offer to carry
// it out, and pre-expiry notice windows. Pure: capabilities and `now` come in as arguments.
//
// Ages, exactly: a message is due when its basis date is strictly older than `now - maxAgeDays`, to the second.
// The SEARCH only narrows the candidates; the worker then checks each candidate's exact date (isDue), which it
// fetches anyway for the audit. SEARCH alone cannot be exact: SENTBEFORE, SAVEDBEFORE and BEFORE (without
// WITHIN) compare whole days, each in the message's or the server's own time zone, so a message dated
// "… -1000" is on a different day than its UTC instant. The SEARCH is therefore widened to two days past the
// cutoff's UTC day, which contains every message older than the cutoff in any zone (offsets stay within
// ±24 h), and never removes anything by itself.
// - received (INTERNALDATE): OLDER <seconds> when the server has WITHIN (RFC 5032), else BEFORE, widened.
// - sent (Date: header; a missing or unreadable header counts as INTERNALDATE, as servers do): SENTBEFORE, widened.
// - saved (RFC 8514 SAVEDATE, e.g. when mail was moved to Trash): SAVEDBEFORE, widened; imapflow cannot compile
//   it, so it is given as raw search atoms, and the save dates are fetched with FETCH SAVEDATE.
// Every search excludes messages already flagged \Deleted: those are the user's, and must be left to them.
// Flags (keep flagged / keep unread) are searched, then checked again on the flags fetched right before the
// removal, so a message the user flags in between is kept (isExempt).
import { createHash } from 'node:crypto';
import type { AgeBasis, RuleAction, RuleSpec } from './rules.ts';

export const DAY_MS = 86_400_000;

export class RetentionCapabilityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RetentionCapabilityError';
  }
}

/** imapflow search keys we use (a subset of its SearchObject). */
export interface ImapflowQuery {
  before?: Date;
  since?: Date;
  sentBefore?: Date;
  sentSince?: Date;
  flagged?: false;
  seen?: true;
  deleted?: false;
  uid?: string;
}

export type RuleSearch = { kind: 'imapflow'; query: ImapflowQuery } | { kind: 'raw'; atoms: string[] };

type Caps = ReadonlySet<string> | readonly string[];
const has = (caps: Caps, name: string) => (Array.isArray(caps) ? caps.includes(name) : (caps as ReadonlySet<string>).has(name));

export const cutoffFor = (rule: Pick<RuleSpec, 'maxAgeDays'>, now: Date) => new Date(now.getTime() - rule.maxAgeDays * DAY_MS);
export const startOfUtcDay = (d: Date) => new Date(Math.floor(d.getTime() / DAY_MS) * DAY_MS);
/** First day a day-granular search must exclude so it still finds every message older than `d` in any time zone. */
export const wideDayAfter = (d: Date) => new Date(startOfUtcDay(d).getTime() + 2 * DAY_MS);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** RFC 3501 date: "26-Nov-2026" (UTC). */
export const imapDate = (d: Date) => `${String(d.getUTCDate()).padStart(2, '0')}-${MONTHS[d.getUTCMonth()]}-${d.getUTCFullYear()}`;

export interface SearchOptions {
  /** 'expired': due now. 'notice': due within noticeDays but not yet (for the pre-expiry notice). */
  window?: 'expired' | 'notice';
  /** Reconciling our own interrupted work: a message may carry the \Deleted we stored before a crash. */
  includeDeleted?: boolean;
}

/** The SEARCH for a rule; throws RetentionCapabilityError when the server cannot express it. */
export function ruleSearch(rule: RuleSpec, now: Date, caps: Caps, opts: SearchOptions = {}): RuleSearch {
  const window = opts.window ?? 'expired';
  if (window === 'notice' && !rule.noticeDays) throw new Error('notice window needs noticeDays');
  // 'notice': everything due within noticeDays, including what is due already but was never announced.
  const upTo = window === 'notice' ? new Date(cutoffFor(rule, now).getTime() + rule.noticeDays! * DAY_MS) : cutoffFor(rule, now);
  const flags = { keepFlagged: rule.keepFlagged, keepUnread: rule.keepUnread, includeDeleted: opts.includeDeleted ?? false };

  switch (rule.ageBasis) {
    case 'received': {
      // OLDER is exact to the second (imapflow sends it when the server has WITHIN); BEFORE is by day.
      const before = has(caps, 'WITHIN') ? upTo : wideDayAfter(upTo);
      return { kind: 'imapflow', query: { before, ...flagQuery(flags) } };
    }
    case 'sent':
      return { kind: 'imapflow', query: { sentBefore: wideDayAfter(upTo), ...flagQuery(flags) } };
    case 'saved': {
      if (!has(caps, 'SAVEDATE')) {
        throw new RetentionCapabilityError('the IMAP server does not advertise SAVEDATE (RFC 8514), so an age counted from the saved date cannot be searched; use the received date instead');
      }
      return { kind: 'raw', atoms: ['SAVEDBEFORE', imapDate(wideDayAfter(upTo)), ...flagAtoms(flags)] };
    }
  }
}

/** The dates and flags of one message that the exact checks read (fetched right before a removal). */
export interface MessageDates {
  internalDate: Date | null;
  sentDate: Date | null;
  savedDate?: Date | null;
  flags?: ReadonlySet<string> | null;
}

/** The date a rule counts age from; null when the server gave none (never due then). */
export function basisDate(basis: AgeBasis, m: MessageDates): Date | null {
  if (basis === 'received') return m.internalDate;
  if (basis === 'sent') return m.sentDate ?? m.internalDate;
  return m.savedDate ?? null;
}

/** Strictly older than the rule's age, to the second. */
export function isDue(rule: Pick<RuleSpec, 'ageBasis' | 'maxAgeDays'>, m: MessageDates, now: Date): boolean {
  const t = basisDate(rule.ageBasis, m)?.getTime();
  return t !== undefined && t < cutoffFor(rule, now).getTime();
}

/** Due now or within the rule's noticeDays (what a pre-expiry notice announces). */
export function isDueWithinNotice(rule: Pick<RuleSpec, 'ageBasis' | 'maxAgeDays' | 'noticeDays'>, m: MessageDates, now: Date): boolean {
  const t = basisDate(rule.ageBasis, m)?.getTime();
  return t !== undefined && t < cutoffFor(rule, now).getTime() + (rule.noticeDays ?? 0) * DAY_MS;
}

/**
 * A flag the rule keeps the message for, on flags fetched just now (null flags: not fetched, nothing to check).
 * \Deleted set by the user exempts too, unless we are settling our own interrupted work (includeDeleted).
 */
export function isExempt(rule: Pick<RuleSpec, 'keepFlagged' | 'keepUnread'>, m: MessageDates, opts: { includeDeleted?: boolean } = {}): boolean {
  const flags = m.flags;
  if (!flags) return false;
  if (rule.keepFlagged && flags.has('\\Flagged')) return true;
  if (rule.keepUnread && !flags.has('\\Seen')) return true;
  return !opts.includeDeleted && flags.has('\\Deleted');
}

interface FlagRules { keepFlagged: boolean; keepUnread: boolean; includeDeleted: boolean }

function flagQuery(f: FlagRules): Pick<ImapflowQuery, 'flagged' | 'seen' | 'deleted'> {
  return {
    ...(f.keepFlagged ? { flagged: false as const } : {}),
    ...(f.keepUnread ? { seen: true as const } : {}),
    ...(f.includeDeleted ? {} : { deleted: false as const }),
  };
}

function flagAtoms(f: FlagRules): string[] {
  return [...(f.keepFlagged ? ['UNFLAGGED'] : []), ...(f.keepUnread ? ['SEEN'] : []), ...(f.includeDeleted ? [] : ['UNDELETED'])];
}

export type RemovalMode = 'uid-expunge' | 'plain-expunge' | 'move' | 'copy-uid-expunge' | 'copy-plain-expunge';

/**
 * How an action will be carried out on this server. A bare EXPUNGE removes every \Deleted message in the
 * folder, including ones the user marked and meant to keep reviewing: without UIDPLUS (UID EXPUNGE) it is
 * refused unless the operator explicitly allowed it (EXPIRY_ALLOW_PLAIN_EXPUNGE).
 */
export function removalMode(action: RuleAction, caps: Caps, allowPlainExpunge: boolean): RemovalMode {
  if (action === 'move' && has(caps, 'MOVE')) return 'move';
  const prefix = action === 'move' ? 'copy-' : '';
  if (has(caps, 'UIDPLUS')) return `${prefix}uid-expunge` as RemovalMode;
  if (allowPlainExpunge) return `${prefix}plain-expunge` as RemovalMode;
  throw new RetentionCapabilityError(
    `the IMAP server lacks UIDPLUS, so ${action === 'move' ? 'moving without MOVE' : 'deleting'} would need a plain EXPUNGE, which also removes messages users marked \\Deleted themselves; refused (set EXPIRY_ALLOW_PLAIN_EXPUNGE=true to allow it)`,
  );
}

/** Start of the noticeDays-long window `now` falls in (windows tile time from the epoch, UTC). */
export function noticeWindowStart(now: Date, noticeDays: number): Date {
  const day = Math.floor(now.getTime() / DAY_MS);
  return new Date((day - (day % noticeDays)) * DAY_MS);
}

/**
 * What a rule does, as a short stable key: notices and their announcements are keyed on it, not on the rule's id
 * (ids follow positions, so reordering rules would send duplicates, and replacing a rule would suppress notices).
 * A rule whose content changes is a new rule: what the old one announced does not count for it.
 */
export function ruleContentKey(rule: Pick<RuleSpec, 'folderSelector' | 'maxAgeDays' | 'ageBasis' | 'action' | 'moveTo' | 'keepFlagged' | 'keepUnread' | 'noticeDays'>): string {
  const canonical = JSON.stringify([rule.folderSelector, rule.maxAgeDays, rule.ageBasis, rule.action, rule.moveTo, rule.keepFlagged, rule.keepUnread, rule.noticeDays]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

/** One notice per rule content per window: the unique (mailbox, dedupeKey) makes a second one impossible. */
export function noticeDedupeKey(ruleKey: string, now: Date, noticeDays: number): string {
  return `expiry:${ruleKey}:${noticeWindowStart(now, noticeDays).toISOString().slice(0, 10)}`;
}

/**
 * The earliest moment any announced message may be removed: when the oldest reaches its age, and never before
 * the notice is noticeDays old (a notice sent now covers removals from now + noticeDays on).
 */
export function firstRemovalDate(basis: AgeBasis, rule: Pick<RuleSpec, 'maxAgeDays' | 'noticeDays'>, oldest: Date | null, now: Date): Date {
  const promised = now.getTime() + (rule.noticeDays ?? 0) * DAY_MS;
  const due = oldest ? oldest.getTime() + rule.maxAgeDays * DAY_MS : promised;
  return new Date(Math.max(due, promised));
}
