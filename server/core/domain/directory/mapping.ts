// Turns one raw directory entry (attribute name → values, as the LDAP source reads them) into the fields of a
// mailbox, or into a problem that the run reports. Nothing is guessed: an entry without exactly one valid address
// is reported and left alone, never given an address made from its login or DN.

/** Which directory attribute holds each mailbox field. Attribute names compare case-insensitively, as in LDAP. */
export interface AttributeMapping {
  address: string;
  /** Unset: the IMAP login is the address (the usual Dovecot setup). */
  imapLogin?: string;
  displayName?: string;
  alternateAddress?: string;
  /** Unset: plans are not the directory's business and are never changed by a sync. */
  plan?: string;
  /** With `plan` naming a group attribute (memberOf): group DN → plan name. The first group (in DN order) that has a
   *  plan wins. Without it, the attribute's value is the plan name itself. */
  planGroups?: Record<string, string>;
}

export interface RawEntry {
  dn: string;
  attributes: Record<string, string[]>;
}

/** A directory person as a mailbox: addresses and logins lower-cased (they compare case-insensitively everywhere). */
export interface DirectoryEntry {
  dn: string;
  address: string;
  imapLogin: string;
  displayName: string;
  alternateAddress: string | null;
  /** Plan name; null = no plan (the default plan applies). Undefined when the mapping has no plan attribute. */
  plan?: string | null;
}

export interface EntryProblem {
  dn: string;
  /** Known when the entry had a valid address: its mailbox is then "still in the directory" (never gone), only untouched. */
  address?: string;
  reason: 'no-address' | 'several-addresses' | 'invalid-address' | 'no-login' | 'invalid-login' | 'duplicate-address' | 'duplicate-login' | 'unknown-plan' | 'login-taken' | 'other-source';
  detail?: string;
}

// The same shape the API's mailbox schema accepts: one @, no spaces, something on both sides.
const ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// ':' and '*' break Dovecot's passwd-file and master-user separator; whitespace and control characters never belong.
const LOGIN = /^[^\s:*%'\\/\u0000-\u001f]{1,255}$/;

function values(entry: RawEntry, attribute: string): string[] {
  const key = Object.keys(entry.attributes).find((k) => k.toLowerCase() === attribute.toLowerCase());
  return key ? entry.attributes[key].map((v) => v.trim()).filter((v) => v !== '') : [];
}

export function mapEntry(entry: RawEntry, mapping: AttributeMapping): DirectoryEntry | EntryProblem {
  const problem = (reason: EntryProblem['reason'], detail?: string): EntryProblem => ({ dn: entry.dn, reason, ...(detail ? { detail } : {}) });
  const addresses = values(entry, mapping.address);
  if (addresses.length === 0) return problem('no-address', mapping.address);
  if (addresses.length > 1) return problem('several-addresses', addresses.join(', '));
  const address = addresses[0].toLowerCase();
  if (!ADDRESS.test(address) || address.length > 254) return problem('invalid-address', addresses[0]);

  let imapLogin = address;
  if (mapping.imapLogin) {
    const logins = values(entry, mapping.imapLogin);
    if (logins.length !== 1) return { ...problem('no-login', logins.length ? `${logins.length} values` : mapping.imapLogin), address };
    imapLogin = logins[0].toLowerCase();
  }
  if (!LOGIN.test(imapLogin)) return { ...problem('invalid-login', imapLogin), address };

  // Alternate addresses may be several (mailLocalAddress, proxyAddresses): the mailbox keeps one, the first in
  // sorted order, so every run picks the same. Values that are not addresses (AD's "X500:…") are skipped.
  const alternates = values(entry, mapping.alternateAddress ?? '').map((v) => v.replace(/^smtp:/i, '').toLowerCase())
    .filter((v) => ADDRESS.test(v) && v !== address).sort();
  const displayName = (mapping.displayName ? values(entry, mapping.displayName)[0] : undefined) ?? '';
  const mapped: DirectoryEntry = { dn: entry.dn, address, imapLogin, displayName: displayName.slice(0, 200), alternateAddress: alternates[0] ?? null };
  if (mapping.plan) mapped.plan = planOf(values(entry, mapping.plan), mapping.planGroups);
  return mapped;
}

function planOf(raw: string[], groups: Record<string, string> | undefined): string | null {
  if (!groups) return raw[0] ?? null;
  const byDn = new Map(Object.entries(groups).map(([dn, plan]) => [normalizeDn(dn), plan]));
  return raw.map(normalizeDn).sort().map((dn) => byDn.get(dn)).find((p) => p !== undefined) ?? null;
}

/** DNs compare without case and without the spaces around separators ("CN=Staff, DC=x" = "cn=staff,dc=x"). */
export const normalizeDn = (dn: string) => dn.split(',').map((rdn) => rdn.split('=').map((p) => p.trim()).join('=')).join(',').toLowerCase();

export const isProblem = (e: DirectoryEntry | EntryProblem): e is EntryProblem => 'reason' in e;
