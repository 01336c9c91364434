// Builds RFC 5322 test messages and appends them over IMAP with chosen internal dates, so retention
// and quota code sees mail of a known age and size. Deterministic: the same input gives the same
// bytes, Message-IDs and dates (no Math.random), so tests can compare exactly.
import { createHash } from 'node:crypto';
import type { ImapFlow } from 'imapflow';

export interface BuildMessageOptions {
  from: string;
  to: string;
  subject: string;
  date: Date;
  /** Total size of the raw message in bytes; the body is padded to it (exact when above the bare message size + 2). */
  sizeBytes?: number;
  messageId?: string;
  body?: string;
}

export interface SeedSpec {
  /** Mailbox path ("INBOX", "Archive/2020"), or a special-use flag ("\\Trash", "\\Junk", …). Created if missing. */
  folder: string;
  count: number;
  /** Age of every message, or [newest, oldest] spread evenly over the messages (first = newest). */
  ageDays: number | [number, number];
  sizeBytes?: number;
  flags?: string[];
  subjectPrefix?: string;
}

export interface SeededMessage {
  folder: string;
  uid: number;
  date: Date;
  size: number;
  messageId: string;
  flags: string[];
}

const DAY_MS = 86_400_000;
const LINE = 76; // padding line length, well under RFC 5322's 78-character recommendation
const WORDS = ['mailbox', 'quota', 'retention', 'archive', 'policy', 'storage', 'message', 'folder', 'limit',
  'usage', 'notice', 'report', 'sample', 'digest', 'invoice', 'meeting', 'draft', 'backup', 'ledger', 'summary'];

export function buildMessage(opts: BuildMessageOptions): Buffer {
  const messageId = opts.messageId ?? defaultMessageId(opts);
  const body = normalize(opts.body ?? `Seed message: ${opts.subject}\r\n`);
  const eightBit = /[^\x00-\x7f]/.test(body);
  const head = [
    `From: ${opts.from}`,
    `To: ${opts.to}`,
    `Subject: ${encodeHeader(opts.subject)}`,
    `Date: ${rfc5322Date(opts.date)}`,
    `Message-ID: ${messageId}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    `Content-Transfer-Encoding: ${eightBit ? '8bit' : '7bit'}`,
  ].join('\r\n') + '\r\n\r\n';
  const bare = Buffer.from(head + body, 'utf8');
  const need = (opts.sizeBytes ?? 0) - bare.length;
  if (need < 3) return bare;
  return Buffer.concat([bare, Buffer.from(padding(need, seedOf(messageId)), 'ascii')]);
}

/**
 * Appends the messages each spec describes to `to`'s mailbox on an authenticated client, in spec
 * order. Sequential APPENDs on one connection: imapflow runs commands one at a time anyway.
 * `opts.now` fixes the reference time (default: now, whole seconds, as IMAP dates have no ms).
 */
export async function seedMailbox(
  client: ImapFlow,
  to: string,
  specs: SeedSpec[],
  opts: { now?: Date; from?: string } = {},
): Promise<SeededMessage[]> {
  const now = Math.floor((opts.now ?? new Date()).getTime() / 1000) * 1000;
  const from = opts.from ?? 'Mailwarden Seed <seed@mailwarden.test>';
  const folders = await folderResolver(client);
  const seeded: SeededMessage[] = [];

  for (const [specIndex, spec] of specs.entries()) {
    const folder = await folders(spec.folder);
    const flags = spec.flags ?? [];
    for (let i = 0; i < spec.count; i++) {
      const date = new Date(now - Math.round(ageOf(spec, i) * DAY_MS / 1000) * 1000);
      const subject = `${spec.subjectPrefix ?? 'Seed'} ${folder} ${i + 1}/${spec.count}`;
      const messageId = `<seed-${hash(`${to}|${folder}|${specIndex}|${i}|${date.toISOString()}`).slice(0, 20)}@mailwarden.test>`;
      const raw = buildMessage({ from, to, subject, date, messageId, sizeBytes: spec.sizeBytes });
      const res = await client.append(folder, raw, flags, date);
      if (!res || !res.uid) throw new Error(`APPEND to ${folder} returned no UID (server without UIDPLUS?)`);
      seeded.push({ folder, uid: res.uid, date, size: raw.length, messageId, flags: [...flags] });
    }
  }
  return seeded;
}

/** Age in days of message i of a spec: fixed, or linear from the newest (i = 0) to the oldest. */
function ageOf(spec: SeedSpec, i: number): number {
  if (typeof spec.ageDays === 'number') return spec.ageDays;
  const [newest, oldest] = spec.ageDays;
  return spec.count <= 1 ? newest : newest + ((oldest - newest) * i) / (spec.count - 1);
}

/** Maps a spec folder to a mailbox path, creating plain folders and resolving special-use flags. */
async function folderResolver(client: ImapFlow): Promise<(folder: string) => Promise<string>> {
  let listed = await client.list();
  return async (folder) => {
    if (folder.startsWith('\\')) {
      const box = listed.find((m) => m.specialUse?.toLowerCase() === folder.toLowerCase());
      if (!box) throw new Error(`no mailbox with special use ${folder}`);
      return box.path;
    }
    if (folder.toUpperCase() === 'INBOX') return 'INBOX';
    if (!listed.some((m) => m.path === folder)) {
      await client.mailboxCreate(folder);
      listed = await client.list();
    }
    return folder;
  };
}

/** Filler lines of deterministic words; exactly `need` bytes (need >= 3), each line ending in CRLF. */
function padding(need: number, seed: number): string {
  const rand = mulberry32(seed);
  const lines: string[] = [];
  let left = need;
  while (left > 0) {
    let len = Math.min(LINE, left - 2);
    if (left - (len + 2) === 1) len -= 1; // never leave a single byte: it cannot hold a CRLF
    let line = '';
    while (line.length < len) line += (line ? ' ' : '') + WORDS[Math.floor(rand() * WORDS.length)];
    lines.push(line.slice(0, len) + '\r\n');
    left -= len + 2;
  }
  return lines.join('');
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function defaultMessageId(o: BuildMessageOptions): string {
  const domain = /@([^>\s]+)/.exec(o.from)?.[1] ?? 'mailwarden.test';
  return `<${hash(`${o.from}|${o.to}|${o.subject}|${o.date.toISOString()}|${o.sizeBytes ?? ''}`).slice(0, 24)}@${domain}>`;
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex');
const seedOf = (s: string) => parseInt(hash(s).slice(0, 8), 16);
const normalize = (body: string) => {
  const crlf = body.replace(/\r?\n/g, '\r\n');
  return crlf.endsWith('\r\n') ? crlf : crlf + '\r\n';
};

/** Non-ASCII header text as one RFC 2047 encoded word. */
function encodeHeader(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

/** "Thu, 02 Jan 2020 03:04:05 +0000" (always UTC). */
function rfc5322Date(d: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} `
    + `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}
