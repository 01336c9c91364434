import type { AgeBasis, PolicyRef, RuleAction } from '../retention-policies/types';

export type RunStatus = 'running' | 'completed' | 'failed';
export type MailboxRunStatus =
  | 'pending'
  | 'running'
  | 'done'
  | 'failed'
  | 'skipped_hold'
  | 'stopped_hold'
  | 'skipped_disabled'
  | 'skipped_locked'
  | 'skipped_no_policy';

/** An expiry run (sweep, policy preview or single mailbox) with totals summed from its mailbox rows. */
export interface ExpiryRun {
  id: number;
  /** "all", "policy:<id>" or "mailbox:<id>". */
  scope: string;
  dryRun: boolean;
  trigger: 'scheduled' | 'manual' | 'preview' | string;
  createdBy: string | null;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  mailboxesTotal: number;
  error: string | null;
  totals: {
    /** Mailbox rows per status. */
    mailboxes: Partial<Record<MailboxRunStatus, number>>;
    examined: number;
    matched: number;
    deleted: number;
    moved: number;
    bytesFreed: number;
  };
}

export interface FolderFigures {
  path: string;
  specialUse: string | null;
  ruleId: number;
  rulePosition: number;
  action: RuleAction;
  moveTo: string | null;
  uidValidity: string | null;
  examined: number;
  matched: number;
  deleted: number;
  moved: number;
  bytes: number;
  error: string | null;
}

/** One mailbox of a run. For a dry run, `matched` and `bytesFreed` say what a real run would remove. */
export interface MailboxRun {
  id: number;
  runId: number;
  mailboxId: number;
  address: string;
  status: MailboxRunStatus;
  dryRun: boolean;
  startedAt: string | null;
  finishedAt: string | null;
  folders: FolderFigures[] | null;
  examined: number;
  matched: number;
  deleted: number;
  moved: number;
  bytesFreed: number;
  error: string | null;
}

/** The per-message audit: one row per message expiry deleted or moved. */
export interface ExpiredMessage {
  id: number;
  mailboxRunId: number;
  runId: number;
  mailboxId: number;
  folder: string;
  uidValidity: number;
  uid: number;
  action: RuleAction;
  movedTo: string | null;
  state: 'pending' | 'done' | string;
  messageId: string | null;
  sentDate: string | null;
  internalDate: string | null;
  size: number;
  /** The subject, or "sha256:<hex>" when the server keeps only its hash. */
  subject: string | null;
  at: string;
}

export interface PreviewSample {
  uid: number;
  subject: string | null;
  from: string | null;
  date: string | null;
  size: number;
}

export interface PreviewFolder {
  path: string;
  specialUse: string | null;
  ruleId: number;
  rulePosition: number;
  action: RuleAction;
  moveTo: string | null;
  ageBasis: AgeBasis;
  maxAgeDays: number;
  examined: number;
  count: number;
  /** Due by age, kept until a pre-expiry notice naming them is old enough. */
  awaitingNotice: number;
  bytes: number;
  oldest: string | null;
  newest: string | null;
  sample: PreviewSample[];
  error: string | null;
}

/** `POST /api/mailboxes/:id/expiry-preview`: what expiry would remove now, changing nothing. */
export interface ExpiryPreview {
  mailboxId: number;
  at: string;
  policy: PolicyRef | null;
  explanation: string[];
  heldBy: { id: number; reason: string; setBy: string } | null;
  folders: PreviewFolder[];
  totals: { count: number; bytes: number; awaitingNotice: number };
}

export interface RunEnqueued {
  runId: number;
  mailboxRunId?: number;
  jobId: string;
  queue: string;
}
