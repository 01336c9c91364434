// UID SEARCH and FETCH helpers for expiry, on a folder the caller holds a mailbox lock on.
// imapflow compiles received/sent searches; it has no key for RFC 8514's SAVEDBEFORE/SAVEDSINCE (it refuses
// unknown keys), so those go out as raw atoms through its command queue (`exec`, untyped but stable in 2.x).
import type { FetchMessageObject, ImapFlow } from 'imapflow';
import type { RuleSearch } from '../../domain/retention/criteria.ts';
import { AUDIT_HEADER_FIELDS, parseAuditHeaders } from './audit-headers.ts';
import { uidsOfSet } from '../../repositories/expiry-announcements.ts';

interface RawToken { type: 'ATOM' | 'SEQUENCE'; value: string }
interface RawUntagged { numbers?: number[]; attributes?: { value?: unknown }[] }
interface RawExec {
  exec(command: string, attributes: RawToken[], options: { untagged: Record<string, (u: RawUntagged | undefined) => Promise<void>> }): Promise<{ next(): void }>;
}

/** "1:3,7,9:10": consecutive UIDs folded into ranges, so a 1,000-UID chunk stays a short command. */
export function uidSet(uids: readonly number[]): string {
  const sorted = [...new Set(uids)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i];
    while (i + 1 < sorted.length && sorted[i + 1] === sorted[i] + 1) i++;
    parts.push(start === sorted[i] ? String(start) : `${start}:${sorted[i]}`);
  }
  return parts.join(',');
}

/**
 * Longest UID set text (uidSet) a chunk may need. RFC 7162 asks clients to keep command lines within 8,192 octets;
 * the command around the set ("A12 UID STORE … +FLAGS.SILENT (\Deleted)") adds well under 100.
 */
export const MAX_UID_SET_CHARS = 7500;

/**
 * UIDs per FETCH (and per INSERT of pending audit rows): an expiry chunk's one STORE + UID EXPUNGE may cover
 * thousands (expire.ts CHUNK_SIZE, for the server's sake), while what the worker parses and serialises at once
 * stays at 1,000 messages.
 */
export const FETCH_BATCH = 1000;

const digits = (n: number) => String(n).length;

/**
 * Sorted UIDs split into chunks of at most `maxUids` whose uidSet() text stays within `maxSetChars`. Mail expired by
 * age is mostly consecutive UIDs (UIDs grow with arrival), so a chunk of thousands is often a few ranges, and each
 * chunk costs the server one STORE and one UID EXPUNGE — on a 200,000-message Maildir, Dovecot rewrites its index
 * for each; a scattered set stops at the line budget instead (~1,000 six-digit UIDs).
 */
export function uidChunks(uids: readonly number[], maxUids: number, maxSetChars = MAX_UID_SET_CHARS): number[][] {
  const out: number[][] = [];
  let chunk: number[] = [];
  let chars = 0;
  let rangeStart = 0;
  for (const uid of [...new Set(uids)].sort((a, b) => a - b)) {
    const prev = chunk[chunk.length - 1];
    // Length of the set text with `uid` added: extends the open range ("a:prev" -> "a:uid") or starts a new one (",uid").
    const next = prev !== undefined && uid === prev + 1
      ? chars + (prev === rangeStart ? 1 + digits(uid) : digits(uid) - digits(prev))
      : chars + (chunk.length ? 1 : 0) + digits(uid);
    if (chunk.length && (chunk.length >= maxUids || next > maxSetChars)) {
      out.push(chunk);
      chunk = [];
    }
    if (!chunk.length) {
      chunk.push(uid);
      chars = digits(uid);
      rangeStart = uid;
      continue;
    }
    if (uid !== prev + 1) rangeStart = uid;
    chunk.push(uid);
    chars = next;
  }
  if (chunk.length) out.push(chunk);
  return out;
}

async function rawUidSearch(client: ImapFlow, atoms: RawToken[]): Promise<number[]> {
  const found: number[] = [];
  const response = await (client as unknown as RawExec).exec('UID SEARCH', atoms, {
    untagged: {
      SEARCH: async (untagged) => {
        if (untagged?.numbers) found.push(...untagged.numbers);
        for (const a of untagged?.attributes ?? []) {
          const n = Number(a.value);
          if (Number.isSafeInteger(n) && n > 0) found.push(n);
        }
      },
    },
  });
  response.next();
  return [...new Set(found)].sort((a, b) => a - b);
}

/** UIDs matching the rule's search, optionally only among `within` (a UID set). Sorted ascending. */
export async function searchUids(client: ImapFlow, search: RuleSearch, within?: string): Promise<number[]> {
  if (search.kind === 'raw') {
    const restrict: RawToken[] = within ? [{ type: 'ATOM', value: 'UID' }, { type: 'SEQUENCE', value: within }] : [];
    return rawUidSearch(client, [...restrict, ...search.atoms.map((value) => ({ type: 'ATOM' as const, value }))]);
  }
  return [...(await compactSearch(client, { ...search.query, ...(within ? { uid: within } : {}) }))].sort((a, b) => a - b);
}

/**
 * UID SEARCH asking for the result as one sequence set (RFC 4731 ESEARCH `RETURN (ALL)`: "1:400,402" instead of
 * one number per message for the worker to parse); a plain SEARCH where the server lacks ESEARCH (imapflow
 * falls back by itself).
 */
async function compactSearch(client: ImapFlow, query: Parameters<ImapFlow['search']>[0]): Promise<number[]> {
  const result: unknown = await client.search(query, { uid: true, returnOptions: ['ALL'] } as { uid: boolean });
  if (Array.isArray(result)) return result as number[];
  // imapflow answers false when the server refused the search: never read that as "nothing matched".
  if (!result || typeof result !== 'object') throw new Error('the IMAP server refused the SEARCH');
  const all = (result as { all?: unknown }).all;
  return typeof all === 'string' ? uidsOfSet(all) : [];
}

/** Which of `uids` still exist in the selected folder. */
export async function presentUids(client: ImapFlow, uids: readonly number[]): Promise<Set<number>> {
  if (!uids.length) return new Set();
  return new Set(await compactSearch(client, { uid: uidSet(uids) }));
}

/** RFC 8514: SAVEDATESUPPORTED matches every message when the folder keeps save dates, none when it does not. */
export async function folderKeepsSaveDates(client: ImapFlow): Promise<boolean> {
  const all = await rawUidSearch(client, [{ type: 'ATOM', value: 'SAVEDATESUPPORTED' }]);
  return all.length > 0;
}

export interface MessageMeta {
  uid: number;
  size: number;
  internalDate: Date | null;
  sentDate: Date | null;
  /** RFC 8514 save date; fetched only for rules by saved date. */
  savedDate?: Date | null;
  /** Flags as of this FETCH; fetched only where a removal follows. */
  flags?: ReadonlySet<string> | null;
  /** CONDSTORE mod-sequence as of this FETCH (servers with CONDSTORE). */
  modseq?: bigint | null;
  messageId: string | null;
  subject: string | null;
  from: string | null;
}

const toDate = (v: unknown) => {
  if (!v) return null;
  const d = v instanceof Date ? v : new Date(String(v));
  return Number.isNaN(d.getTime()) ? null : d;
};

function toMeta(m: FetchMessageObject): MessageMeta {
  const from = m.envelope?.from?.[0];
  const headers = m.headers ? parseAuditHeaders(m.headers) : null;
  return {
    uid: m.uid,
    size: m.size ?? 0,
    internalDate: toDate(m.internalDate),
    sentDate: headers ? headers.sentDate : toDate(m.envelope?.date),
    messageId: headers ? headers.messageId : (m.envelope?.messageId ?? null),
    subject: headers ? headers.subject : (m.envelope?.subject ?? null),
    from: from ? (from.name ? `${from.name} <${from.address ?? ''}>` : (from.address ?? null)) : null,
    ...(m.flags ? { flags: m.flags } : {}),
    ...(m.modseq !== undefined ? { modseq: m.modseq } : {}),
  };
}

export interface FetchOptions {
  /** Subject, sender, Message-ID and Date: header (ENVELOPE). Default true. */
  envelope?: boolean;
  /**
   * Instead of the ENVELOPE, only what the audit records and a rule by sent date needs: Message-ID, Subject and
   * Date: header (audit-headers.ts; `from` stays null). Much less for the worker to parse per message.
   */
  auditHeaders?: boolean;
  /** Current flags (and, on CONDSTORE servers, the mod-sequence imapflow always asks for then). */
  flags?: boolean;
  /** RFC 8514 save dates (one more FETCH of the same UIDs). */
  saveDates?: boolean;
  /** CONDSTORE: only messages whose mod-sequence is above this (`CHANGEDSINCE`); ignored by servers without it. */
  changedSince?: bigint;
}

/** UID, size, dates and envelope of one chunk (only those still present come back). */
export async function fetchMeta(client: ImapFlow, uids: readonly number[], opts: FetchOptions = {}): Promise<MessageMeta[]> {
  if (!uids.length) return [];
  const out: MessageMeta[] = [];
  const query = opts.auditHeaders
    ? { uid: true, size: true, internalDate: true, headers: AUDIT_HEADER_FIELDS, flags: opts.flags ?? false }
    : { uid: true, size: true, internalDate: true, envelope: opts.envelope ?? true, flags: opts.flags ?? false };
  // Another session changing flags in this folder (the user's mail client) makes the server send unsolicited
  // FETCH (FLAGS) responses during ours, without a UID: they are not answers to this FETCH.
  const wanted = new Set(uids);
  const fetchOpts = { uid: true, ...(opts.changedSince === undefined ? {} : { changedSince: opts.changedSince }) };
  for await (const m of client.fetch(uidSet(uids), query, fetchOpts)) if (wanted.has(m.uid)) out.push(toMeta(m));
  if (opts.saveDates) {
    const saved = await fetchSaveDates(client, uids);
    for (const m of out) m.savedDate = saved.get(m.uid) ?? null;
  }
  return out.sort((a, b) => a.uid - b.uid);
}

interface RawFetch { attributes?: unknown[] }

const MONTH_INDEX: Record<string, number> = { jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11 };

/** RFC 3501 date-time ("05-Dec-2026 23:16:46 +0000", day may be space-padded) -> Date; null when malformed. */
export function parseImapDateTime(text: string): Date | null {
  const m = /^\s?(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const month = MONTH_INDEX[m[2].toLowerCase()];
  if (month === undefined) return null;
  const offsetMin = (m[7] === '-' ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9]));
  const utc = Date.UTC(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6])) - offsetMin * 60_000;
  return new Date(utc);
}

/** FETCH SAVEDATE (RFC 8514), which imapflow does not compile: UID -> save date (null where the server has none). */
export async function fetchSaveDates(client: ImapFlow, uids: readonly number[]): Promise<Map<number, Date | null>> {
  const dates = new Map<number, Date | null>();
  const exec = (client as unknown as { exec: (c: string, a: unknown[], o: unknown) => Promise<{ next(): void }> }).exec.bind(client);
  const response = await exec('UID FETCH', [{ type: 'SEQUENCE', value: uidSet(uids) }, [{ type: 'ATOM', value: 'UID' }, { type: 'ATOM', value: 'SAVEDATE' }]], {
    untagged: {
      FETCH: async (untagged: RawFetch | undefined) => {
        const items = (untagged?.attributes?.[1] ?? []) as { value?: unknown }[];
        let uid = 0;
        let saved: Date | null = null;
        for (let i = 0; i + 1 < items.length; i += 2) {
          const key = String(items[i]?.value ?? '').toUpperCase();
          const value = items[i + 1]?.value;
          if (key === 'UID') uid = Number(value);
          if (key === 'SAVEDATE' && typeof value === 'string') saved = parseImapDateTime(value);
        }
        if (uid) dates.set(uid, saved);
      },
    },
  });
  response.next();
  return dates;
}
