// The mailbox-read contract: read-only looks into one mailbox that the API needs for an answer, run by a worker
// (the API never opens IMAP). The API adds a job and waits for its return value (server/services/mailbox-reads.ts);
// jobs/workers/mailbox-read.ts answers. Results hold figures and folder names, and message subjects and senders only
// when the requester may see them (`withMetadata`); completed jobs are removed after a minute.
// `verify-login` is the one read that is not through admin access: a LOGIN as the user with the password they typed
// into /me (#20). Its job carries the password only sealed (server/core/lib/login-seal.ts) and is removed as soon as it
// ends, completed or failed (MAILBOX_READ_JOB_OPTIONS).
import type { JobsOptions } from 'bullmq';
import type { FolderInfo } from '../domain/retention/selectors.ts';
import type { Rule } from '../domain/retention/rules.ts';
import type { FolderUnderRule } from '../domain/retention/plan.ts';

export type MailboxReadRequest =
  /** What expiry would remove now (`at`, ISO), per planned folder, exactly as a real run would select it. */
  | { kind: 'expiry-preview'; mailboxId: number; at: string; withMetadata: boolean }
  /** The mailbox's folders and the server's capabilities, listed live. */
  | { kind: 'folders'; mailboxId: number }
  /** The `limit` largest messages across the folders ("why is it full"), with subjects and senders only `withMetadata`. */
  | { kind: 'largest-messages'; mailboxId: number; limit: number; withMetadata: boolean }
  /** Does the IMAP server accept this login with this password? `sealed`: the password, sealed for `login` and
   *  `notAfter` (ISO); the worker refuses it after notAfter. No mailboxId: an unknown address is checked the same way. */
  | { kind: 'verify-login'; login: string; sealed: string; notAfter: string };

export interface LargestMessage {
  folder: string;
  uid: number;
  size: number;
  /** INTERNALDATE (when the server received or stored it), ISO. */
  date: string | null;
  subject: string | null;
  from: string | null;
}

export interface LargestMessages {
  messages: LargestMessage[];
  /** How the sizes were ranked: the server's SORT, or a FETCH of every message's size. */
  method: 'sort' | 'fetch';
  /** Folders that could not be read, with the reason (the others are still ranked). */
  errors: { folder: string; error: string }[];
}

export interface PreviewFolder extends FolderUnderRule {
  ageBasis: Rule['ageBasis'];
  maxAgeDays: number;
  examined: number;
  count: number;
  /** Due by age, but not announced by a notice that is noticeDays old yet (server/core/imap/expiry/notice-admission.ts). */
  awaitingNotice: number;
  bytes: number;
  /** By the rule's age basis (received: INTERNALDATE; sent: Date header; saved: save date). */
  oldest: string | null;
  newest: string | null;
  sample: { uid: number; subject: string | null; from: string | null; date: string | null; size: number }[];
  error: string | null;
}

export type MailboxReadResult =
  | { kind: 'expiry-preview'; folders: PreviewFolder[] }
  | { kind: 'folders'; folders: FolderInfo[]; capabilities: string[] }
  | ({ kind: 'largest-messages' } & LargestMessages)
  | { kind: 'verify-login'; ok: boolean };

/** Per kind, over the queue's defaults: a sealed password stays in Redis no longer than its job runs. */
export const MAILBOX_READ_JOB_OPTIONS: Partial<Record<MailboxReadRequest['kind'], JobsOptions>> = {
  'verify-login': { removeOnComplete: true, removeOnFail: true },
};

/** How a worker's failure starts when the IMAP server refused this mailbox's login (no such user, or admin access
 *  not allowed for it): the API answers 409 naming the login. Any other failure is a 503. */
export const LOGIN_REFUSED = 'IMAP login refused';
