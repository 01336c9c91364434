// Checks a mail user's own credentials against the IMAP server: a LOGIN (or AUTHENTICATE PLAIN, whichever the server
// offers) as that user, then LOGOUT. The only IMAP session Mailwarden opens without its admin access; used by the
// mailbox-read worker for /me sign-in (#20). The server's own answer is the truth: Mailwarden stores no password.
import { ImapFlow } from 'imapflow';
import type { ImapConfig } from './connect.ts';

/** true: accepted; false: refused as bad credentials. Anything else (unreachable, [UNAVAILABLE]) throws. */
export async function checkUserLogin(config: Pick<ImapConfig, 'IMAP_HOST' | 'IMAP_PORT' | 'IMAP_SECURE' | 'IMAP_TLS_INSECURE'>, login: string, password: string): Promise<boolean> {
  const client = new ImapFlow({
    host: config.IMAP_HOST,
    port: config.IMAP_PORT,
    secure: config.IMAP_SECURE,
    tls: { rejectUnauthorized: !config.IMAP_TLS_INSECURE },
    auth: { user: login, pass: password },
    // Never a logger: at debug imapflow would log the authentication lines.
    logger: false,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    disableAutoIdle: true,
    emitLogs: false,
  });
  client.on('error', () => undefined); // a failed connect rejects connect() below; nothing else is running on it
  try {
    await client.connect();
  } catch (err) {
    client.close(); // a refused or failed connect leaves nothing open
    const e = err as { authenticationFailed?: boolean; serverResponseCode?: string };
    // [UNAVAILABLE]: the server's auth backend is down, not the password wrong.
    if (e.serverResponseCode === 'UNAVAILABLE') throw err;
    if (e.authenticationFailed || e.serverResponseCode === 'AUTHENTICATIONFAILED') return false;
    throw err;
  }
  await client.logout().catch(() => client.close());
  return true;
}
