// IMAP helpers for tests against the shared Dovecot: log in as a user through the master user,
// and wipe a user's Maildir so each test file starts from an empty mailbox.
import { rm } from 'node:fs/promises';
import type { ImapFlow } from 'imapflow';
import { openMailboxSession } from '../../server/core/imap/connect.ts';
import type { WorkerConfig } from '../../server/core/config.ts';
import { TEST_DOVECOT_DIR } from './env.ts';

export async function resetMaildir(login: string): Promise<void> {
  await rm(`${TEST_DOVECOT_DIR}/mail/${login}`, { recursive: true, force: true });
}

export async function withMailbox<T>(config: WorkerConfig, login: string, fn: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = await openMailboxSession(config, login);
  try {
    return await fn(client);
  } finally {
    await client.logout();
  }
}
