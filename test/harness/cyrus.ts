// The run's Cyrus (scripts/lib/cyrus.ts), started by global-setup.ts for test/cyrus/*. Once (2026-12-06, a CI
// rehearsal) it was gone by the time the first Cyrus file ran, every Cyrus test failing with ECONNREFUSED, and its
// exit was not visible; scripts/lib/daemon.ts now logs any daemon's unexpected exit with its output. A Cyrus test
// file checks it is there first and, if not, starts it again for itself, saying so in the log.
import net from 'node:net';
import { startCyrus, type CyrusOptions } from '../../scripts/lib/cyrus.ts';
import { TEST_CYRUS_DIR, TEST_CYRUS_USER_COUNT, TEST_CYRUS_VARIED_LOGINS, TEST_MAIL_PASSWORD, TEST_MASTER, TEST_PORTS, testMailUser } from './env.ts';

export function testCyrusOptions(): CyrusOptions {
  return {
    dir: TEST_CYRUS_DIR,
    imapPort: TEST_PORTS.cyrusImap,
    adminUser: TEST_MASTER.user,
    adminPassword: TEST_MASTER.password,
    users: [...Array.from({ length: TEST_CYRUS_USER_COUNT }, (_, i) => testMailUser(i + 1)), ...TEST_CYRUS_VARIED_LOGINS].map((login) => ({ login, password: TEST_MAIL_PASSWORD })),
  };
}

const listening = (port: number) => new Promise<boolean>((resolve) => {
  const socket = net.connect({ host: '127.0.0.1', port }, () => { socket.destroy(); resolve(true); });
  socket.on('error', () => resolve(false));
});

/** Before a Cyrus test file: the run's Cyrus, or a new one when it is gone (it then lives as long as this file's process). */
export async function ensureTestCyrus(): Promise<void> {
  if (await listening(TEST_PORTS.cyrusImap)) return;
  console.warn(`[test cyrus] nothing listens on 127.0.0.1:${TEST_PORTS.cyrusImap}: the run's Cyrus is gone, starting one for this file`);
  await startCyrus(testCyrusOptions());
}
