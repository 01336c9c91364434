import { maxLength, maxValue, minValue, required } from 'react-admin';
import type { AgeBasis, RuleAction } from './types';

const integer = () => (value: unknown) =>
  value === null || value === undefined || value === '' || Number.isInteger(Number(value)) ? undefined : 'Must be a whole number of days';

export const validateName = [required(), maxLength(100)];
export const validateDescription = [maxLength(1000)];
export const validateSelector = [required(), maxLength(255)];
export const validateMaxAge = [required(), integer(), minValue(1), maxValue(36500)];
export const validateMoveTo = [required('Where should the mail go?'), maxLength(255)];
export const validateNoticeDays = [integer(), minValue(1), maxValue(365)];

/** Values of a new rule: the server's own defaults (keep flagged mail, count from receipt, delete). */
export const NEW_RULE = {
  folderSelector: '',
  maxAgeDays: 32,
  ageBasis: 'received',
  action: 'delete',
  moveTo: null,
  keepFlagged: true,
  keepUnread: false,
  noticeDays: null,
} as const;

export interface RuleForm {
  folderSelector?: string | null;
  maxAgeDays?: number | null;
  ageBasis?: AgeBasis | null;
  action?: RuleAction | null;
  moveTo?: string | null;
  keepFlagged?: boolean | null;
  keepUnread?: boolean | null;
  noticeDays?: number | null;
}

export interface PolicyForm {
  name?: string | null;
  description?: string | null;
  isDefault?: boolean | null;
  rules?: RuleForm[] | null;
}

/** Exactly the body `POST/PUT /api/retention-policies` accepts; the order of `rules` is the order of evaluation. */
export const toPolicyBody = (form: PolicyForm) => ({
  name: (form.name ?? '').trim(),
  description: (form.description ?? '').trim(),
  isDefault: Boolean(form.isDefault),
  rules: (form.rules ?? []).map((rule) => {
    const action = rule.action ?? 'delete';
    return {
      folderSelector: (rule.folderSelector ?? '').trim(),
      maxAgeDays: Number(rule.maxAgeDays),
      ageBasis: rule.ageBasis ?? 'received',
      action,
      moveTo: action === 'move' ? rule.moveTo?.trim() || null : null,
      keepFlagged: Boolean(rule.keepFlagged),
      keepUnread: Boolean(rule.keepUnread),
      noticeDays: typeof rule.noticeDays === 'number' ? rule.noticeDays : null,
    };
  }),
});
