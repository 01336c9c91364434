// UID SEARCH and FETCH helpers for expiry, on a folder the caller holds a mailbox lock on.
// imapflow compiles received/sent searches; it has no key for RFC 8514's SAVEDBEFORE/SAVEDSINCE (it refuses
// unknown keys), so those go out as raw atoms through its command queue (`exec`, untyped but stable in 2.x).
import type { FetchMessageObject, ImapFlow } from 'imapflow';
import type { RuleSearch } from '../../server/domain/retention/criteria.ts';

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
  const result = await client.search({ ...search.query, ...(within ? { uid: within } : {}) }, { uid: true });
  // imapflow answers false when the server refused the search: never read that as "nothing matched".
  if (!Array.isArray(result)) throw new Error('the IMAP server refused the SEARCH');
  return [...result].sort((a, b) => a - b);
}

/** Which of `uids` still exist in the selected folder. */
export async function presentUids(client: ImapFlow, uids: readonly number[]): Promise<Set<number>> {
  if (!uids.length) return new Set();
  const result = await client.search({ uid: uidSet(uids) }, { uid: true });
  if (!Array.isArray(result)) throw new Error('the IMAP server refused the SEARCH');
  return new Set(result);
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
  return {
    uid: m.uid,
    size: m.size ?? 0,
    internalDate: toDate(m.internalDate),
    sentDate: toDate(m.envelope?.date),
    messageId: m.envelope?.messageId ?? null,
    subject: m.envelope?.subject ?? null,
    from: from ? (from.name ? `${from.name} <${from.address ?? ''}>` : (from.address ?? null)) : null,
  };
}

/** UID, size, dates and envelope of one chunk (only those still present come back). */
export async function fetchMeta(client: ImapFlow, uids: readonly number[], opts: { envelope?: boolean } = {}): Promise<MessageMeta[]> {
  if (!uids.length) return [];
  const out: MessageMeta[] = [];
  const query = { uid: true, size: true, internalDate: true, envelope: opts.envelope ?? true };
  // Another session changing flags in this folder (the user's mail client) makes the server send unsolicited
  // FETCH (FLAGS) responses during ours, without a UID: they are not answers to this FETCH.
  const wanted = new Set(uids);
  for await (const m of client.fetch(uidSet(uids), query, { uid: true })) if (wanted.has(m.uid)) out.push(toMeta(m));
  return out.sort((a, b) => a.uid - b.uid);
}
