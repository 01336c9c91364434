// The expiry FETCH, sent through imapflow's command queue (`exec`) and read straight from the parsed response:
// imapflow's own fetch() turns every attribute of every message into an object through its general formatter
// (it re-serialises each item name to find out which it is), which was the largest single share of the worker's
// CPU per expired message. Here the few items expiry asks for are read by name. Same session, same parser, same
// command queue as every other command; search-candidates.ts fetchMeta stays the general path (previews, notices).
import type { ImapFlow } from 'imapflow';
import { AUDIT_HEADER_FIELDS, parseAuditHeaders } from './audit-headers.ts';
import { parseImapDateTime, uidSet, type MessageMeta } from './search-candidates.ts';

interface Token { type?: string; value?: unknown; section?: unknown[] }
interface Untagged { attributes?: unknown[] }
interface Exec { exec(command: string, attributes: unknown[], options?: unknown): Promise<{ next(): void }> }

export interface ExpiryFetchOptions {
  /** Size and internal date; false: flags (and mod-sequence) only. */
  meta: boolean;
  /** The audit's header fields too (audit-headers.ts): real runs, and rules by sent date. */
  headers?: boolean;
  /** Ask for MODSEQ too (the session has CONDSTORE on). */
  modseq: boolean;
  /** CONDSTORE `CHANGEDSINCE`: only messages changed after this mod-sequence. */
  changedSince?: bigint;
}

const atom = (value: string) => ({ type: 'ATOM', value });

function fetchItems(opts: ExpiryFetchOptions): unknown[] {
  const items: unknown[] = [atom('UID'), atom('FLAGS')];
  if (opts.modseq) items.push(atom('MODSEQ'));
  if (opts.meta) {
    items.push(atom('RFC822.SIZE'), atom('INTERNALDATE'));
  }
  if (opts.meta && opts.headers) {
    items.push({ type: 'ATOM', value: 'BODY.PEEK', section: [atom('HEADER.FIELDS'), AUDIT_HEADER_FIELDS.map((f) => atom(f.toUpperCase()))] });
  }
  return items;
}

const text = (t: unknown) => {
  const v = (t as Token | undefined)?.value;
  return typeof v === 'string' ? v : Buffer.isBuffer(v) ? v.toString('latin1') : '';
};

/** One untagged FETCH answer -> MessageMeta; null when it lacks what we asked for (an unsolicited flag update). */
function readFetch(untagged: Untagged | undefined, meta: boolean): MessageMeta | null {
  const items = (untagged?.attributes?.[1] ?? []) as unknown[];
  if (!Array.isArray(items)) return null;
  const m: MessageMeta = { uid: 0, size: 0, internalDate: null, sentDate: null, messageId: null, subject: null, from: null };
  let sized = false;
  for (let i = 0; i + 1 < items.length; i += 2) {
    const key = items[i] as Token;
    const value = items[i + 1];
    switch (String(key?.value ?? '').toUpperCase()) {
      case 'UID': m.uid = Number(text(value)); break;
      case 'RFC822.SIZE': m.size = Number(text(value)) || 0; sized = true; break;
      case 'INTERNALDATE': m.internalDate = parseImapDateTime(text(value)); break;
      case 'FLAGS': m.flags = new Set(Array.isArray(value) ? value.map(text) : []); break;
      case 'MODSEQ': {
        const v = Array.isArray(value) ? text(value[0]) : '';
        m.modseq = /^\d{1,20}$/.test(v) ? BigInt(v) : null;
        break;
      }
      case 'BODY': {
        const v = (value as Token | undefined)?.value;
        Object.assign(m, parseAuditHeaders(Buffer.isBuffer(v) || typeof v === 'string' ? v : null));
        break;
      }
    }
  }
  if (!Number.isSafeInteger(m.uid) || m.uid <= 0 || !m.flags || (meta && !sized)) return null;
  return m;
}

/**
 * UID FETCH of `uids` for expiry; returns only answers for those UIDs, one per UID (the first full answer: with
 * QRESYNC on, another session's flag change arrives as an unsolicited FETCH carrying a UID but not our items).
 */
export async function fetchForExpiry(client: ImapFlow, uids: readonly number[], opts: ExpiryFetchOptions): Promise<MessageMeta[]> {
  if (!uids.length) return [];
  const wanted = new Set(uids);
  const got = new Map<number, MessageMeta>();
  const attributes: unknown[] = [{ type: 'SEQUENCE', value: uidSet(uids) }, fetchItems(opts)];
  if (opts.changedSince !== undefined) attributes.push([atom('CHANGEDSINCE'), atom(opts.changedSince.toString())]);
  const response = await (client as unknown as Exec).exec('UID FETCH', attributes, {
    untagged: {
      FETCH: async (untagged: Untagged | undefined) => {
        const m = readFetch(untagged, opts.meta);
        if (m && wanted.has(m.uid) && !got.has(m.uid)) got.set(m.uid, m);
      },
    },
  });
  response.next();
  return [...got.values()].sort((a, b) => a.uid - b.uid);
}
