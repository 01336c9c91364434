import type { ExpiryRun, MailboxRun, RunStatus } from './types';

type ChipColor = 'default' | 'info' | 'success' | 'warning' | 'error';

export const RUN_STATUS_COLORS: Record<RunStatus, ChipColor> = { running: 'info', completed: 'success', failed: 'error' };

/** Labels of a mailbox row's statuses (the API declares the status a string; an unknown one shows as it is). */
export const MAILBOX_RUN_STATUS_LABELS: Partial<Record<MailboxRun['status'], string>> = {
  pending: 'pending',
  running: 'running',
  done: 'done',
  failed: 'failed',
  skipped_hold: 'skipped: legal hold',
  stopped_hold: 'stopped: legal hold placed during the run',
  skipped_disabled: 'skipped: disabled',
  skipped_locked: 'skipped: locked',
  skipped_no_policy: 'skipped: no policy',
};

export function mailboxRunStatusColor(status: MailboxRun['status']): ChipColor {
  if (status === 'done') return 'success';
  if (status === 'failed') return 'error';
  if (status === 'running') return 'info';
  return status.startsWith('skipped') || status === 'stopped_hold' ? 'warning' : 'default';
}

/** Mailbox rows of a run as done / failed / skipped (every skipped_* status) / still to go. */
export function mailboxCounts(run: ExpiryRun): { done: number; failed: number; skipped: number; open: number } {
  const counts = { done: 0, failed: 0, skipped: 0, open: 0 };
  for (const [status, n] of Object.entries(run.totals.mailboxes)) {
    if (status === 'done') counts.done += n ?? 0;
    else if (status === 'failed') counts.failed += n ?? 0;
    else if (status.startsWith('skipped') || status === 'stopped_hold') counts.skipped += n ?? 0;
    else counts.open += n ?? 0;
  }
  return counts;
}

/** "All mailboxes", "Policy Archive 90 days", "alice@example.org" from a run's scope and the name the API resolved
 *  (the id only when the mailbox or policy no longer exists). */
export function scopeLabel(scope: string, scopeName?: string | null): string {
  const [kind, id] = scope.split(':');
  if (kind === 'all') return 'All mailboxes';
  if (kind === 'policy') return scopeName ? `Policy ${scopeName}` : `Policy #${id} (deleted)`;
  if (kind === 'mailbox') return scopeName ?? `Mailbox #${id} (deleted)`;
  return scope;
}

/** The console page of a run's scope: the mailbox or the retention policy; null for a sweep of all mailboxes. */
export function scopePath(scope: string): string | null {
  const [kind, id] = scope.split(':');
  if (kind === 'mailbox' && id) return `/mailboxes/${id}/show`;
  if (kind === 'policy' && id) return `/retention-policies/${id}/show`;
  return null;
}

export const TRIGGER_CHOICES = [
  { id: 'scheduled', name: 'Scheduled' },
  { id: 'manual', name: 'Manual' },
  { id: 'preview', name: 'Policy preview' },
];

export const RUN_STATUS_CHOICES = [
  { id: 'running', name: 'Running' },
  { id: 'completed', name: 'Completed' },
  { id: 'failed', name: 'Failed' },
];
