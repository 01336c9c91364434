import type { ApiResponse, ApiRow } from '../api/types';

/** A mailbox as `GET /api/mailboxes` lists it. */
export type Mailbox = ApiRow<'/api/mailboxes/'>;
export type MailboxStatus = Mailbox['status'];

type MailboxDetailAnswer = ApiResponse<'/api/mailboxes/{id}', 'get'>;
export type LimitExplanation = NonNullable<MailboxDetailAnswer['limit']>;
export type LimitPart = LimitExplanation['parts'][number];

/** One folder of the last scan. The API declares `usageFolders` as free JSON, so the console states its shape here. */
export interface FolderUsage {
  path: string;
  specialUse: string | null;
  messages: number;
  bytes: number;
}

/**
 * `GET /api/mailboxes/:id` adds the limit's explanation and the per-folder usage. Both are undefined while the
 * page still shows the row react-admin cached from the list.
 */
export type MailboxDetail = Mailbox & {
  limit?: MailboxDetailAnswer['limit'];
  usageFolders?: FolderUsage[] | null;
};

export type TemporaryIncrease = ApiRow<'/api/temporary-increases/'>;

/** A notice sent to a mailbox (`status` sending: a worker is talking to the mail server; unknown: it stopped
 *  mid-send, so it may or may not have arrived, and is not retried by itself). */
export type QuotaNotification = ApiResponse<'/api/notifications/{id}', 'get'>;
export type NotificationKind = QuotaNotification['kind'];

export const STATUS_CHOICES: { id: MailboxStatus; name: string }[] = [
  { id: 'active', name: 'Active' },
  { id: 'suspended', name: 'Suspended' },
  { id: 'disabled', name: 'Disabled' },
  { id: 'deleted', name: 'Deleted' },
];

export const NOTIFICATION_KIND_CHOICES: { id: NotificationKind; name: string }[] = [
  { id: 'near_quota', name: 'Near quota' },
  { id: 'over_quota', name: 'Over quota' },
  { id: 'back_under', name: 'Back under quota' },
  { id: 'increase_ending', name: 'Increase ending' },
  { id: 'increase_ended', name: 'Increase ended' },
  { id: 'expiry_notice', name: 'Expiry notice' },
];
