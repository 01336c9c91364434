// Opens an IMAP session as a given mailbox through Mailwarden's admin access. Two mechanisms,
// chosen by IMAP_ADMIN_MODE: a Dovecot master user (login `user*admin`) or SASL PLAIN with an
// authorization identity (authcid = admin, authzid = user), which other servers support too.
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';

export type ImapConfig = Pick<Config,
  'IMAP_HOST' | 'IMAP_PORT' | 'IMAP_SECURE' | 'IMAP_TLS_INSECURE' | 'IMAP_ADMIN_MODE' | 'IMAP_ADMIN_USER' | 'IMAP_ADMIN_PASSWORD' | 'IMAP_MASTER_SEPARATOR'
  | 'IMAP_READ_TIMEOUT_MS'>;

export function adminAuth(config: ImapConfig, login: string): ImapFlowOptions['auth'] {
  if (config.IMAP_ADMIN_MODE === 'authzid') {
    return { user: config.IMAP_ADMIN_USER, pass: config.IMAP_ADMIN_PASSWORD, authzid: login, loginMethod: 'AUTH=PLAIN' };
  }
  return { user: `${login}${config.IMAP_MASTER_SEPARATOR}${config.IMAP_ADMIN_USER}`, pass: config.IMAP_ADMIN_PASSWORD };
}

/** The same admin access as SASL PLAIN fields, for sessions that speak IMAP without imapflow (imap/usage-fast-path.ts). */
export function adminSaslPlain(config: ImapConfig, login: string): { authzid: string; authcid: string; password: string } {
  const auth = adminAuth(config, login) as { user: string; pass: string; authzid?: string };
  return { authzid: auth.authzid ?? '', authcid: auth.user, password: auth.pass };
}

export class ImapAuthError extends Error {
  constructor(login: string, config: Pick<ImapConfig, 'IMAP_ADMIN_MODE'>) {
    // The message names the mailbox and the mode, never the admin credentials. A server without Dovecot's master
    // users (Cyrus) refuses every `user*admin` login: the hint names the setting that works there.
    const hint = config.IMAP_ADMIN_MODE === 'master'
      ? 'IMAP_ADMIN_MODE=master; a server without Dovecot master users, such as Cyrus, needs IMAP_ADMIN_MODE=authzid'
      : 'IMAP_ADMIN_MODE=authzid';
    super(`IMAP login as ${login} through admin access was refused (${hint})`);
    this.name = 'ImapAuthError';
  }
}

export interface SessionOptions {
  /** Inactivity after which the session fails (imapflow's socketTimeout). Default 5 minutes: an EXPUNGE or a
   *  LIST-STATUS over huge folders may keep a server quiet that long. Scans pass IMAP_READ_TIMEOUT_MS. */
  idleTimeoutMs?: number;
  /**
   * ENABLE QRESYNC (RFC 7162) where the server has it: a UID EXPUNGE is then answered by one `VANISHED <uid set>`
   * line instead of one `EXPUNGE` line per message (5,000 for a full expiry chunk). Expiry sessions ask for it.
   */
  qresync?: boolean;
}

/** Connects and authenticates; the caller must `logout()` in a finally. */
export async function openMailboxSession(config: ImapConfig, login: string, logger?: Logger, opts: SessionOptions = {}): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: config.IMAP_HOST,
    port: config.IMAP_PORT,
    secure: config.IMAP_SECURE,
    tls: { rejectUnauthorized: !config.IMAP_TLS_INSECURE },
    auth: adminAuth(config, login),
    // imapflow logs every command (including AUTH lines) when given a logger at debug: keep it quiet.
    logger: false,
    connectionTimeout: 10_000,
    greetingTimeout: Math.min(10_000, opts.idleTimeoutMs ?? 10_000),
    socketTimeout: opts.idleTimeoutMs ?? 5 * 60_000,
    disableAutoIdle: true,
    emitLogs: false,
    qresync: opts.qresync ?? false,
  });
  client.on('error', (err: Error) => logger?.warn({ err: err.message, login }, 'imap connection error'));
  try {
    await client.connect();
  } catch (err) {
    const e = err as { authenticationFailed?: boolean; serverResponseCode?: string };
    // [UNAVAILABLE]: the server's auth backend is down, not the credentials wrong: transient, retried.
    if (e.serverResponseCode === 'UNAVAILABLE') throw err;
    if (e.authenticationFailed || e.serverResponseCode === 'AUTHENTICATIONFAILED') throw new ImapAuthError(login, config);
    throw err;
  }
  return client;
}
