// What a valid settings row is, beyond what the TypeBox schema bounds (types, port range, lengths). Pure.
// Errors name the field as `body.<field>` like schema errors, so the console puts them next to the input.
import { InvalidInputError } from '../errors.ts';
import type { MailSettingsData } from './types.ts';

// RFC 1123 labels: letters, digits, inner hyphens, 1..63 characters.
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;

export function isHostname(value: string): boolean {
  if (value.length === 0 || value.length > 253) return false;
  return value.split('.').every((label) => LABEL.test(label));
}

/** A domain people have addresses in: a hostname with at least two labels and a non-numeric top label. */
export function isMailDomain(value: string): boolean {
  const labels = value.split('.');
  return isHostname(value) && labels.length >= 2 && !/^\d+$/.test(labels[labels.length - 1]!);
}

/** Hosts and domains are compared and printed lower-case; free text trimmed. */
export function normaliseSettings(s: MailSettingsData): MailSettingsData {
  return {
    ...s,
    organisationName: s.organisationName.trim(),
    domains: s.domains.map((d) => d.trim().toLowerCase()),
    imapHost: s.imapHost.trim().toLowerCase(),
    pop3Host: s.pop3Host.trim().toLowerCase(),
    smtpHost: s.smtpHost.trim().toLowerCase(),
    webmailUrl: s.webmailUrl?.trim() ? s.webmailUrl.trim() : null,
    helpdeskContact: s.helpdeskContact.trim(),
  };
}

/** Throws InvalidInputError naming the first bad field; expects normalised input. */
export function checkSettings(s: MailSettingsData): void {
  if (!s.organisationName) throw new InvalidInputError('body.organisationName', 'must not be empty');
  if (s.domains.length === 0) throw new InvalidInputError('body.domains', 'must list at least one mail domain');
  s.domains.forEach((d, i) => {
    if (!isMailDomain(d)) throw new InvalidInputError(`body.domains.${i}`, `"${d}" is not a valid mail domain`);
  });
  if (new Set(s.domains).size !== s.domains.length) throw new InvalidInputError('body.domains', 'must not list a domain twice');
  for (const field of ['imapHost', 'pop3Host', 'smtpHost'] as const) {
    if (!isHostname(s[field])) throw new InvalidInputError(`body.${field}`, `"${s[field]}" is not a valid hostname`);
  }
  // Without an incoming protocol there is nothing to configure a client for.
  if (s.imapTls === 'off' && s.pop3Tls === 'off') throw new InvalidInputError('body.imapTls', 'IMAP and POP3 cannot both be off');
  if (s.webmailUrl !== null) {
    let url: URL | null = null;
    try {
      url = new URL(s.webmailUrl);
    } catch {
      url = null;
    }
    // Only web links: the URL ends up in public pages and Markdown links.
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      throw new InvalidInputError('body.webmailUrl', 'must be an http(s) URL');
    }
  }
  if (/[\u0000-\u001f]/.test(s.helpdeskContact)) throw new InvalidInputError('body.helpdeskContact', 'must be one line');
}
