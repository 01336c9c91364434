// Dovecot reads a user's quota rule when the user logs in, so a session opened under a higher limit keeps appending
// up to it. When a limit drops to or below usage, the user's open sessions are disconnected with `doveadm kick`
// (SESSION_KICK=doveadm): clients reconnect by themselves and get the new limit, and Dovecot then refuses APPEND and
// delivery with OVERQUOTA. Called after the change has committed, by the API (override, plan, temporary increase) and
// by the workers (plan-limits, increase expiry). A failed kick is logged, never fatal: the limit itself is already
// enforced on every new login.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { DbOrTx } from '../lib/prisma.ts';
import type { Config } from '../config.ts';

const execFileP = promisify(execFile);
// doveadm talks to the local anvil process; a kick that hangs longer than this is abandoned (and logged).
const KICK_TIMEOUT_MS = 10_000;
// `doveadm kick` takes a user mask: `*` and `?` would disconnect other users, so such logins are never kicked.
const SAFE_LOGIN = /^[^\s*?]+$/;

export type KickConfig = Pick<Config, 'SESSION_KICK' | 'DOVEADM_CONFIG'>;
interface KickLog { warn(obj: object, msg: string): void; info(obj: object, msg: string): void }

/** The logins of these mailboxes whose last measured usage is at or above their stored limit. */
export async function loginsOverLimit(db: DbOrTx, mailboxIds: number[]): Promise<string[]> {
  if (!mailboxIds.length) return [];
  const rows = await db.$queryRaw<{ imap_login: string }[]>`
    SELECT imap_login FROM mailboxes
     WHERE id = ANY(${mailboxIds}::int[]) AND status = 'active'
       AND effective_limit_bytes IS NOT NULL AND used_bytes >= effective_limit_bytes`;
  return rows.map((r) => r.imap_login);
}

/** Disconnects every open session of these logins; returns how many logins were kicked. */
export async function kickSessions(config: KickConfig, logins: string[], log: KickLog): Promise<number> {
  if (config.SESSION_KICK === 'off' || !logins.length) return 0;
  let kicked = 0;
  for (const login of new Set(logins)) {
    if (!SAFE_LOGIN.test(login)) {
      log.warn({ login }, 'session kick skipped: the login would be read as a user mask');
      continue;
    }
    const args = [...(config.DOVEADM_CONFIG ? ['-c', config.DOVEADM_CONFIG] : []), 'kick', login];
    try {
      await execFileP('doveadm', args, { timeout: KICK_TIMEOUT_MS });
      kicked++;
    } catch (err) {
      log.warn({ login, err: (err as { stderr?: string }).stderr?.trim() || (err as Error).message }, 'session kick failed');
    }
  }
  if (kicked) log.info({ kicked }, 'sessions kicked after a limit dropped below usage');
  return kicked;
}

/** After a committed limit change of these mailboxes: kick the sessions of those now at or over their limit. */
export async function kickOverLimit(db: DbOrTx, config: KickConfig, mailboxIds: number[], log: KickLog): Promise<number> {
  if (config.SESSION_KICK === 'off') return 0;
  return kickSessions(config, await loginsOverLimit(db, mailboxIds), log);
}
