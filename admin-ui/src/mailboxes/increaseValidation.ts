import { maxLength, minValue, required, type Validator } from 'react-admin';
import { MiB } from '../common/bytes';

export const DAY_MS = 24 * 60 * 60 * 1000;

export const validateExtraBytes = [required(), minValue(MiB, 'At least 1 MiB')];
export const validateReason = [required('Say why, e.g. the ticket number'), maxLength(500)];

const inFuture: Validator = (value: unknown) => {
  if (value === null || value === undefined || value === '') return undefined;
  const at = new Date(value as string | Date).getTime();
  if (Number.isNaN(at)) return 'Enter a date and time';
  return at <= Date.now() ? 'Must be in the future' : undefined;
};
export const validateExpiresAt = [required(), inFuture];

export interface GrantForm {
  extraBytes: number;
  expiresAt: string | Date;
  reason: string;
}

/** Exactly the body `POST /api/temporary-increases` accepts. */
export const toIncreaseBody = (mailboxId: number, form: GrantForm) => ({
  mailboxId,
  extraBytes: form.extraBytes,
  expiresAt: new Date(form.expiresAt).toISOString(),
  reason: form.reason.trim(),
});
