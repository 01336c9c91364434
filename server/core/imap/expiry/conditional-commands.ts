// The two IMAP commands that remove mail, issued so that nothing changed by the user since we looked is removed:
//   - a conditional STORE (RFC 7162 CONDSTORE `UNCHANGEDSINCE`) of \Deleted: a message whose flags changed after
//     our FETCH (flagged, marked unread or deleted by the user) is refused by the server and named in the
//     tagged `[MODIFIED …]` answer, which imapflow's messageFlagsAdd does not return, hence the raw command;
//   - UID EXPUNGE (RFC 4315 UIDPLUS) of exactly the UIDs our STORE marked, never a bare EXPUNGE.
// Both go through imapflow's command queue (`exec`), the same way as the raw SEARCH in search-candidates.ts.
import type { ImapFlow } from 'imapflow';
import { uidsOfSet } from '../../repositories/expiry-announcements.ts';
import { uidSet } from './search-candidates.ts';

interface Token { type: string; value?: unknown; section?: Token[] }
interface Tagged { command?: string; attributes?: Token[] }
interface Exec { exec(command: string, attributes: unknown[], options?: unknown): Promise<{ response: Tagged; next(): void }> }

const exec = (client: ImapFlow) => (client as unknown as Exec).exec.bind(client);

/** The UIDs named by a `[MODIFIED set]` response code in a tagged answer (empty when there is none). */
export function modifiedOf(tagged: Tagged): number[] {
  for (const attr of tagged.attributes ?? []) {
    const section = attr.section;
    if (section && String(section[0]?.value ?? '').toUpperCase() === 'MODIFIED') return uidsOfSet(String(section[1]?.value ?? ''));
  }
  return [];
}

export const supportsCondstore = (client: ImapFlow) =>
  (client as unknown as { enabled?: Set<string> }).enabled?.has('CONDSTORE') === true && !(client.mailbox && (client.mailbox as { noModseq?: boolean }).noModseq);

export interface ConditionalStore {
  /** UIDs the server refused because they changed after `unchangedSince` (`[MODIFIED …]`). */
  refused: number[];
  /**
   * Lowest MODSEQ the server reported for the messages this STORE changed (RFC 7162 3.1.3: with CONDSTORE on, a
   * STORE answers each changed message with its new MODSEQ, .SILENT or not), null when it reported none. Any
   * later change to those messages carries a higher one, so `CHANGEDSINCE` this value finds every message the
   * user touched after our STORE (expire-folder.ts, the re-check before the UID EXPUNGE).
   */
  modseq: bigint | null;
}

/** MODSEQ of an untagged `* n FETCH (UID u MODSEQ (m))`, or null. */
function fetchModseq(untagged: { attributes?: unknown[] } | undefined): bigint | null {
  const items = (untagged?.attributes?.[1] ?? []) as Token[];
  for (let i = 0; i + 1 < items.length; i += 2) {
    if (String(items[i]?.value ?? '').toUpperCase() !== 'MODSEQ') continue;
    const inner = items[i + 1] as unknown as Token[];
    const text = String((Array.isArray(inner) ? inner[0]?.value : undefined) ?? '');
    return /^\d{1,20}$/.test(text) ? BigInt(text) : null;
  }
  return null;
}

/**
 * UID STORE +FLAGS.SILENT (\Deleted) on `uids`, refused by the server for any message modified after `unchangedSince`.
 * A NO answer (the whole command refused) throws.
 */
export async function storeDeletedUnchangedSince(client: ImapFlow, uids: readonly number[], unchangedSince: bigint): Promise<ConditionalStore> {
  if (!uids.length) return { refused: [], modseq: null };
  let lowest: bigint | null = null;
  const response = await exec(client)('UID STORE', [
    { type: 'SEQUENCE', value: uidSet(uids) },
    [{ type: 'ATOM', value: 'UNCHANGEDSINCE' }, { type: 'ATOM', value: unchangedSince.toString() }],
    { type: 'ATOM', value: '+FLAGS.SILENT' },
    [{ type: 'ATOM', value: '\\Deleted' }],
  ], {
    untagged: {
      FETCH: async (untagged: { attributes?: unknown[] } | undefined) => {
        const m = fetchModseq(untagged);
        if (m !== null && (lowest === null || m < lowest)) lowest = m;
      },
    },
  });
  response.next();
  const asked = new Set(uids);
  return { refused: modifiedOf(response.response).filter((u) => asked.has(u)), modseq: lowest };
}

/** UID STORE +FLAGS.SILENT (\Deleted), unconditionally (servers without CONDSTORE, reconciliation). */
export async function storeDeleted(client: ImapFlow, uids: readonly number[]): Promise<void> {
  if (!uids.length) return;
  const ok = await client.messageFlagsAdd(uidSet(uids), ['\\Deleted'], { uid: true, silent: true } as { uid: boolean });
  if (!ok) throw new Error('the IMAP server refused the STORE of \\Deleted');
}

/** UID EXPUNGE of exactly `uids` (only those carrying \Deleted go). */
export async function uidExpunge(client: ImapFlow, uids: readonly number[]): Promise<void> {
  if (!uids.length) return;
  const response = await exec(client)('UID EXPUNGE', [{ type: 'SEQUENCE', value: uidSet(uids) }]);
  response.next();
}
