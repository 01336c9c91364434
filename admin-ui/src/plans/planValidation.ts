import { email, maxLength, maxValue, minValue, number, required, type Validator } from 'react-admin';
import { MiB } from '../common/bytes';
import type { OverQuotaReply } from './types';

export const DEFAULT_THRESHOLDS = [80, 90, 95];

export const validateName = [required(), maxLength(100)];
export const validateStorageLimit = [required(), minValue(MiB, 'At least 1 MiB')];
export const validateMessageLimit = [number(), minValue(1)];
export const validateGracePercent = [required(), number(), minValue(0), maxValue(100)];
export const validateThreshold = [required(), number(), minValue(1), maxValue(100)];
export const validateAdminCopy = [email()];

/** Warning thresholds: at least one, each 1–100, strictly ascending. */
export const validateThresholds: Validator = (value: unknown) => {
  if (!Array.isArray(value) || value.length === 0) return 'Add at least one threshold';
  const numbers = value.map((item) => (typeof item === 'number' ? item : Number.NaN));
  if (numbers.some((n) => Number.isNaN(n) || n < 1 || n > 100)) return 'Each threshold is a percent from 1 to 100';
  if (numbers.some((n, i) => i > 0 && n <= numbers[i - 1])) return 'Thresholds must go up, e.g. 80, 90, 95';
  return undefined;
};

export interface PlanForm {
  name: string;
  storageLimitBytes: number;
  messageLimit?: number | null;
  warnThresholds: number[];
  gracePercent: number;
  overQuotaReply: OverQuotaReply;
  adminCopyEmail?: string | null;
  isDefault?: boolean;
}

/** Exactly the body `POST/PUT /api/plans` accepts (no id or mailboxCount). */
export const toPlanBody = (form: PlanForm) => ({
  name: form.name.trim(),
  storageLimitBytes: form.storageLimitBytes,
  messageLimit: typeof form.messageLimit === 'number' ? form.messageLimit : null,
  warnThresholds: form.warnThresholds.map(Number),
  gracePercent: form.gracePercent,
  overQuotaReply: form.overQuotaReply,
  adminCopyEmail: form.adminCopyEmail?.trim() || null,
  isDefault: Boolean(form.isDefault),
});
