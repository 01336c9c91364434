// Parses and validates imported CSVs in a worker thread (mailbox-csv-thread.ts), handing back the validated rows in
// batches of 500 as they come. csv-parse with line info costs ~10–30 µs a row: 100,000 rows are seconds of CPU that, on the
// API's event loop, held /health/live for up to ~450 ms during three parallel uploads even when sliced.
// The thread starts with the first import and is kept (starting one costs ~50 ms compiled, ~0.5 s from source under
// tsx); it keeps the process alive only while an import runs, and a new one starts if it dies.
import type { Worker } from 'node:worker_threads';
import type { ValidMailboxRow, CsvStreamEnd } from '../core/domain/mailbox-csv.ts';
import { siblingModule, startWorkerThread } from '../core/lib/worker-thread.ts';

export interface ParseRequest { type: 'parse'; id: number; csv: string; planNames: string[]; servedDomains: string[] | null }
export type CsvThreadRequest = ParseRequest | { type: 'cancel'; id: number };
export type CsvThreadReply = { id: number } & (
  | { type: 'rows'; rows: ValidMailboxRow[] }
  | ({ type: 'end' } & CsvStreamEnd)
  | { type: 'failed'; message: string });

type Listener = (reply: CsvThreadReply | Error) => void;
const ENTRY = siblingModule(import.meta.url, 'mailbox-csv-thread');
let thread: Worker | null = null;
const listeners = new Map<number, Listener>();
let lastId = 0;

function sharedThread(): Worker {
  if (thread) return thread;
  const started = startWorkerThread(ENTRY);
  const fail = (err: Error) => {
    if (thread === started) thread = null;
    for (const listener of listeners.values()) listener(err);
  };
  started.on('message', (reply: CsvThreadReply) => listeners.get(reply.id)?.(reply));
  started.on('error', fail);
  started.on('exit', (code) => fail(new Error(`the CSV thread exited (${code})`)));
  thread = started;
  return started;
}

/** Yields batches of validated rows; returns the errors and warnings (with `fileError`: the yielded rows are void). */
export async function* parseMailboxCsvInThread(input: Omit<ParseRequest, 'type' | 'id'>): AsyncGenerator<ValidMailboxRow[], CsvStreamEnd> {
  const id = ++lastId;
  const worker = sharedThread();
  const queue: (CsvThreadReply | Error)[] = [];
  let wake: (() => void) | null = null;
  listeners.set(id, (reply) => { queue.push(reply); wake?.(); wake = null; });
  worker.ref();
  let ended = false;
  try {
    worker.postMessage({ type: 'parse', id, ...input } satisfies ParseRequest);
    for (;;) {
      const reply = queue.shift();
      if (!reply) await new Promise<void>((resolve) => { wake = resolve; });
      else if (reply instanceof Error) throw reply;
      else if (reply.type === 'rows') yield reply.rows;
      else if (reply.type === 'failed') throw new Error(`CSV thread: ${reply.message}`);
      else { ended = true; return { errors: reply.errors, warnings: reply.warnings, fileError: reply.fileError }; }
    }
  } finally {
    listeners.delete(id);
    if (!ended && thread === worker) worker.postMessage({ type: 'cancel', id } satisfies CsvThreadRequest);
    if (!listeners.size) worker.unref();
  }
}
