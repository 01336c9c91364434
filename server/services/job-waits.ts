// Waiting for a queued job's end without polling: one QueueEvents listener (BullMQ's events stream) per queue
// dispatches the end of each job to the requests waiting for it. Used by "Recalculate now" (GET
// /api/mailboxes/:id/scans/:jobId), which answers as soon as the worker has stored the new figures.
import type { QueueEvents } from 'bullmq';
import { BusyError } from '../core/domain/errors.ts';

/** How a job stood when the wait ended: finished, failed for good, failed once and scheduled again, or still going. */
export type JobOutcome = 'completed' | 'failed' | 'retrying' | 'running';

export interface JobWaits {
  /** Resolves when job `jobId` ends, or with 'running' after `timeoutMs`. `currentState` (BullMQ's state, or
   *  'retrying') is asked once listening, so a job that ended before the wait began is answered at once. */
  wait(jobId: string, currentState: () => Promise<string>, timeoutMs: number): Promise<JobOutcome>;
}

/** `events` is made on first use (a blocking Redis connection); at most `maxWaiting` requests wait at once (429 past it). */
export function createJobWaits(events: () => QueueEvents, maxWaiting: number): JobWaits {
  const waiting = new Map<string, Set<(outcome: JobOutcome) => void>>();
  let listening = false;
  let count = 0;

  const settle = (jobId: string, outcome: JobOutcome) => {
    for (const resolve of waiting.get(jobId) ?? []) resolve(outcome);
  };
  const listen = async () => {
    const source = events();
    if (!listening) {
      listening = true;
      source.on('completed', ({ jobId }) => settle(jobId, 'completed'));
      source.on('failed', ({ jobId }) => settle(jobId, 'failed'));
      // A failure with attempts left moves the job to delayed (backoff) or back to waiting: the try has ended.
      source.on('delayed', ({ jobId }) => settle(jobId, 'retrying'));
      source.on('waiting', ({ jobId, prev }) => { if (prev === 'failed') settle(jobId, 'retrying'); });
    }
    await source.waitUntilReady();
  };

  return {
    async wait(jobId, currentState, timeoutMs) {
      if (count >= maxWaiting) throw new BusyError(`${count} requests already wait for jobs: try again in a few seconds`);
      count++;
      let resolve!: (outcome: JobOutcome) => void;
      const outcome = new Promise<JobOutcome>((r) => { resolve = r; });
      const set = waiting.get(jobId) ?? new Set();
      waiting.set(jobId, set);
      set.add(resolve);
      const timer = setTimeout(() => resolve('running'), timeoutMs);
      try {
        await listen();
        const state = await currentState();
        if (state === 'completed' || state === 'failed' || state === 'retrying') resolve(state);
        return await outcome;
      } finally {
        clearTimeout(timer);
        set.delete(resolve);
        if (set.size === 0) waiting.delete(jobId);
        count--;
      }
    },
  };
}
