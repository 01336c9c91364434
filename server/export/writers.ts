// The two download formats, each a byte stream pulled by the HTTP response: nothing is produced before the client
// takes what came before, so the export holds at most one fetch batch whatever the folder's size.
//  - mbox: mboxrd (server/core/domain/export/mboxrd.ts), one "From " line per message with its received date.
//  - zip: one .eml per message (the server's bytes, unchanged), stored without compression, by client-zip: it
//    pulls each file's bytes as it writes them and switches to Zip64 by itself past 4 GiB or 65,535 files.
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { makeZip } from 'client-zip';
import { createMboxrdQuoter, fromLine } from '../core/domain/export/mboxrd.ts';
import { emlName, type ExportFormat } from '../core/domain/export/request.ts';
import type { ExportedMessage } from '../core/imap/export/stream-messages.ts';

const dateOf = (ms: number | null) => (ms === null ? null : new Date(ms));

/** What went out, for the audit: messages written whole, and their bytes (as the server stores them). */
export interface Written { count: number; bytes: number }

/** The message's chunks, counted once all of them were taken. */
async function* counted(message: ExportedMessage, written: Written): AsyncGenerator<Buffer> {
  let bytes = 0;
  for await (const chunk of message.chunks) {
    bytes += chunk.length;
    yield chunk;
  }
  written.count++;
  written.bytes += bytes;
}

async function* mbox(messages: AsyncIterable<ExportedMessage>, written: Written): AsyncGenerator<Buffer> {
  for await (const message of messages) {
    const quoter = createMboxrdQuoter();
    yield fromLine(dateOf(message.item.received));
    for await (const chunk of counted(message, written)) {
      const out = quoter.push(chunk);
      if (out.length) yield out;
    }
    yield quoter.end();
  }
}

async function* zipEntries(messages: AsyncIterable<ExportedMessage>, written: Written) {
  for await (const message of messages) {
    const { folder, uid } = message.item;
    const received = dateOf(message.item.received);
    yield { name: emlName(folder, received, uid), lastModified: received ?? new Date(0), input: counted(message, written) };
  }
}

export function exportStream(format: ExportFormat, messages: AsyncIterable<ExportedMessage>, written: Written): Readable {
  if (format === 'mbox') return Readable.from(mbox(messages, written), { objectMode: false });
  return Readable.fromWeb(makeZip(zipEntries(messages, written)) as unknown as WebReadableStream<Uint8Array>);
}

export const CONTENT_TYPES: Record<ExportFormat, string> = { mbox: 'application/mbox', zip: 'application/zip' };
