// Opens an IMAP session as a given mailbox through Mailwarden's admin access. Two mechanisms,
// chosen by IMAP_ADMIN_MODE: a Dovecot master user (login `user*admin`) or SASL PLAIN with an
// authorization identity (authcid = admin, authzid = user), which other servers support too.
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import type { Logger } from 'pino';
import type { Config } from '../../server/config.ts';

export type ImapConfig = Pick<Config,
  'IMAP_HOST' | 'IMAP_PORT' | 'IMAP_SECURE' | 'IMAP_TLS_INSECURE' | 'IMAP_ADMIN_MODE' | 'IMAP_ADMIN_USER' | 'IMAP_ADMIN_PASSWORD' | 'IMAP_MASTER_SEPARATOR'>;

export function adminAuth(config: ImapConfig, login: string): ImapFlowOptions['auth'] {
  if (config.IMAP_ADMIN_MODE === 'authzid') {
    return { user: config.IMAP_ADMIN_USER, pass: config.IMAP_ADMIN_PASSWORD, authzid: login, loginMethod: 'AUTH=PLAIN' };
  }
  return { user: `${login}${config.IMAP_MASTER_SEPARATOR}${config.IMAP_ADMIN_USER}`, pass: config.IMAP_ADMIN_PASSWORD };
}

/** The same admin access as SASL PLAIN fields, for sessions that speak IMAP without imapflow (imap/quick-usage.ts). */
export function adminSaslPlain(config: ImapConfig, login: string): { authzid: string; authcid: string; password: string } {
  const auth = adminAuth(config, login) as { user: string; pass: string; authzid?: string };
  return { authzid: auth.authzid ?? '', authcid: auth.user, password: auth.pass };
}

export class ImapAuthError extends Error {
  constructor(login: string) {
    // The message names the mailbox, never the admin credentials.
    super(`IMAP login as ${login} through admin access was refused`);
    this.name = 'ImapAuthError';
  }
}

/** Connects and authenticates; the caller must `logout()` in a finally. */
export async function openMailboxSession(config: ImapConfig, login: string, logger?: Logger): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: config.IMAP_HOST,
    port: config.IMAP_PORT,
    secure: config.IMAP_SECURE,
    tls: { rejectUnauthorized: !config.IMAP_TLS_INSECURE },
    auth: adminAuth(config, login),
    // imapflow logs every command (including AUTH lines) when given a logger at debug: keep it quiet.
    logger: false,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 5 * 60_000,
    disableAutoIdle: true,
    emitLogs: false,
  });
  client.on('error', (err: Error) => logger?.warn({ err: err.message, login }, 'imap connection error'));
  try {
    await client.connect();
  } catch (err) {
    const e = err as { authenticationFailed?: boolean; serverResponseCode?: string };
    // [UNAVAILABLE]: the server's auth backend is down, not the credentials wrong: transient, retried.
    if (e.serverResponseCode === 'UNAVAILABLE') throw err;
    if (e.authenticationFailed || e.serverResponseCode === 'AUTHENTICATIONFAILED') throw new ImapAuthError(login);
    throw err;
  }
  return client;
}
