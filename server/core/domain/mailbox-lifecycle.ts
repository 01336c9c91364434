// The mailbox lifecycle, pure: which status changes staff may make, and what each status means for Dovecot
// (login) and for Postfix (delivery, through the policy service). docs/mailbox-lifecycle.md explains it for people.
//   active     logs in; mail delivered (subject to the quota)
//   suspended  login refused; mail still delivered (subject to the quota)
//   disabled   login refused; mail answered with POLICY_DISABLED_ACTION (default 450 4.2.1: senders retry)
//   deleted    as disabled, with POLICY_DELETED_ACTION (default 550 5.1.1); its mail is purged once purgeAfter
//              has passed (MAILBOX_PURGE_GRACE_DAYS), unless a legal hold covers it. Restorable until the purge.
import { ConflictError } from './errors.ts';

export const MAILBOX_STATUSES = ['active', 'suspended', 'disabled', 'deleted'] as const;
export type MailboxStatus = (typeof MAILBOX_STATUSES)[number];

export const DAY_MS = 86_400_000;

/** What the policy service answers for a recipient in each status (null: the usual quota decision). */
export interface StatusReplies { disabled: string; deleted: string }

export function statusReply(status: MailboxStatus, replies: StatusReplies): string | null {
  if (status === 'disabled') return replies.disabled;
  if (status === 'deleted') return replies.deleted;
  return null;
}

/** Only an active mailbox's user may log in (Dovecot's deny passdb lists every other one). */
export const mayLogIn = (status: MailboxStatus) => status === 'active';

export interface LifecycleState {
  status: MailboxStatus;
  purgeAfter: Date | null;
  purgedAt: Date | null;
}

/** The columns a status change writes (deletedAt/purgeAfter set on delete, cleared on any other status). */
export interface StatusChange {
  status: MailboxStatus;
  deletedAt: Date | null;
  purgeAfter: Date | null;
}

/**
 * Checks a change staff asked for and returns what to store. Throws ConflictError (409) for a change the lifecycle
 * does not allow: anything on a purged mailbox, a restore after the grace period, or a change to the same status.
 */
export function planStatusChange(current: LifecycleState, wanted: MailboxStatus, now: Date, graceDays: number): StatusChange {
  if (current.purgedAt) throw new ConflictError(`the mailbox was purged on ${current.purgedAt.toISOString()}: its mail is gone and it cannot change status`);
  if (current.status === wanted) throw new ConflictError(`the mailbox is already ${wanted}`);
  if (current.status === 'deleted' && current.purgeAfter && current.purgeAfter.getTime() <= now.getTime()) {
    throw new ConflictError(`the grace period ended on ${current.purgeAfter.toISOString()}: the mailbox is being purged and can no longer be restored`);
  }
  if (wanted === 'deleted') return { status: wanted, deletedAt: now, purgeAfter: purgeTime(now, graceDays) };
  return { status: wanted, deletedAt: null, purgeAfter: null };
}

export const purgeTime = (deletedAt: Date, graceDays: number) => new Date(deletedAt.getTime() + graceDays * DAY_MS);

/** Whether the purge may remove this mailbox's mail now (the worker checks again before every removal). */
export function purgeDue(m: LifecycleState, now: Date): boolean {
  return m.status === 'deleted' && m.purgedAt === null && m.purgeAfter !== null && m.purgeAfter.getTime() <= now.getTime();
}
