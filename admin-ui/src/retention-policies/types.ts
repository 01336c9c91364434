import type { ApiResponse } from '../api/types';

/** A retention policy: rules in order (for each folder the first match wins) and how many plans/mailboxes use it. */
export type RetentionPolicy = ApiResponse<'/api/retention-policies/{id}', 'get'>;
/** One ordered rule of a policy. */
export type RetentionRule = RetentionPolicy['rules'][number];
export type AgeBasis = RetentionRule['ageBasis'];
export type RuleAction = RetentionRule['action'];

/** `GET /api/mailboxes/:id/retention`: the effective policy, explained, and the rule per folder. */
export type MailboxRetention = ApiResponse<'/api/mailboxes/{id}/retention', 'get'>;
export type PolicyRef = NonNullable<MailboxRetention['policy']>;
/** The rule that applies to one folder of a mailbox (null: no rule, mail there is kept). */
export type FolderRule = MailboxRetention['folders'][number];

/** A legal hold on a mailbox; while `active`, no expiry touches the mailbox. */
export type LegalHold = ApiResponse<'/api/legal-holds/{id}', 'get'>;

/** `PUT /api/plans/:id/retention-policy`'s answer. */
export type PlanPolicy = ApiResponse<'/api/plans/{id}/retention-policy', 'put'>;

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
