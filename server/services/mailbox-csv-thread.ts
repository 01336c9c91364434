// Entry of the worker thread that parses and validates imported CSVs (started by mailbox-csv-parse.ts): the API's event
// loop only receives validated rows, in batches, and does the database work. One thread serves every import at once:
// the files are parsed a slice at a time in turn, so parsing takes at most one core whatever the number of uploads.
// Pure: no database, no network.
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { validateMailboxCsvInSlices, type ValidMailboxRow } from '../core/domain/mailbox-csv.ts';
import type { CsvThreadReply, CsvThreadRequest, ParseRequest } from './mailbox-csv-parse.ts';

// Rows per message: one registered-address lookup each on the other side.
const BATCH = 500;

// Parsing yields the CPU to the API's event loop: on Linux the nice value is per thread, so this lowers only this
// thread (elsewhere it would lower the whole process, so it is left alone).
if (process.platform === 'linux') setPriority(10);

const port = parentPort!;
const cancelled = new Set<number>();
const send = (message: CsvThreadReply) => port.postMessage(message);

async function parse({ id, csv, planNames, servedDomains }: ParseRequest): Promise<void> {
  const known = { planNames: new Set(planNames), existingAddresses: new Set<string>(), servedDomains: servedDomains && new Set(servedDomains) };
  const slices = validateMailboxCsvInSlices(csv, known);
  let pending: ValidMailboxRow[] = [];
  for (let next = await slices.next(); !cancelled.has(id); next = await slices.next()) {
    if (next.done) {
      if (pending.length && !next.value.fileError) send({ id, type: 'rows', rows: pending });
      send({ id, type: 'end', ...next.value });
      return;
    }
    pending.push(...next.value);
    if (pending.length >= BATCH) { send({ id, type: 'rows', rows: pending }); pending = []; }
  }
  await slices.return({ errors: [], warnings: [], fileError: true }); // cancelled: the parser is dropped
}

port.on('message', (request: CsvThreadRequest) => {
  if (request.type === 'cancel') { cancelled.add(request.id); return; }
  parse(request)
    .catch((err: unknown) => send({ id: request.id, type: 'failed', message: err instanceof Error ? err.message : String(err) }))
    .finally(() => cancelled.delete(request.id));
});
