// The mailbox-read contract: read-only looks into one mailbox that the API needs for an answer, run by a worker
// (the API never opens IMAP). The API adds a job and waits for its return value (server/services/mailbox-reads.ts);
// jobs/workers/mailbox-read.ts answers. Results hold figures and folder names, and message subjects and senders only
// when the requester may see them (`withMetadata`); completed jobs are removed after a minute.
import type { FolderInfo } from '../domain/retention/selectors.ts';
import type { Rule } from '../domain/retention/rules.ts';

export type MailboxReadRequest =
  /** What expiry would remove now (`at`, ISO), per planned folder, exactly as a real run would select it. */
  | { kind: 'expiry-preview'; mailboxId: number; at: string; withMetadata: boolean }
  /** The mailbox's folders and the server's capabilities, listed live. */
  | { kind: 'folders'; mailboxId: number };

export interface PreviewFolder {
  path: string;
  specialUse: string | null;
  ruleId: number;
  rulePosition: number;
  action: 'delete' | 'move';
  moveTo: string | null;
  ageBasis: Rule['ageBasis'];
  maxAgeDays: number;
  examined: number;
  count: number;
  /** Due by age, but not announced by a notice that is noticeDays old yet (server/core/imap/expiry-admit.ts). */
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
  | { kind: 'folders'; folders: FolderInfo[]; capabilities: string[] };

/** How a worker's failure starts when the IMAP server refused this mailbox's login (no such user, or admin access
 *  not allowed for it): the API answers 409 naming the login. Any other failure is a 503. */
export const LOGIN_REFUSED = 'IMAP login refused';
