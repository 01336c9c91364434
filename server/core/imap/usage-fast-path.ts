// A usage read in two round trips after the greeting, for the scan that visits every mailbox. imapflow spends
// ten per session (ID twice, AUTHENTICATE plus its continuation, NAMESPACE, ENABLE, GETQUOTAROOT, LIST, LOGOUT,
// each waiting for the last); see docs/operations.md, "Usage scans", for what each costs:
//   A1 AUTHENTICATE PLAIN <initial response>   (SASL-IR: the credentials ride on the command)
//   -- wait for A1's answer --
//   A2 GETQUOTAROOT INBOX
//   A3 LIST "" "*" RETURN (SPECIAL-USE STATUS (MESSAGES SIZE))
//   A4 LOGOUT
// Read-only: no SELECT, nothing a user would notice. Nothing is ever sent behind the login before its answer:
// whether a server carries such commands over to the logged-in session differs between servers and even between
// connections (Cyrus answered them as if sent before the login), so that is never assumed. A2-A4 are all valid in
// the authenticated state and go out together (RFC 9051 5.5). Every tagged answer is checked against the
// commands still waiting for one: a tag answered twice or never sent (the server and we disagree on what was
// said) is an ImapProtocolError, and every read has the IMAP_READ_TIMEOUT_MS deadline (ImapTimeoutError).
// Returns null whenever the server needs something this exchange does not do (STARTTLS, no SASL-IR, no
// LIST-STATUS, STATUS=SIZE or SPECIAL-USE, a quota root without inline QUOTA, RETURN options refused): the caller
// then measures with imapflow (imap/usage.ts), which handles all of that.
import type { ImapAttribute, ImapResponse } from 'imapflow/lib/handler/types.js';
import { adminSaslPlain, ImapAuthError, type ImapConfig } from './connect.ts';
import { atoms, capabilitiesOf, responseCode, str, text, WireSession } from './raw-connection.ts';
import { assignFolderRoles, type ListedFolder } from './folder-roles.ts';
import type { MailboxUsage } from './usage.ts';

/** The server answered something that does not fit what was sent (a tag twice, a tag never sent, BYE midway). */
export class ImapProtocolError extends Error {
  constructor(detail: string) {
    super(`IMAP server answered out of step: ${detail}`);
    this.name = 'ImapProtocolError';
  }
}

export async function readUsageQuickly(config: ImapConfig, login: string, opts: { totalsOnly?: boolean } = {}): Promise<MailboxUsage | null> {
  const session = await WireSession.open(config);
  try {
    return await exchange(session, config, login, opts.totalsOnly ?? false);
  } finally {
    session.close();
  }
}

/** Tagged answers in a session: each tag sent is answered once; anything else is an ImapProtocolError. */
class Tags {
  private readonly waiting = new Map<string, string>();
  private readonly answered = new Set<string>();
  sent(tag: string, command: string) { this.waiting.set(tag, command); }
  /** Checks a tagged response; returns the command it answers. */
  answer(r: ImapResponse): string {
    const tag = r.tag ?? '';
    const command = this.waiting.get(tag);
    if (command === undefined) {
      const what = this.answered.has(tag) ? 'answered again' : 'never sent';
      throw new ImapProtocolError(`${tag} ${r.command} ${text(r)}`.trim() + ` (tag ${tag} ${what})`);
    }
    this.waiting.delete(tag);
    this.answered.add(tag);
    return command;
  }
  get pending(): string { return [...this.waiting.values()].join(', ') || 'nothing'; }
}

async function exchange(s: WireSession, config: ImapConfig, login: string, totalsOnly: boolean): Promise<MailboxUsage | null> {
  const tags = new Tags();
  const greeting = await s.read('the greeting');
  if (greeting.tag !== '*' || greeting.command !== 'OK') {
    if (greeting.command === 'BYE') throw new Error(`IMAP server refused the connection: ${text(greeting)}`);
    return null; // PREAUTH or something odd: imapflow knows what to do
  }
  const caps = capabilitiesOf(greeting);
  // imapflow upgrades with STARTTLS when offered; never send the password in clear where it would not.
  if (!caps || (!config.IMAP_SECURE && caps.has('STARTTLS')) || caps.has('LOGINDISABLED') || !caps.has('AUTH=PLAIN') || !caps.has('SASL-IR')) return null;

  const { authzid, authcid, password } = adminSaslPlain(config, login);
  s.write(`A1 AUTHENTICATE PLAIN ${Buffer.from(`${authzid}\0${authcid}\0${password}`).toString('base64')}\r\n`);
  tags.sent('A1', 'AUTHENTICATE');
  let after = null as Set<string> | null;
  for (;;) {
    const r = await s.read('AUTHENTICATE');
    if (r.tag === '+') { s.write('*\r\n'); continue; } // the server wants a second step: cancel, it answers BAD
    if (r.tag === '*') {
      if (r.command === 'CAPABILITY') after = new Set(atoms(r.attributes));
      if (r.command === 'BYE') throw new Error(`IMAP server closed the session during the login: ${text(r)}`);
      continue;
    }
    tags.answer(r);
    // [UNAVAILABLE]: the server's auth backend is down, not the credentials wrong (retry later).
    if (r.command === 'NO') throw responseCode(r) === 'UNAVAILABLE' ? new Error(`IMAP login unavailable: ${text(r)}`) : new ImapAuthError(login, config);
    if (r.command !== 'OK') return null;
    after = capabilitiesOf(r) ?? after;
    break;
  }
  const hasQuota = !!after && (after.has('QUOTA') || [...after].some((c) => c.startsWith('QUOTA=RES-')));
  if (totalsOnly && hasQuota) return totals(s, tags);
  // Without SPECIAL-USE the RETURN option would be refused; imapflow guesses roles from names instead.
  if (!after || !hasQuota || !after.has('LIST-STATUS') || !after.has('STATUS=SIZE') || !after.has('SPECIAL-USE')) return null;
  s.write('A2 GETQUOTAROOT INBOX\r\nA3 LIST "" "*" RETURN (SPECIAL-USE STATUS (MESSAGES SIZE))\r\nA4 LOGOUT\r\n');
  tags.sent('A2', 'GETQUOTAROOT');
  tags.sent('A3', 'LIST');
  tags.sent('A4', 'LOGOUT');

  const quota: { storage?: number; storageLimit?: number; messages?: number } = {};
  let quotaRoot = false;
  let quotaSeen = false;
  let quotaOk = false;
  let loggingOut = false;
  const listed: ListedFolder[] = [];
  const status = new Map<string, { messages: number; bytes: number }>();
  for (;;) {
    const r = await s.read(tags.pending);
    if (r.tag === '*') {
      const a = r.attributes ?? [];
      if (r.command === 'QUOTAROOT' && a.length > 1) quotaRoot = true;
      if (r.command === 'QUOTA') { quotaSeen = true; readQuota(a[1], quota); }
      if (r.command === 'LIST') listed.push(listEntry(a));
      if (r.command === 'STATUS') status.set(decodeName(str(a[0])), statusItems(a[1]));
      if (r.command === 'BYE' && !loggingOut) throw new ImapProtocolError(`BYE ${text(r)} while waiting for ${tags.pending}`);
      continue;
    }
    if (r.tag === '+') throw new ImapProtocolError(`a continuation request while waiting for ${tags.pending}`);
    const command = tags.answer(r);
    if (command === 'GETQUOTAROOT') quotaOk = r.command === 'OK';
    // Refused RETURN options: imapflow retries with fewer.
    if (command === 'LIST' && r.command === 'BAD') return null;
    if (command === 'LIST' && r.command !== 'OK') throw new Error(`LIST failed: ${text(r)}`);
    if (command === 'LIST') loggingOut = true; // BYE comes next, before A4's OK
    if (command === 'LOGOUT') break;
  }
  await s.drain();
  if (quotaOk && quotaRoot && !quotaSeen) return null; // the root needs a separate GETQUOTA

  const folders = assignFolderRoles(listed.filter((f) => !f.flags.has('\\Noselect') && !f.flags.has('\\NonExistent')), true).map((f) => {
    const st = status.get(f.path);
    if (!st) throw new Error(`STATUS failed for folder ${f.path}`);
    return { path: f.path, specialUse: f.specialUse, messages: st.messages, bytes: st.bytes };
  });
  const storage = quotaOk && quota.storage !== undefined ? quota.storage : null;
  return {
    usedBytes: storage ?? folders.reduce((n, f) => n + f.bytes, 0),
    usedMessages: (quotaOk ? quota.messages : undefined) ?? folders.reduce((n, f) => n + f.messages, 0),
    limitBytes: quotaOk && quota.storageLimit ? quota.storageLimit : null,
    source: storage !== null ? 'quota' : 'status-size',
    folders,
  };
}

/**
 * The frequent scan's read: `A2 GETQUOTAROOT INBOX` and `A3 LOGOUT` together, nothing else. Folders are left to the
 * full scan (SCAN_FOLDERS_HOURS). null (measure fully) when the quota root has no STORAGE figure inline.
 */
async function totals(s: WireSession, tags: Tags): Promise<MailboxUsage | null> {
  s.write('A2 GETQUOTAROOT INBOX\r\nA3 LOGOUT\r\n');
  tags.sent('A2', 'GETQUOTAROOT');
  tags.sent('A3', 'LOGOUT');
  const quota: { storage?: number; storageLimit?: number; messages?: number } = {};
  let quotaOk = false;
  let loggingOut = false;
  for (;;) {
    const r = await s.read(tags.pending);
    if (r.tag === '*') {
      if (r.command === 'QUOTA') readQuota((r.attributes ?? [])[1], quota);
      if (r.command === 'BYE' && !loggingOut) throw new ImapProtocolError(`BYE ${text(r)} while waiting for ${tags.pending}`);
      continue;
    }
    if (r.tag === '+') throw new ImapProtocolError(`a continuation request while waiting for ${tags.pending}`);
    const command = tags.answer(r);
    if (command === 'GETQUOTAROOT') { quotaOk = r.command === 'OK'; loggingOut = true; }
    if (command === 'LOGOUT') break;
  }
  await s.drain();
  if (!quotaOk || quota.storage === undefined) return null;
  return { usedBytes: quota.storage, usedMessages: quota.messages ?? null, limitBytes: quota.storageLimit ?? null, source: 'quota', folders: [], totalsOnly: true };
}

/** `(STORAGE used limit MESSAGE used limit)`: STORAGE is in KiB on the wire. */
function readQuota(list: ImapAttribute | undefined, into: { storage?: number; storageLimit?: number; messages?: number }) {
  if (!Array.isArray(list)) return;
  for (let i = 0; i + 2 < list.length; i += 3) {
    const [name, used, limit] = [str(list[i]).toUpperCase(), Number(str(list[i + 1])), Number(str(list[i + 2]))];
    if (name === 'STORAGE' && Number.isSafeInteger(used)) { into.storage = used * 1024; into.storageLimit = Number.isSafeInteger(limit) ? limit * 1024 : undefined; }
    if (name === 'MESSAGE' && Number.isSafeInteger(used)) into.messages = used;
  }
}

function statusItems(list: ImapAttribute | undefined): { messages: number; bytes: number } {
  const out = { messages: 0, bytes: 0 };
  if (!Array.isArray(list)) return out;
  for (let i = 0; i + 1 < list.length; i += 2) {
    const key = str(list[i]).toUpperCase();
    if (key === 'MESSAGES') out.messages = Number(str(list[i + 1]));
    if (key === 'SIZE') out.bytes = Number(str(list[i + 1]));
  }
  return out;
}

/** `* LIST (flags) delimiter name`, the name decoded and normalized as imapflow does. */
function listEntry(a: ImapAttribute[]): ListedFolder {
  const delimiter = str(a[1]) || null;
  let path = decodeName(str(a[2]));
  if (delimiter && path.startsWith(delimiter)) path = path.slice(delimiter.length);
  return { path, delimiter, flags: new Set(Array.isArray(a[0]) ? atoms(a[0]) : []) };
}

/** Modified UTF-7 (RFC 3501 5.1.3) to text; INBOX is case-insensitive. */
export function decodeName(raw: string): string {
  if (raw.toUpperCase() === 'INBOX') return 'INBOX';
  return raw.replace(/&([^-]*)-/g, (_, b64: string) => {
    if (!b64) return '&';
    const bytes = Buffer.from(b64.replace(/,/g, '/'), 'base64');
    let out = '';
    for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode((bytes[i] << 8) | bytes[i + 1]);
    return out;
  });
}
