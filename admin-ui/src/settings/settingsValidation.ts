import { HttpError, maxLength, maxValue, minValue, number, required, type Validator } from 'react-admin';
import type { MailSettings } from './types';

// The same rules the server applies (domain/guidance/settings-rules.ts); the server stays the authority.
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;
const isHostname = (v: string) => v.length > 0 && v.length <= 253 && v.split('.').every((l) => LABEL.test(l));
const isDomain = (v: string) => isHostname(v) && v.split('.').length >= 2 && !/^\d+$/.test(v.split('.').pop() ?? '');

const hostname: Validator = (value: unknown) => (typeof value === 'string' && isHostname(value.trim()) ? undefined : 'Not a valid host name');

export const validateHost = [required(), hostname];
export const validatePort = [required(), number(), minValue(1), maxValue(65535)];
export const validateOrganisation = [required(), maxLength(100)];
export const validateLeaveDays = [number(), minValue(0), maxValue(3650)];

export const validateDomains: Validator = (value: unknown) => {
  if (!Array.isArray(value) || value.length === 0) return 'Add at least one mail domain';
  const bad = value.find((d) => typeof d !== 'string' || !isDomain(d.trim()));
  return bad === undefined ? undefined : `"${String(bad)}" is not a valid domain`;
};

export const validateWebmail: Validator = (value: unknown) => {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  return /^https?:\/\/[^\s]+$/i.test(value.trim()) ? undefined : 'Must start with https:// (or http://)';
};

/** Exactly the body PUT accepts; empty optional fields become null. */
export const toSettingsBody = (form: MailSettings) => ({
  organisationName: form.organisationName.trim(),
  domains: form.domains.map((d) => d.trim()),
  imapHost: form.imapHost.trim(), imapPort: Number(form.imapPort), imapTls: form.imapTls,
  pop3Host: form.pop3Host.trim(), pop3Port: Number(form.pop3Port), pop3Tls: form.pop3Tls,
  smtpHost: form.smtpHost.trim(), smtpPort: Number(form.smtpPort), smtpTls: form.smtpTls,
  usernameFormat: form.usernameFormat,
  webmailUrl: form.webmailUrl?.trim() ? form.webmailUrl.trim() : null,
  helpdeskContact: (form.helpdeskContact ?? '').trim(),
  popLeaveOnServerDays: typeof form.popLeaveOnServerDays === 'number' ? form.popLeaveOnServerDays : null,
  allowPersonalLookup: Boolean(form.allowPersonalLookup),
});

/** "body.imapPort must be >= 1" -> { imapPort: "must be >= 1" }, so the form shows it under the input. */
export function fieldErrorFromServer(error: unknown): Record<string, string> | undefined {
  if (!(error instanceof HttpError) || error.status !== 400) return undefined;
  const match = /^body\.([A-Za-z0-9]+)(?:\.\d+)?\s+(.*)$/.exec(error.message);
  return match ? { [match[1]]: match[2] } : undefined;
}
