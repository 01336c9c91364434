// The bodies of the messages select-messages.ts chose, in its order, with memory bounded whatever the export's
// size (#20): messages go BATCH_BYTES at a time (one UID FETCH BODY.PEEK[] per batch, which sets no \Seen), each
// handed on only when the consumer asks for the next, so at most one batch is held; a message larger than
// LARGE_MESSAGE_BYTES is fetched in CHUNK_BYTES pieces (BODY.PEEK[]<start.length>) as the consumer takes them.
// The bytes are the server's own (no decoding). A message removed since the selection is left out (`missing`).
import type { ImapFlow, MailboxLockObject } from 'imapflow';
import { uidSet } from '../expiry/search-candidates.ts';
import type { ExportItem } from './select-messages.ts';

/** 4 MiB per FETCH: a few hundred ordinary messages per round trip, a small fraction of the 200 MB target. */
export const BATCH_BYTES = 4 * 1024 * 1024;
/** Most messages per FETCH: keeps the UID set's text short however scattered the UIDs are. */
export const BATCH_MESSAGES = 500;
export const LARGE_MESSAGE_BYTES = 4 * 1024 * 1024;
export const CHUNK_BYTES = 1024 * 1024;

export interface ExportedMessage {
  item: ExportItem;
  /** The message's bytes; read them all before asking the generator for the next message. */
  chunks: AsyncIterable<Buffer>;
}

export interface StreamStats { missing: number }

function batches(items: readonly ExportItem[]): ExportItem[][] {
  const out: ExportItem[][] = [];
  let batch: ExportItem[] = [];
  let bytes = 0;
  for (const item of items) {
    const large = item.size > LARGE_MESSAGE_BYTES;
    const fits = batch.length && !large && batch[0].folder === item.folder && batch[0].size <= LARGE_MESSAGE_BYTES
      && bytes + item.size <= BATCH_BYTES && batch.length < BATCH_MESSAGES;
    if (batch.length && !fits) {
      out.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(item);
    bytes += item.size;
  }
  if (batch.length) out.push(batch);
  return out;
}

async function* once(buffer: Buffer) {
  yield buffer;
}

export async function* streamMessages(client: ImapFlow, items: readonly ExportItem[], stats: StreamStats = { missing: 0 }): AsyncGenerator<ExportedMessage> {
  let lock: MailboxLockObject | null = null;
  let open: string | null = null;
  try {
    for (const batch of batches(items)) {
      const folder = batch[0].folder;
      if (open !== folder) {
        lock?.release();
        lock = null;
        lock = await client.getMailboxLock(folder, { readOnly: true });
        open = folder;
      }
      if (batch.length === 1 && batch[0].size > LARGE_MESSAGE_BYTES) {
        const first = await chunkOf(client, batch[0].uid, 0);
        if (!first) {
          stats.missing++;
          continue;
        }
        yield { item: batch[0], chunks: largeMessage(client, batch[0].uid, first) };
        continue;
      }
      const bodies = new Map<number, Buffer>();
      // Unsolicited FETCH responses (another session changing flags) carry no source: only the asked UIDs count.
      const wanted = new Set(batch.map((i) => i.uid));
      for await (const m of client.fetch(uidSet([...wanted]), { uid: true, source: true }, { uid: true })) {
        if (wanted.has(m.uid) && m.source) bodies.set(m.uid, m.source);
      }
      for (const item of batch) {
        const body = bodies.get(item.uid);
        if (!body) {
          stats.missing++;
          continue;
        }
        bodies.delete(item.uid); // handed on: nothing keeps it once the consumer is done with it
        yield { item, chunks: once(body) };
      }
    }
  } finally {
    lock?.release();
  }
}

async function chunkOf(client: ImapFlow, uid: number, start: number): Promise<Buffer | null> {
  const m = await client.fetchOne(String(uid), { uid: true, source: { start, maxLength: CHUNK_BYTES } }, { uid: true });
  return m && m.source ? m.source : null;
}

async function* largeMessage(client: ImapFlow, uid: number, first: Buffer): AsyncGenerator<Buffer> {
  let chunk: Buffer | null = first;
  let start = 0;
  while (chunk && chunk.length) {
    yield chunk;
    if (chunk.length < CHUNK_BYTES) return;
    start += chunk.length;
    chunk = await chunkOf(client, uid, start);
  }
}
