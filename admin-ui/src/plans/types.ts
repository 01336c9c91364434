export type OverQuotaReply = 'permanent' | 'temporary';

/** A quota plan, as `GET /api/plans` returns it. */
export interface Plan {
  id: number;
  name: string;
  storageLimitBytes: number;
  messageLimit: number | null;
  /** Percents of the limit that send a warning, ascending, each 1–100. */
  warnThresholds: number[];
  gracePercent: number;
  overQuotaReply: OverQuotaReply;
  adminCopyEmail: string | null;
  isDefault: boolean;
  mailboxCount: number;
  /** The retention policy of mailboxes on this plan; null = the default policy. */
  retentionPolicyId: number | null;
}

export const OVER_QUOTA_REPLY_CHOICES: { id: OverQuotaReply; name: string }[] = [
  { id: 'temporary', name: 'Temporary (4xx): the sender retries for a while' },
  { id: 'permanent', name: 'Permanent (5xx): the message bounces at once' },
];
