import { email, maxLength, minValue } from 'react-admin';
import { MiB } from '../common/bytes';
import type { MailboxStatus } from './types';

export const validateDisplayName = [maxLength(200)];
export const validateOverride = [minValue(MiB, 'At least 1 MiB')];
export const validateAlternateEmail = [email(), maxLength(254)];

export interface MailboxEditForm {
  displayName?: string | null;
  planId?: number | string | null;
  limitOverrideBytes?: number | null;
  alternateEmail?: string | null;
  status?: MailboxStatus;
  /** Why (a ticket number, the request): kept in the audit log with the change. */
  reason?: string | null;
}

/** Exactly the body `PUT /api/mailboxes/:id` accepts; empty fields clear (null), never send ''. */
export const toMailboxBody = (form: MailboxEditForm) => ({
  displayName: (form.displayName ?? '').trim(),
  planId: form.planId === '' || form.planId === undefined || form.planId === null ? null : Number(form.planId),
  limitOverrideBytes: typeof form.limitOverrideBytes === 'number' ? form.limitOverrideBytes : null,
  alternateEmail: form.alternateEmail?.trim() || null,
  ...(form.reason?.trim() ? { reason: form.reason.trim() } : {}),
});
