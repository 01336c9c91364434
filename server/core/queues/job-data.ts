// What of a job's payload the API shows. Payloads carry ids by contract (server/core/queues/registry.ts), but the console
// shows only the fields named here, so a payload that ever grows something sensitive stays off screen.
// Typed against JobPayloads: renaming a payload field without updating this list fails the type check.
import type { JobPayloads, QueueName } from './registry.ts';

/** The keys of every member of a union payload (mailbox-read's kinds carry different fields). */
type KeysOf<T> = T extends unknown ? keyof T : never;

export const VISIBLE_JOB_FIELDS: { [K in QueueName]: readonly KeysOf<JobPayloads[K]>[] } = {
  probe: ['mailboxId'],
  'usage-scan': ['mailboxId', 'reason'],
  notify: ['notificationId'],
  maintenance: ['task'],
  expiry: ['mailboxId', 'runId', 'dryRun'],
  'expiry-sweep': ['runId', 'policyId', 'dryRun', 'trigger'],
  'plan-limits': ['planId', 'withoutPlan'],
  'mailbox-read': ['kind', 'mailboxId'],
  'directory-sync': ['runId', 'dryRun', 'trigger'],
};

type Scalar = string | number | boolean | null;

/** The listed fields whose values are scalars (strings capped at 100 characters); everything else is dropped. */
export function visibleJobData(queue: QueueName, data: unknown): Record<string, Scalar> {
  const out: Record<string, Scalar> = {};
  if (!data || typeof data !== 'object') return out;
  for (const key of VISIBLE_JOB_FIELDS[queue] as readonly string[]) {
    const value = (data as Record<string, unknown>)[key];
    if (typeof value === 'number' || typeof value === 'boolean' || value === null) out[key] = value;
    else if (typeof value === 'string') out[key] = value.slice(0, 100);
  }
  return out;
}
