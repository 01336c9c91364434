// The IMAP SEARCH a rule stands for, what a server must offer to carry it out, and pre-expiry notice
// windows. Pure: capabilities and `now` come in as arguments.
//
// Ages and dates, conservatively: a message is expired when it is strictly older than `now - maxAgeDays`.
// - received (INTERNALDATE): imapflow sends `before` as OLDER <seconds> when the server has WITHIN (RFC 5032),
//   exact to the second. Without WITHIN, BEFORE only compares days, so the cutoff is floored to its UTC day:
//   mail is then kept up to a day longer, never removed a day early. (imapflow moves a BEFORE date that is
//   not midnight to the next day, which would remove younger mail: flooring also avoids that.)
// - sent (Date: header): SENTBEFORE compares days only: floored the same way.
// - saved (RFC 8514 SAVEDATE, e.g. when mail was moved to Trash): SAVEDBEFORE, days only, floored. imapflow
//   cannot compile it, so it is given as raw search atoms.
// Every search excludes messages already flagged \Deleted: those are the user's, and must be left to them.
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
  const cutoff = cutoffFor(rule, now);
  // Mail older than this is due within noticeDays.
  const soon = window === 'notice' ? new Date(cutoff.getTime() + rule.noticeDays! * DAY_MS) : null;
  const flags = { keepFlagged: rule.keepFlagged, keepUnread: rule.keepUnread, includeDeleted: opts.includeDeleted ?? false };
  const within = has(caps, 'WITHIN');

  switch (rule.ageBasis) {
    case 'received': {
      const day = (d: Date) => (within ? d : startOfUtcDay(d));
      const range = soon ? { before: day(soon), since: day(cutoff) } : { before: day(cutoff) };
      return { kind: 'imapflow', query: { ...range, ...flagQuery(flags) } };
    }
    case 'sent': {
      const range = soon ? { sentBefore: startOfUtcDay(soon), sentSince: startOfUtcDay(cutoff) } : { sentBefore: startOfUtcDay(cutoff) };
      return { kind: 'imapflow', query: { ...range, ...flagQuery(flags) } };
    }
    case 'saved': {
      if (!has(caps, 'SAVEDATE')) {
        throw new RetentionCapabilityError('the IMAP server does not advertise SAVEDATE (RFC 8514), so an age counted from the saved date cannot be searched; use the received date instead');
      }
      const range = soon
        ? ['SAVEDSINCE', imapDate(startOfUtcDay(cutoff)), 'SAVEDBEFORE', imapDate(startOfUtcDay(soon))]
        : ['SAVEDBEFORE', imapDate(startOfUtcDay(cutoff))];
      return { kind: 'raw', atoms: [...range, ...flagAtoms(flags)] };
    }
  }
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

/** One notice per rule per window: the unique (mailbox, dedupeKey) makes a second one impossible. */
export function noticeDedupeKey(ruleId: number, now: Date, noticeDays: number): string {
  return `expiry:${ruleId}:${noticeWindowStart(now, noticeDays).toISOString().slice(0, 10)}`;
}

/** The earliest moment any of the noticed messages will be removed, given the oldest one's basis date. */
export function firstRemovalDate(basis: AgeBasis, maxAgeDays: number, oldest: Date | null, now: Date): Date {
  const tomorrow = new Date(startOfUtcDay(now).getTime() + DAY_MS);
  if (!oldest || basis === 'saved') return tomorrow; // the save date is not fetched: say "as early as tomorrow"
  const due = basis === 'sent'
    ? new Date(startOfUtcDay(oldest).getTime() + (maxAgeDays + 1) * DAY_MS) // SENTBEFORE compares whole days
    : new Date(oldest.getTime() + maxAgeDays * DAY_MS);
  return due.getTime() > now.getTime() ? due : tomorrow;
}
