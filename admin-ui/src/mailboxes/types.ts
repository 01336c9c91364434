export type MailboxStatus = 'active' | 'disabled';

/** A mailbox as `GET /api/mailboxes` lists it. */
export interface Mailbox {
  id: number;
  address: string;
  displayName: string;
  imapLogin: string;
  status: MailboxStatus;
  alternateEmail: string | null;
  planId: number | null;
  planName: string | null;
  limitOverrideBytes: number | null;
  effectiveLimitBytes: number | null;
  usedBytes: number | null;
  usedMessages: number | null;
  usagePercent: number | null;
  usageSource: string | null;
  scannedAt: string | null;
  scanError: string | null;
  /** The storage limit the IMAP server reported at the last scan (null: none). */
  serverLimitBytes: number | null;
  /** At the last scan the server enforced another limit than effectiveLimitBytes (whole KiB). */
  serverLimitMismatch: boolean;
  probedAt: string | null;
  probeResult: unknown;
  probeError: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface LimitPart {
  kind: 'plan' | 'override' | 'temporary-increase';
  bytes: number;
  label: string;
  expiresAt?: string;
}

export interface LimitExplanation {
  effectiveLimitBytes: number | null;
  baseBytes: number | null;
  baseSource: 'override' | 'plan' | 'none';
  parts: LimitPart[];
}

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
export interface MailboxDetail extends Mailbox {
  limit?: LimitExplanation;
  usageFolders?: FolderUsage[] | null;
}

export interface TemporaryIncrease {
  id: number;
  mailboxId: number;
  extraBytes: number;
  reason: string;
  expiresAt: string;
  createdBy: string | number | null;
  createdAt: string;
  endedAt: string | null;
}

export type NotificationKind =
  | 'near_quota'
  | 'over_quota'
  | 'back_under'
  | 'increase_ending'
  | 'increase_ended'
  | 'expiry_notice';

export interface QuotaNotification {
  id: number;
  mailboxId: number;
  kind: NotificationKind;
  threshold: number | null;
  toAddress: string;
  /** sending: a worker is talking to the mail server; unknown: it stopped mid-send, so it may or may not have arrived (not retried by itself). */
  status: 'pending' | 'sending' | 'sent' | 'failed' | 'unknown';
  attempts: number;
  subject: string | null;
  smtpMessageId: string | null;
  error: string | null;
  sentAt: string | null;
  claimedAt: string | null;
  createdAt: string;
  /** A staff resend: the notice it repeats (which keeps its own send record). */
  resendOfId: number | null;
}

export const STATUS_CHOICES: { id: MailboxStatus; name: string }[] = [
  { id: 'active', name: 'Active' },
  { id: 'disabled', name: 'Disabled' },
];

export const NOTIFICATION_KIND_CHOICES: { id: NotificationKind; name: string }[] = [
  { id: 'near_quota', name: 'Near quota' },
  { id: 'over_quota', name: 'Over quota' },
  { id: 'back_under', name: 'Back under quota' },
  { id: 'increase_ending', name: 'Increase ending' },
  { id: 'increase_ended', name: 'Increase ended' },
  { id: 'expiry_notice', name: 'Expiry notice' },
];
