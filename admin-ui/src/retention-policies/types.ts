export type AgeBasis = 'received' | 'sent' | 'saved';
export type RuleAction = 'delete' | 'move';

/** One ordered rule of a policy, as `GET /api/retention-policies/:id` returns it. */
export interface RetentionRule {
  id: number;
  position: number;
  folderSelector: string;
  maxAgeDays: number;
  ageBasis: AgeBasis;
  action: RuleAction;
  moveTo: string | null;
  keepFlagged: boolean;
  keepUnread: boolean;
  noticeDays: number | null;
}

/** A retention policy: rules in order (for each folder the first match wins) and how many plans/mailboxes use it. */
export interface RetentionPolicy {
  id: number;
  name: string;
  description: string;
  isDefault: boolean;
  rules: RetentionRule[];
  planCount: number;
  mailboxCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface PolicyRef {
  id: number;
  name: string;
}

export const AGE_BASIS_CHOICES: { id: AgeBasis; name: string; help: string }[] = [
  { id: 'received', name: 'Received', help: 'When the server received the message (INTERNALDATE)' },
  { id: 'sent', name: 'Sent', help: "The message's Date: header, counted in whole days" },
  { id: 'saved', name: 'Saved', help: 'When mail was put in this folder, e.g. moved to Trash (needs SAVEDATE on the server)' },
];

export const ACTION_CHOICES: { id: RuleAction; name: string }[] = [
  { id: 'delete', name: 'Delete' },
  { id: 'move', name: 'Move to…' },
];

/** Folder selectors offered first; any exact name or glob (`Lists/*`) may be typed instead. */
export const FOLDER_PRESETS: { value: string; label: string }[] = [
  { value: 'INBOX', label: 'INBOX' },
  { value: '\\Trash', label: '\\Trash (the Trash folder, whatever its name)' },
  { value: '\\Junk', label: '\\Junk (spam)' },
  { value: '\\Sent', label: '\\Sent' },
  { value: '\\Archive', label: '\\Archive' },
];

export const MOVE_PRESETS: { value: string; label: string }[] = [
  { value: '\\Archive', label: '\\Archive (the Archive folder, whatever its name)' },
  { value: '\\Trash', label: '\\Trash' },
];

/** "received 32 d, delete" — one line per rule for lists and summaries. */
export function describeRule(rule: Pick<RetentionRule, 'maxAgeDays' | 'ageBasis' | 'action' | 'moveTo' | 'keepFlagged' | 'keepUnread' | 'noticeDays'>): string {
  const what = rule.action === 'move' ? `move to ${rule.moveTo ?? '?'}` : 'delete';
  const keep = [rule.keepFlagged && 'flagged', rule.keepUnread && 'unread'].filter(Boolean);
  const parts = [`${what} after ${rule.maxAgeDays} d (${rule.ageBasis} date)`];
  if (keep.length) parts.push(`keeps ${keep.join(' and ')}`);
  if (rule.noticeDays) parts.push(`warns ${rule.noticeDays} d before`);
  return parts.join(', ');
}

/** A legal hold on a mailbox; while `active`, no expiry touches the mailbox. */
export interface LegalHold {
  id: number;
  mailboxId: number;
  reason: string;
  setBy: string;
  startsAt: string;
  endsAt: string | null;
  liftedAt: string | null;
  liftedBy: string | null;
  createdAt: string;
  active: boolean;
}

/** The rule that applies to one folder of a mailbox (null: no rule, mail there is kept). */
export interface FolderRule {
  path: string;
  specialUse: string | null;
  rule: RetentionRule | null;
  moveTarget: string | null;
  /** Why the folder will not be processed as the rule says, e.g. a capability the server lacks. */
  note: string | null;
}

/** `GET /api/mailboxes/:id/retention`: the effective policy, explained, and the rule per folder. */
export interface MailboxRetention {
  mailboxId: number;
  policy: PolicyRef | null;
  source: 'mailbox' | 'plan' | 'default' | 'none';
  explanation: string[];
  holds: LegalHold[];
  foldersSource: 'probe' | 'scan' | 'live' | 'none';
  folders: FolderRule[];
}

/** `PUT /api/plans/:id/retention-policy`'s answer. */
export interface PlanPolicy {
  planId: number;
  policy: PolicyRef | null;
  mailboxesFollowing: number;
}
