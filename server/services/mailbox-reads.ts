// The API's side of the mailbox-read contract (server/core/queues/mailbox-read.ts): the API never opens IMAP, so a
// request that needs to look into a mailbox adds a mailbox-read job and waits for a worker's answer, up to
// MAILBOX_READ_TIMEOUT_MS. At most MAILBOX_READ_MAX_WAITING such requests wait per API process (more get 429), and
// the workers run at most MAILBOX_READ_CONCURRENCY at once each, so no staff role can open IMAP sessions unbounded.
import type { QueueEvents } from 'bullmq';
import type { Queues } from '../core/queues/registry.ts';
import { LOGIN_REFUSED, MAILBOX_READ_JOB_OPTIONS, type MailboxReadRequest, type MailboxReadResult } from '../core/queues/mailbox-read.ts';
import { BusyError, ConflictError, DependencyDownError } from '../core/domain/errors.ts';

type ResultOf<K extends MailboxReadRequest['kind']> = Extract<MailboxReadResult, { kind: K }>;

export interface MailboxReads {
  /** `login` names the mailbox's IMAP login in the 409 the API answers when the server refuses it. */
  read<R extends MailboxReadRequest>(request: R, login: string): Promise<ResultOf<R['kind']>>;
}

interface Options {
  queue: Queues['mailbox-read'];
  /** Made on first use (a blocking Redis connection). */
  events: () => QueueEvents;
  timeoutMs: number;
  maxWaiting: number;
  log: { warn(obj: object, msg: string): void };
}

export function createMailboxReads({ queue, events, timeoutMs, maxWaiting, log }: Options): MailboxReads {
  let waiting = 0;
  return {
    async read<R extends MailboxReadRequest>(request: R, login: string): Promise<ResultOf<R['kind']>> {
      if (waiting >= maxWaiting) throw new BusyError(`${waiting} mailbox reads are already in progress: try again in a few seconds`);
      waiting++;
      try {
        const listening = events(); // listening before the job exists, so its end cannot be missed
        const job = await queue.add(request.kind, request, MAILBOX_READ_JOB_OPTIONS[request.kind]);
        try {
          return (await job.waitUntilFinished(listening, timeoutMs)) as ResultOf<R['kind']>;
        } catch (err) {
          const message = (err as Error).message ?? '';
          if (message.includes('timed out before finishing')) {
            // Nobody waits for it any more: take it back if no worker has started it.
            await job.remove().catch(() => undefined);
            log.warn({ jobId: job.id, kind: request.kind, timeoutMs }, 'mailbox read not answered in time');
            throw new DependencyDownError('The worker answering mailbox reads');
          }
          if (message.startsWith(LOGIN_REFUSED)) throw new ConflictError(`The IMAP server refused the login ${login} (no such user there, or admin access is not allowed for it)`, 'imapLogin');
          // The worker could not reach or read the mailbox (its reason is logged, never sent: it may name the server).
          log.warn({ jobId: job.id, kind: request.kind, reason: message.slice(0, 300) }, 'mailbox read failed');
          throw new DependencyDownError('IMAP server');
        }
      } finally {
        waiting--;
      }
    },
  };
}
