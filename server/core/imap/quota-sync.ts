// Sets a mailbox's storage limit on the IMAP server itself (RFC 9208 SETQUOTA, as the admin), for servers that do
// not read Mailwarden's limits (Cyrus, …). Dovecot reads them from the dovecot_users view, so QUOTA_SYNC=auto acts
// only with IMAP_ADMIN_MODE=authzid and leaves a Dovecot (named in its ID answer or greeting) alone;
// QUOTA_SYNC=setquota sets the limit on any server offering QUOTA, QUOTA_SYNC=off never. The usage scan calls this when the limit the server reports differs from
// Mailwarden's (jobs/workers/usage-scan.ts), and a limit change queues such a scan (server/services/limit-changes.ts).
//
// One admin session (SASL PLAIN as IMAP_ADMIN_USER itself, no authorization identity: SETQUOTA needs the admin's own
// rights): NAMESPACE gives the other-users prefix ("user/" on Cyrus), GETQUOTAROOT on `<prefix><login>` the root
// that holds the limit (the mailbox itself when it has none yet), then SETQUOTA on it. Limits are whole KiB on the
// wire: a limit is set rounded down to KiB.
import type { ImapResponse } from 'imapflow/lib/handler/types.js';
import type { Config } from '../config.ts';
import type { ImapConfig } from './connect.ts';
import { atoms, capabilitiesOf, str, text, WireSession } from './raw-connection.ts';

export type QuotaSyncConfig = ImapConfig & Pick<Config, 'QUOTA_SYNC'>;

export class QuotaSyncError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuotaSyncError';
  }
}

/** Servers (host:port) found to be Dovecot, which QUOTA_SYNC=auto leaves alone. */
const dovecotServers = new Set<string>();
const serverKey = (config: Pick<ImapConfig, 'IMAP_HOST' | 'IMAP_PORT'>) => `${config.IMAP_HOST}:${config.IMAP_PORT}`;

/** Limits compare in whole KiB, as servers report them. */
export const toKiB = (bytes: number | null) => (bytes === null ? null : Math.floor(bytes / 1024));

/**
 * Whether SETQUOTA is tried on this server at all. Under auto only with IMAP_ADMIN_MODE=authzid (a master user of
 * Dovecot cannot log in as itself, and Dovecot reads the limits from Mailwarden anyway), and not once the server
 * is known to be a Dovecot.
 */
export function quotaSyncWanted(config: Pick<QuotaSyncConfig, 'QUOTA_SYNC' | 'IMAP_ADMIN_MODE' | 'IMAP_HOST' | 'IMAP_PORT'>): boolean {
  if (config.QUOTA_SYNC === 'setquota') return true;
  return config.QUOTA_SYNC === 'auto' && config.IMAP_ADMIN_MODE === 'authzid' && !dovecotServers.has(serverKey(config));
}

/**
 * Sets `login`'s storage limit on the server (null = no limit). Returns the limit now set (bytes, whole KiB), or
 * 'skipped' when QUOTA_SYNC=auto and the server is Dovecot. Throws QuotaSyncError with the server's words otherwise.
 */
export async function setServerQuota(config: QuotaSyncConfig, login: string, limitBytes: number | null): Promise<number | null | 'skipped'> {
  if (config.QUOTA_SYNC === 'off') return 'skipped';
  const s = await WireSession.open(config);
  try {
    return await exchange(s, config, login, limitBytes);
  } finally {
    s.close();
  }
}

async function exchange(s: WireSession, config: QuotaSyncConfig, login: string, limitBytes: number | null): Promise<number | null | 'skipped'> {
  let n = 0;
  /** One command; its untagged responses and, last, its tagged OK; QuotaSyncError when it is not answered OK. */
  const run = async (command: string): Promise<ImapResponse[]> => {
    const tag = `Q${++n}`;
    s.write(`${tag} ${command}\r\n`);
    const untagged: ImapResponse[] = [];
    const name = command.split(' ')[0];
    for (;;) {
      const r = await s.read(name);
      if (r.tag === '*') { untagged.push(r); continue; }
      if (r.tag === '+') throw new QuotaSyncError(`IMAP server asked for more after ${name}`);
      if (r.tag !== tag) throw new QuotaSyncError(`IMAP server answered ${r.tag} while ${tag} ${name} was waiting`);
      if (r.command !== 'OK') throw new QuotaSyncError(`${name} refused: ${r.command} ${text(r)}`);
      return [...untagged, r];
    }
  };

  const greeting = await s.read('the greeting');
  if (greeting.command !== 'OK') throw new QuotaSyncError(`IMAP server refused the connection: ${text(greeting)}`);
  let caps = capabilitiesOf(greeting) ?? new Set(atoms((await run('CAPABILITY')).find((r) => r.command === 'CAPABILITY')?.attributes));
  let name = text(greeting);
  if (caps.has('ID')) {
    const id = (await run('ID NIL')).find((r) => r.command === 'ID')?.attributes?.[0];
    const fields = Array.isArray(id) ? id.map(str) : [];
    for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i].toLowerCase() === 'name') name = fields[i + 1];
  }
  if (/dovecot/i.test(name) && config.QUOTA_SYNC === 'auto') {
    dovecotServers.add(serverKey(config));
    return 'skipped';
  }
  if (!config.IMAP_SECURE && caps.has('STARTTLS')) throw new QuotaSyncError('the IMAP server wants STARTTLS before a login: set IMAP_SECURE=true (port 993) for quota sync');
  const plain = Buffer.from(`\0${config.IMAP_ADMIN_USER}\0${config.IMAP_ADMIN_PASSWORD ?? ''}`).toString('base64');
  const login1 = await run(`AUTHENTICATE PLAIN ${plain}`).catch((err: Error) => {
    throw new QuotaSyncError(`admin login as ${config.IMAP_ADMIN_USER} itself was refused (SETQUOTA needs an admin session): ${err.message}`);
  });
  // In an untagged CAPABILITY or in the tagged OK's [CAPABILITY ...] code.
  const capabilityList = (rs: ImapResponse[]) => {
    const untagged = rs.find((r) => r.tag === '*' && r.command === 'CAPABILITY');
    return untagged ? new Set(atoms(untagged.attributes)) : capabilitiesOf(rs[rs.length - 1]) ?? new Set<string>();
  };
  caps = capabilityList(login1);
  if (!caps.size) caps = capabilityList(await run('CAPABILITY'));
  if (!caps.has('QUOTA') && ![...caps].some((c) => c.startsWith('QUOTA=RES-'))) throw new QuotaSyncError('the IMAP server does not offer QUOTA');

  const namespace = (await run('NAMESPACE')).find((r) => r.command === 'NAMESPACE')?.attributes?.[1];
  const other = Array.isArray(namespace) && Array.isArray(namespace[0]) ? namespace[0] : null;
  if (!other) throw new QuotaSyncError('the IMAP server shows the admin no other users\' namespace: is IMAP_ADMIN_USER an admin there?');
  const mailbox = otherUsersMailbox(str(other[0]), str(other[1]), login);
  const roots = (await run(`GETQUOTAROOT ${quote(mailbox)}`)).find((r) => r.command === 'QUOTAROOT')?.attributes ?? [];
  const root = roots.length > 1 ? str(roots[1]) : mailbox;
  const kib = toKiB(limitBytes);
  await run(`SETQUOTA ${quote(root)} (${kib === null ? '' : `STORAGE ${kib}`})`);
  await run('LOGOUT').catch(() => undefined);
  return kib === null ? null : kib * 1024;
}

/** `user/` + `jane.doe@example.org`; with a `.` hierarchy separator Cyrus writes dots in user names as `^`. */
export function otherUsersMailbox(prefix: string, delimiter: string, login: string): string {
  const at = login.lastIndexOf('@');
  const local = at < 0 ? login : login.slice(0, at);
  const domain = at < 0 ? '' : login.slice(at);
  return prefix + (delimiter === '.' ? local.replace(/\./g, '^') : local) + domain;
}

function quote(name: string): string {
  if (!/^[\x20-\x7e]+$/.test(name)) throw new QuotaSyncError(`cannot name mailbox ${JSON.stringify(name)} in SETQUOTA (only printable ASCII)`);
  return `"${name.replace(/["\\]/g, '\\$&')}"`;
}
