// Email addresses as typed into public forms and client requests. Pure.
// Deliberately stricter than RFC 5322 (no quoted local parts, no IP-literal domains): these addresses
// become IMAP logins, XML text and plist strings, and real mailboxes never need the exotic forms.
import { isMailDomain } from './settings-rules.ts';
import type { UsernameFormat } from './types.ts';

export interface ParsedAddress {
  address: string;
  local: string;
  domain: string;
}

const LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/i;

/** Lower-cased and split, or null when it is not a plain address. Mailboxes are stored lower-cased too. */
export function parseAddress(raw: string): ParsedAddress | null {
  const address = raw.trim().toLowerCase();
  if (address.length > 254) return null;
  const at = address.lastIndexOf('@');
  if (at <= 0) return null;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.length > 64 || !LOCAL.test(local) || !isMailDomain(domain)) return null;
  return { address, local, domain };
}

/** What the user types as login name. */
export function loginName(addr: ParsedAddress, format: UsernameFormat): string {
  return format === 'address' ? addr.address : addr.local;
}

/** The domain to describe: the address's own when it is one of ours, else the organisation's first. */
export function providerDomain(domains: string[], addr: ParsedAddress | null): string {
  return addr && domains.includes(addr.domain) ? addr.domain : domains[0]!;
}
