// A usage read in one round trip after the greeting, for the scan that visits every mailbox. imapflow spends
// ten per session (ID twice, AUTHENTICATE plus its continuation, NAMESPACE, ENABLE, GETQUOTAROOT, LIST, LOGOUT,
// each waiting for the last); measured on loopback that was ~3.7 ms of worker CPU per mailbox and ~1 ms more of
// server CPU, against ~1.5 ms for this exchange (docs/operations.md, "Usage scans"):
//   A1 AUTHENTICATE PLAIN <initial response>   (SASL-IR: the credentials ride on the command)
//   A2 GETQUOTAROOT INBOX
//   A3 LIST "" "*" RETURN (SPECIAL-USE STATUS (MESSAGES SIZE))
//   A4 LOGOUT
// Read-only: no SELECT, nothing a user would notice. A2-A4 are sent right behind A1 (pipelined, RFC 9051 5.5)
// once the server has shown that it carries such commands over to the logged-in session, as Dovecot does (its
// login process hands its unread input to the imap process); until then, and for servers that do not, they wait
// for A1's answer: two round trips. A server that neither answers them nor fails is given PIPELINE_PROBE_MS.
// Returns null whenever the server needs something this exchange does not do (STARTTLS, no SASL-IR, no
// LIST-STATUS, STATUS=SIZE or SPECIAL-USE, a quota root without inline QUOTA, RETURN options refused): the caller
// then measures with imapflow (imap/usage.ts), which handles all of that.
import type { ImapAttribute } from 'imapflow/lib/handler/types.js';
import { adminSaslPlain, ImapAuthError, type ImapConfig } from './connect.ts';
import { atoms, capabilitiesOf, responseCode, str, text, WireSession } from './wire-session.ts';
import { assignFolderRoles, type ListedFolder } from './folder-roles.ts';
import type { MailboxUsage } from './usage.ts';

// How long the first pipelined session waits for an answer to A2 before deciding the server dropped it.
const PIPELINE_PROBE_MS = 5_000;
/** Per server (host:port): whether commands sent behind AUTHENTICATE are answered; absent = not known yet. */
const pipelining = new Map<string, boolean>();

export async function readUsageQuickly(config: ImapConfig, login: string): Promise<MailboxUsage | null> {
  const session = await WireSession.open(config);
  try {
    return await exchange(session, config, login);
  } finally {
    session.close();
  }
}

async function exchange(s: WireSession, config: ImapConfig, login: string): Promise<MailboxUsage | null> {
  const greeting = await s.read();
  if (greeting.tag !== '*' || greeting.command !== 'OK') {
    if (greeting.command === 'BYE') throw new Error(`IMAP server refused the connection: ${text(greeting)}`);
    return null; // PREAUTH or something odd: imapflow knows what to do
  }
  const caps = capabilitiesOf(greeting);
  // imapflow upgrades with STARTTLS when offered; never send the password in clear where it would not.
  if (!caps || (!config.IMAP_SECURE && caps.has('STARTTLS')) || caps.has('LOGINDISABLED') || !caps.has('AUTH=PLAIN') || !caps.has('SASL-IR')) return null;

  const server = `${config.IMAP_HOST}:${config.IMAP_PORT}`;
  const pipelined = pipelining.get(server) !== false;
  const { authzid, authcid, password } = adminSaslPlain(config, login);
  const commands = 'A2 GETQUOTAROOT INBOX\r\nA3 LIST "" "*" RETURN (SPECIAL-USE STATUS (MESSAGES SIZE))\r\nA4 LOGOUT\r\n';
  s.write(`A1 AUTHENTICATE PLAIN ${Buffer.from(`${authzid}\0${authcid}\0${password}`).toString('base64')}\r\n${pipelined ? commands : ''}`);
  let after = null as Set<string> | null;
  for (;;) {
    const r = await s.read();
    if (r.tag === '+') { s.write('*\r\n'); continue; } // the server wants a second step: cancel, it answers BAD
    if (r.tag === '*' && r.command === 'CAPABILITY') after = new Set(atoms(r.attributes));
    if (r.tag !== 'A1') continue;
    // [UNAVAILABLE]: the server's auth backend is down, not the credentials wrong (retry later).
    if (r.command === 'NO') throw responseCode(r) === 'UNAVAILABLE' ? new Error(`IMAP login unavailable: ${text(r)}`) : new ImapAuthError(login);
    if (r.command !== 'OK') return null;
    after = capabilitiesOf(r) ?? after;
    break;
  }
  const hasQuota = !!after && (after.has('QUOTA') || [...after].some((c) => c.startsWith('QUOTA=RES-')));
  // Without SPECIAL-USE the RETURN option would be refused; imapflow guesses roles from names instead.
  if (!after || !hasQuota || !after.has('LIST-STATUS') || !after.has('STATUS=SIZE') || !after.has('SPECIAL-USE')) return null;
  if (!pipelined) s.write(commands);

  const quota: { storage?: number; storageLimit?: number; messages?: number } = {};
  let quotaRoot = false;
  let quotaSeen = false;
  let quotaOk = false;
  let quotaAnswered = false;
  const listed: ListedFolder[] = [];
  const status = new Map<string, { messages: number; bytes: number }>();
  const probing = pipelined && !pipelining.has(server);
  for (;;) {
    const r = probing && !quotaAnswered ? await s.read(PIPELINE_PROBE_MS).catch(() => null) : await s.read();
    if (!r) { pipelining.set(server, false); return null; } // commands behind the login got lost: not again
    if (r.tag === '*') {
      const a = r.attributes ?? [];
      if (r.command === 'QUOTAROOT' && a.length > 1) quotaRoot = true;
      if (r.command === 'QUOTA') { quotaSeen = true; readQuota(a[1], quota); }
      if (r.command === 'LIST') listed.push(listEntry(a));
      if (r.command === 'STATUS') status.set(decodeName(str(a[0])), statusItems(a[1]));
      continue;
    }
    if (r.tag === 'A2') {
      quotaOk = r.command === 'OK';
      quotaAnswered = true;
      if (probing) pipelining.set(server, true);
    }
    if ((r.tag === 'A2' || r.tag === 'A3') && r.command === 'BAD') {
      // Refused RETURN options (imapflow retries with fewer), or pipelined commands the server took as sent
      // before the login: either way not this exchange, and no pipelining to this server from now on.
      if (pipelined) pipelining.set(server, false);
      return null;
    }
    if (r.tag === 'A3' && r.command !== 'OK') throw new Error(`LIST failed: ${text(r)}`);
    if (r.tag === 'A4') break;
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
