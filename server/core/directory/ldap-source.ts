// Reads a whole LDAP / Active Directory subtree with a paged search (ldapts), page by page, as raw entries for the
// mapping (domain/directory/mapping.ts). A run reads everything before anything is compared or applied, so a
// directory that is down, refuses the bind, or drops the connection mid-search fails the run with nothing changed.
// The bind password is used for the bind only: no error, log line or job carries it.
import { readFileSync } from 'node:fs';
import { Client, InvalidCredentialsError, type Entry } from 'ldapts';
import type { BaseConfig } from '../config.ts';
import type { AttributeMapping, RawEntry } from '../domain/directory/mapping.ts';

type LdapConfig = Pick<BaseConfig, 'LDAP_URL' | 'LDAP_STARTTLS' | 'LDAP_CA_FILE' | 'LDAP_BIND_DN' | 'LDAP_BASE_DN' | 'LDAP_FILTER' | 'LDAP_SCOPE'
  | 'LDAP_ATTR_ADDRESS' | 'LDAP_ATTR_LOGIN' | 'LDAP_ATTR_NAME' | 'LDAP_ATTR_ALTERNATE' | 'LDAP_ATTR_PLAN' | 'LDAP_PLAN_GROUPS' | 'LDAP_PAGE_SIZE' | 'LDAP_TIMEOUT_MS'>
  & { LDAP_BIND_PASSWORD?: string };

export interface LdapSettings {
  url: string;
  startTls: boolean;
  /** PEM text of the CA, read once when the settings are built; null = the system's CAs. */
  ca: string | null;
  bindDn: string;
  bindPassword: string;
  baseDn: string;
  filter: string;
  scope: 'sub' | 'one';
  pageSize: number;
  timeoutMs: number;
  mapping: AttributeMapping;
}

/** The directory could not be read completely. `permanent`: retrying will not help (bad credentials, no such base). */
export class DirectoryReadError extends Error {
  constructor(message: string, readonly permanent: boolean) {
    super(message);
    this.name = 'DirectoryReadError';
  }
}

/** Settings that are wrong together (each alone passed the config schema); the message names the variables. */
export class DirectoryConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Directory sync is misconfigured: ${problems.join('; ')}`);
    this.name = 'DirectoryConfigError';
  }
}

export function ldapSettings(config: LdapConfig): LdapSettings {
  const problems: string[] = [];
  if (!config.LDAP_URL) problems.push('LDAP_URL is required');
  if (!config.LDAP_BASE_DN) problems.push('LDAP_BASE_DN is required');
  if (config.LDAP_BIND_DN && !config.LDAP_BIND_PASSWORD) problems.push('LDAP_BIND_PASSWORD is required with LDAP_BIND_DN');
  if (config.LDAP_STARTTLS && config.LDAP_URL.startsWith('ldaps:')) problems.push('LDAP_STARTTLS is for ldap:// URLs (ldaps:// is TLS already)');
  let planGroups: Record<string, string> | undefined;
  if (config.LDAP_PLAN_GROUPS) {
    try {
      const parsed: unknown = JSON.parse(config.LDAP_PLAN_GROUPS);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || Object.values(parsed).some((v) => typeof v !== 'string')) throw new Error();
      planGroups = parsed as Record<string, string>;
    } catch {
      problems.push('LDAP_PLAN_GROUPS must be a JSON object of group DN to plan name');
    }
    if (!config.LDAP_ATTR_PLAN) problems.push('LDAP_PLAN_GROUPS needs LDAP_ATTR_PLAN (usually memberOf)');
  }
  let ca: string | null = null;
  if (config.LDAP_CA_FILE) {
    try {
      ca = readFileSync(config.LDAP_CA_FILE, 'utf8');
    } catch (err) {
      problems.push(`LDAP_CA_FILE cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  if (problems.length) throw new DirectoryConfigError(problems);
  const optional = (name: string) => name || undefined;
  return {
    url: config.LDAP_URL, startTls: config.LDAP_STARTTLS, ca, bindDn: config.LDAP_BIND_DN, bindPassword: config.LDAP_BIND_PASSWORD ?? '',
    baseDn: config.LDAP_BASE_DN, filter: config.LDAP_FILTER, scope: config.LDAP_SCOPE, pageSize: config.LDAP_PAGE_SIZE, timeoutMs: config.LDAP_TIMEOUT_MS,
    mapping: {
      address: config.LDAP_ATTR_ADDRESS, imapLogin: optional(config.LDAP_ATTR_LOGIN), displayName: optional(config.LDAP_ATTR_NAME),
      alternateAddress: optional(config.LDAP_ATTR_ALTERNATE), plan: optional(config.LDAP_ATTR_PLAN), planGroups,
    },
  };
}

/** The attributes a search asks for: only the mapped ones (a person entry may carry photos and certificates). */
export function requestedAttributes(mapping: AttributeMapping): string[] {
  return [...new Set([mapping.address, mapping.imapLogin, mapping.displayName, mapping.alternateAddress, mapping.plan].filter((a): a is string => !!a))];
}

/**
 * Every entry under the base DN that matches the filter, one page at a time. Throws DirectoryReadError when the
 * directory cannot be reached, refuses the bind or the search, or stops answering; the caller then changes nothing.
 */
export async function* readLdap(s: LdapSettings): AsyncGenerator<RawEntry[]> {
  const tlsOptions = { ...(s.ca ? { ca: s.ca } : {}), host: new URL(s.url).hostname };
  // ldapts starts TLS at connect whenever tlsOptions are given, even for ldap://: StartTLS gets them only in startTLS().
  const client = new Client({ url: s.url, timeout: s.timeoutMs, connectTimeout: s.timeoutMs, tlsOptions: s.url.startsWith('ldaps:') ? tlsOptions : undefined });
  const attributes = requestedAttributes(s.mapping);
  try {
    if (s.startTls) await client.startTLS(tlsOptions);
    if (s.bindDn) await client.bind(s.bindDn, s.bindPassword);
    for await (const page of client.searchPaginated(s.baseDn, { scope: s.scope, filter: s.filter, attributes, paged: { pageSize: s.pageSize } })) {
      yield page.searchEntries.map(toRaw);
    }
  } catch (err) {
    throw describeFailure(err, s);
  } finally {
    await client.unbind().catch(() => undefined); // the connection may already be gone
  }
}

function toRaw(entry: Entry): RawEntry {
  const attributes: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(entry)) {
    if (name === 'dn') continue;
    const list = Array.isArray(value) ? value : [value];
    attributes[name] = list.map((v) => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v)));
  }
  return { dn: entry.dn, attributes };
}

/** A message naming the directory and what failed, never the password; permanent when a retry cannot help. */
function describeFailure(err: unknown, s: LdapSettings): DirectoryReadError {
  const e = err as Error & { code?: number | string };
  const where = `LDAP directory ${s.url}`;
  if (e instanceof InvalidCredentialsError) return new DirectoryReadError(`${where} refused the bind as ${s.bindDn} (invalid credentials)`, true);
  // 32 noSuchObject: the base DN does not exist; 50 insufficientAccessRights.
  if (e.code === 32) return new DirectoryReadError(`${where}: base DN ${s.baseDn} does not exist`, true);
  if (e.code === 50) return new DirectoryReadError(`${where} refused the search (insufficient access rights)`, true);
  // 4 sizeLimitExceeded, 11 adminLimitExceeded: the directory caps what this account may read (OpenLDAP's size.pr /
  // size.prtotal, AD's MaxPageSize). A partial answer is never used; retrying cannot help.
  if (e.code === 4) return new DirectoryReadError(`${where} stopped the search at its size limit: allow this account paged searches of every entry (OpenLDAP size.prtotal)`, true);
  if (e.code === 11) return new DirectoryReadError(`${where} refused the paged search (administrative limit): LDAP_PAGE_SIZE ${s.pageSize} may be above its page size limit`, true);
  const detail = (e.message || e.name || String(err)).replaceAll(s.bindPassword || '\u0000', '[redacted]').trim();
  return new DirectoryReadError(`${where} could not be read: ${detail}`, false);
}
