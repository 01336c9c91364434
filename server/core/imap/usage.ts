// How much a mailbox holds, read over IMAP with the cheapest method the server offers:
//   quota       GETQUOTAROOT INBOX (RFC 9208): the number the server enforces. STORAGE is in KiB on the wire
//               (imapflow converts to bytes); Dovecot counts stored bytes, rounded up to whole KiB.
//   status-size sum of STATUS SIZE (RFC 8438) over every folder: exact RFC822 sizes, one round trip with LIST-STATUS.
//   fetch-size  sum of RFC822.SIZE per message via UID FETCH, in chunks: works everywhere, costs a FETCH per 1,000 messages.
// Per-folder figures come from STATUS (MESSAGES, SIZE) when available, else from the FETCH sizes.
// A scan of every mailbox reads through imap/usage-fast-path.ts first (two round trips after the greeting instead of
// ten, same figures; SCAN_FAST_PATH=off skips it) and comes back here, to imapflow, whenever the server needs more
// than that exchange does.
import type { ImapFlow, ListResponse } from 'imapflow';
import type { Logger } from 'pino';
import { openMailboxSession, type ImapConfig } from './connect.ts';
import { ImapProtocolError, readUsageQuickly } from './usage-fast-path.ts';
import { ImapTimeoutError } from './raw-connection.ts';
import type { Config } from '../config.ts';

/** How a figure was measured; 'quota-clone' is Dovecot's own count pushed to PostgreSQL (jobs/live-usage.ts), not an IMAP read. */
export type UsageSource = 'quota' | 'status-size' | 'fetch-size' | 'quota-clone';

export interface FolderUsage { path: string; specialUse: string | null; messages: number; bytes: number }

export interface MailboxUsage {
  usedBytes: number;
  /** null only from a totals read whose quota root counts no messages: the last full scan's count stays. */
  usedMessages: number | null;
  /** The server's own storage limit (quota source only); Mailwarden's effective limit is in the database. */
  limitBytes: number | null;
  source: UsageSource;
  folders: FolderUsage[];
  /** A totals read (the quota root alone, or Dovecot's quota_clone): no folders were listed, so the stored ones, and the
   *  server limit where none was read, stay as the last full scan left them. */
  totalsOnly?: boolean;
}

export interface MeasureOptions {
  /** Use this source even when a cheaper one is offered (tests, or a server whose QUOTA is known to lie). */
  source?: UsageSource;
  /** Read the quota root alone where the server has QUOTA (no folder list): the frequent scan (SCAN_FOLDERS_HOURS). */
  totalsOnly?: boolean;
  /** UIDs per FETCH command; ~1,000 keeps each response small on huge folders. */
  chunkSize?: number;
}

export class UsageSourceUnavailableError extends Error {
  constructor(source: UsageSource) {
    super(`the IMAP server does not offer ${source}`);
    this.name = 'UsageSourceUnavailableError';
  }
}

const hasQuota = (c: ImapFlow) => c.capabilities.has('QUOTA') || [...c.capabilities.keys()].some((k) => k.startsWith('QUOTA=RES-'));
const hasStatusSize = (c: ImapFlow) => c.capabilities.has('STATUS=SIZE') || c.capabilities.has('IMAP4rev2');

export async function measureUsage(client: ImapFlow, opts: MeasureOptions = {}): Promise<MailboxUsage> {
  const forced = opts.source;
  if (forced === 'quota' && !hasQuota(client)) throw new UsageSourceUnavailableError('quota');
  if (forced === 'status-size' && !hasStatusSize(client)) throw new UsageSourceUnavailableError('status-size');

  const quota = (forced ?? 'quota') === 'quota' && hasQuota(client) ? await client.getQuota('INBOX') : false;
  const quotaBytes = quota && typeof quota.storage?.usage === 'number' ? quota.storage.usage : null;
  if (opts.totalsOnly && quota && quotaBytes !== null) {
    return {
      usedBytes: quotaBytes, usedMessages: typeof quota.message?.usage === 'number' ? quota.message.usage : null,
      limitBytes: quota.storage?.limit ? quota.storage.limit : null, source: 'quota', folders: [], totalsOnly: true,
    };
  }

  // STATUS SIZE for the folders unless FETCH is what we were asked to exercise.
  const statusSize = forced !== 'fetch-size' && hasStatusSize(client);
  const listed = await client.list({ statusQuery: { messages: true, size: statusSize } });
  const folders: FolderUsage[] = [];
  for (const box of listed.filter(selectable)) {
    const status = box.status as (ListResponse['status'] & { error?: unknown }) | undefined;
    if (!status || status.error) throw new Error(`STATUS failed for folder ${box.path}`);
    const messages = status.messages ?? 0;
    const bytes = statusSize && typeof status.size === 'number' ? status.size : messages ? await fetchFolderBytes(client, box.path, opts.chunkSize) : 0;
    folders.push({ path: box.path, specialUse: box.specialUse ?? null, messages, bytes });
  }

  const sum = (key: 'messages' | 'bytes') => folders.reduce((n, f) => n + f[key], 0);
  // A quota root without a STORAGE resource (message count only) says nothing about bytes: fall through.
  const source: UsageSource = quotaBytes !== null ? 'quota' : statusSize ? 'status-size' : 'fetch-size';
  const messagesFromQuota = quota && typeof quota.message?.usage === 'number' ? quota.message.usage : null;
  return {
    usedBytes: quotaBytes ?? sum('bytes'),
    usedMessages: messagesFromQuota ?? sum('messages'),
    limitBytes: quota && quota.storage?.limit ? quota.storage.limit : null,
    source,
    folders,
  };
}

// Whether the quick exchange is used is decided per server (host:port) from what that server offers (greeting and
// post-login capabilities) and how it answered: a server that cannot do it, or answered it out of step, is measured
// through imapflow for a while, then looked at again in case it was upgraded. Other servers are not affected.
const QUICK_RETRY_AFTER_MS = 10 * 60_000;
const quickUnsupportedUntil = new Map<string, number>();
const serverKey = (config: ImapConfig) => `${config.IMAP_HOST}:${config.IMAP_PORT}`;

export type ScanConfig = ImapConfig & Pick<Config, 'SCAN_FAST_PATH'>;

/** Usage of one mailbox for a scan, through Mailwarden's admin access. `opts.source` forces the imapflow path. */
export async function scanMailboxUsage(config: ScanConfig, login: string, opts: MeasureOptions = {}, logger?: Logger): Promise<MailboxUsage> {
  const server = serverKey(config);
  if (!opts.source && config.SCAN_FAST_PATH === 'auto' && Date.now() >= (quickUnsupportedUntil.get(server) ?? 0)) {
    try {
      // A quota root with no storage figure (no limit set, on some servers) cannot give totals: measure fully.
      const quick = await readUsageQuickly(config, login, { totalsOnly: opts.totalsOnly }) ?? (opts.totalsOnly ? await readUsageQuickly(config, login) : null);
      if (quick) return quick;
      logger?.info({ login, server }, 'IMAP server needs the full imapflow session for usage scans');
    } catch (err) {
      if (!(err instanceof ImapProtocolError)) throw err;
      logger?.warn({ login, server, err: err.message }, 'IMAP server answered the short scan exchange out of step: measuring through imapflow');
    }
    quickUnsupportedUntil.set(server, Date.now() + QUICK_RETRY_AFTER_MS);
  }
  const client = await openMailboxSession(config, login, logger, { idleTimeoutMs: config.IMAP_READ_TIMEOUT_MS });
  // imapflow reports a silent server as an 'error' event ("Socket timeout") and fails the command in flight with
  // "Connection not available": say what happened and which setting ended it.
  let timedOut = false;
  client.on('error', (err: { code?: string }) => { if (err.code === 'ETIMEOUT') timedOut = true; });
  try {
    return await measureUsage(client, opts);
  } catch (err) {
    if (timedOut || (err as { code?: string }).code === 'ETIMEOUT') throw new ImapTimeoutError('the usage read', config.IMAP_READ_TIMEOUT_MS);
    throw err;
  } finally {
    await client.logout().catch(() => client.close());
  }
}

function selectable(box: ListResponse): boolean {
  return !box.flags.has('\\Noselect') && !box.flags.has('\\NonExistent');
}

/**
 * Sum of RFC822.SIZE in one folder, opened read-only (EXAMINE: no \Recent or \Seen side effects).
 * UIDs are listed first (UID SEARCH ALL, compact with ESEARCH), then fetched in UID ranges of `chunkSize`
 * messages, so sparse UIDs after expunges cost no empty commands and no response holds more than a chunk.
 * Only the size of each message is requested, never envelopes or bodies.
 */
export async function fetchFolderBytes(client: ImapFlow, path: string, chunkSize = 1000): Promise<number> {
  const lock = await client.getMailboxLock(path, { readOnly: true });
  try {
    const uids = await client.search({ all: true }, { uid: true });
    if (!uids || uids.length === 0) return 0;
    uids.sort((a, b) => a - b);
    let bytes = 0;
    for (let i = 0; i < uids.length; i += chunkSize) {
      const range = `${uids[i]}:${uids[Math.min(i + chunkSize, uids.length) - 1]}`;
      for await (const msg of client.fetch(range, { size: true }, { uid: true })) bytes += msg.size ?? 0;
    }
    return bytes;
  } finally {
    lock.release();
  }
}
