// "Why is this mailbox full?": the largest messages across its folders, read-only (folders opened with EXAMINE).
// Where the server offers SORT (RFC 5256; Dovecot does), each folder is asked `UID SORT (REVERSE SIZE) UTF-8 ALL`
// and only the first `limit` UIDs are fetched; elsewhere every message's RFC822.SIZE is fetched and sorted here.
// Subjects and senders are fetched only when the requester may see them (`withMetadata`).
import type { ImapFlow } from 'imapflow';
import { listFolders } from './expiry/expire-mailbox.ts';
import { uidSet } from './expiry/search-candidates.ts';
import type { LargestMessage, LargestMessages } from '../queues/mailbox-read.ts';


interface RawToken { type: 'ATOM'; value: string }
interface RawExec {
  exec(command: string, attributes: (RawToken | RawToken[])[], options: { untagged: Record<string, (u: { attributes?: { value?: unknown }[] } | undefined) => Promise<void>> }): Promise<{ next(): void }>;
}

const atom = (value: string): RawToken => ({ type: 'ATOM', value });

/** UIDs of the folder, largest first, by the server's SORT (imapflow has no SORT command: sent raw, like SAVEDBEFORE). */
async function sortBySize(client: ImapFlow): Promise<number[]> {
  const uids: number[] = [];
  const response = await (client as unknown as RawExec).exec('UID SORT', [[atom('REVERSE'), atom('SIZE')], atom('UTF-8'), atom('ALL')], {
    untagged: {
      SORT: async (untagged) => {
        for (const a of untagged?.attributes ?? []) {
          const n = Number(a.value);
          if (Number.isSafeInteger(n) && n > 0) uids.push(n);
        }
      },
    },
  });
  response.next();
  return uids;
}

/** UIDs of the folder, largest first, from every message's RFC822.SIZE. */
async function fetchBySize(client: ImapFlow): Promise<number[]> {
  const sizes: { uid: number; size: number }[] = [];
  for await (const msg of client.fetch('1:*', { uid: true, size: true })) sizes.push({ uid: msg.uid, size: msg.size ?? 0 });
  return sizes.sort((a, b) => b.size - a.size || a.uid - b.uid).map((m) => m.uid);
}

async function largestInFolder(client: ImapFlow, folder: string, limit: number, useSort: boolean, withMetadata: boolean): Promise<LargestMessage[]> {
  const lock = await client.getMailboxLock(folder, { readOnly: true });
  try {
    const exists = typeof client.mailbox === 'object' ? client.mailbox.exists : 0;
    if (!exists) return [];
    const top = (useSort ? await sortBySize(client) : await fetchBySize(client)).slice(0, limit);
    if (!top.length) return [];
    const out: LargestMessage[] = [];
    const query = { uid: true, size: true, internalDate: true, ...(withMetadata ? { envelope: true } : {}) };
    for await (const msg of client.fetch(uidSet(top), query, { uid: true })) {
      const sender = msg.envelope?.from?.[0];
      out.push({
        folder,
        uid: msg.uid,
        size: msg.size ?? 0,
        date: msg.internalDate ? new Date(msg.internalDate).toISOString() : null,
        subject: withMetadata ? (msg.envelope?.subject ?? null) : null,
        from: withMetadata && sender ? (sender.address ?? sender.name ?? null) : null,
      });
    }
    return out;
  } finally {
    lock.release();
  }
}

/** The `limit` largest messages of the mailbox, largest first (ties: by folder, then UID). */
export async function findLargestMessages(client: ImapFlow, limit: number, withMetadata: boolean): Promise<LargestMessages> {
  const useSort = client.capabilities.has('SORT');
  const folders = (await listFolders(client)).filter((f) => !(f.flags ?? []).some((flag) => flag === '\\Noselect' || flag === '\\NonExistent'));
  const all: LargestMessage[] = [];
  const errors: LargestMessages['errors'] = [];
  for (const folder of folders) {
    try {
      all.push(...await largestInFolder(client, folder.path, limit, useSort, withMetadata));
    } catch (err) {
      errors.push({ folder: folder.path, error: (err as Error).message.slice(0, 200) });
    }
  }
  all.sort((a, b) => b.size - a.size || a.folder.localeCompare(b.folder) || a.uid - b.uid);
  return { messages: all.slice(0, limit), method: useSort ? 'sort' : 'fetch', errors };
}
