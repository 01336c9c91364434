import { httpClient } from '../providers/httpClient';
import type { Mailbox, MailboxStatus } from './types';

/** What each status does, in the words docs/mailbox-lifecycle.md uses: shown on the chip and in the confirmation. */
export const STATUS_INFO: Record<MailboxStatus, { label: string; color: 'success' | 'warning' | 'default' | 'error'; effect: string }> = {
  active: { label: 'Active', color: 'success', effect: 'The user can log in and mail is delivered.' },
  suspended: { label: 'Suspended', color: 'warning', effect: 'The user cannot log in (open sessions are closed); mail is still delivered.' },
  disabled: { label: 'Disabled', color: 'default', effect: 'The user cannot log in; senders are told to try again later (their servers retry for a few days).' },
  deleted: { label: 'Deleted', color: 'error', effect: 'The user cannot log in; mail is refused as for an unknown user. All mail is purged after the grace period, unless a legal hold covers the mailbox; until then it can be restored.' },
};

export type LifecycleAction = 'suspend' | 'disable' | 'delete' | 'restore' | 'reactivate';

export const ACTIONS: Record<LifecycleAction, { label: string; status: MailboxStatus; verb: string }> = {
  suspend: { label: 'Suspend', status: 'suspended', verb: 'Suspend' },
  disable: { label: 'Disable', status: 'disabled', verb: 'Disable' },
  delete: { label: 'Delete', status: 'deleted', verb: 'Delete' },
  restore: { label: 'Restore', status: 'active', verb: 'Restore' },
  reactivate: { label: 'Reactivate', status: 'active', verb: 'Reactivate' },
};

/** The actions a mailbox in this state offers: none once purged; a deleted one only restore, until its purge time. */
export function actionsFor(m: Pick<Mailbox, 'status' | 'purgeAfter' | 'purgedAt'>, now = Date.now()): LifecycleAction[] {
  if (m.purgedAt) return [];
  if (m.status === 'deleted') return m.purgeAfter && Date.parse(String(m.purgeAfter)) <= now ? [] : ['restore'];
  const others: LifecycleAction[] = (['suspend', 'disable', 'delete'] as const).filter((a) => ACTIONS[a].status !== m.status);
  return m.status === 'active' ? others : ['reactivate', ...others];
}

/** `POST /api/mailboxes/:id/status`: the reason is required and kept in the audit log. */
export async function setMailboxStatus(id: number, status: MailboxStatus, reason: string): Promise<Mailbox> {
  const { json } = await httpClient(`/api/mailboxes/${id}/status`, { method: 'POST', body: JSON.stringify({ status, reason }) });
  return json as Mailbox;
}
