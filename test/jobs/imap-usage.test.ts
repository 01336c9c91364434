// Real: Dovecot 2.3 (QUOTA, STATUS=SIZE, LIST-STATUS) over the test database, imapflow, PostgreSQL. Nothing stubbed;
// the fallback sources are exercised by forcing them (measureUsage's `source` option) on the same real server, and
// the scan's quick read (usage-fast-path.ts) is checked against imapflow's reading of the very same mailboxes.
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureUsage, scanMailboxUsage } from '../../server/core/imap/usage.ts';
import { decodeName, readUsageQuickly } from '../../server/core/imap/usage-fast-path.ts';
import { ImapAuthError } from '../../server/core/imap/connect.ts';
import { createPrisma } from '../../server/core/lib/prisma.ts';
import { seedMailbox, type SeededMessage } from '../../scripts/lib/seed-mail.ts';
import { testConfig, testMailUser } from '../harness/env.ts';
import { resetMaildir, withMailbox } from '../harness/mail.ts';
import { truncateAll } from '../harness/db.ts';

const config = testConfig();
const prisma = createPrisma(config.DATABASE_URL);
const LIMITED = testMailUser(20);
const UNLIMITED = testMailUser(21);
/** Folders whose names exercise the quick read's parsing and role assignment against imapflow's. */
const FOLDERS = testMailUser(13);
const MiB = 1024 * 1024;

let kept: SeededMessage[] = [];
/** Lines in the kept messages: Dovecot stores each CRLF as LF, so its quota counts one byte fewer per line. */
let keptLines = 0;

const total = (msgs: SeededMessage[]) => msgs.reduce((n, m) => n + m.size, 0);
const byFolder = (msgs: SeededMessage[]) => {
  const out: Record<string, { messages: number; bytes: number }> = {};
  for (const m of msgs) {
    out[m.folder] ??= { messages: 0, bytes: 0 };
    out[m.folder].messages += 1;
    out[m.folder].bytes += m.size;
  }
  return out;
};
const nonEmpty = (folders: { path: string; messages: number; bytes: number }[]) =>
  Object.fromEntries(folders.filter((f) => f.messages).map((f) => [f.path, { messages: f.messages, bytes: f.bytes }]));

async function countLines(client: ImapFlow, msgs: SeededMessage[]): Promise<number> {
  let lines = 0;
  for (const folder of new Set(msgs.map((m) => m.folder))) {
    const lock = await client.getMailboxLock(folder, { readOnly: true });
    try {
      for await (const m of client.fetch('1:*', { source: true })) lines += m.source!.toString('latin1').split('\r\n').length - 1;
    } finally {
      lock.release();
    }
  }
  return lines;
}

beforeAll(async () => {
  await truncateAll(prisma);
  await Promise.all([resetMaildir(LIMITED), resetMaildir(UNLIMITED), resetMaildir(FOLDERS)]);
  await prisma.mailbox.createMany({ data: [
    { address: LIMITED, imapLogin: LIMITED, limitOverrideBytes: BigInt(MiB), effectiveLimitBytes: BigInt(MiB) },
    { address: UNLIMITED, imapLogin: UNLIMITED, effectiveLimitBytes: null },
    { address: FOLDERS, imapLogin: FOLDERS, limitOverrideBytes: BigInt(MiB), effectiveLimitBytes: BigInt(MiB) },
  ] });
  await withMailbox(config, FOLDERS, (c) => seedMailbox(c, FOLDERS, [
    // A role by name only ("Deleted Items", "Spam", "Entwürfe", "Sent Mail") loses to the folders Dovecot flags.
    ...['INBOX', 'Deleted Items', 'Spam', 'Entwürfe', 'Sent Mail', 'Say "hi" \\ there', 'Ünïcödé/Ordner & Co', '&Weird-Name'].map((folder, i) => ({ folder, count: 1 + (i % 3), ageDays: 3, sizeBytes: 2_000 + i * 500 })),
    { folder: '\\Sent', count: 2, ageDays: 1, sizeBytes: 3_000 },
  ]));
  await withMailbox(config, LIMITED, async (c) => {
    const seeded = await seedMailbox(c, LIMITED, [
      { folder: 'INBOX', count: 6, ageDays: [1, 30], sizeBytes: 10_000 },
      { folder: '\\Sent', count: 3, ageDays: 2, sizeBytes: 7_001 },
      { folder: 'Projects/2020', count: 4, ageDays: 2000, sizeBytes: 3_333 },
      { folder: '\\Trash', count: 1, ageDays: 5, sizeBytes: 50_000 },
    ]);
    // Expunge two INBOX messages so its UIDs have holes (the FETCH path must cope with sparse UIDs).
    const gone = [seeded[1], seeded[3]];
    await c.mailboxOpen('INBOX');
    await c.messageDelete(gone.map((m) => m.uid).join(','), { uid: true });
    await c.mailboxClose();
    kept = seeded.filter((m) => !gone.includes(m));
    keptLines = await countLines(c, kept);
  });
});
afterAll(() => prisma.$disconnect());

describe('measureUsage', () => {
  it('uses QUOTA when the server offers it: the limit, and usage in whole KiB of stored bytes', async () => {
    const usage = await withMailbox(config, LIMITED, (c) => measureUsage(c));
    expect(usage.source).toBe('quota');
    expect(usage.limitBytes).toBe(MiB);
    // Dovecot (maildir, mail_save_crlf = no) stores LF line ends and reports STORAGE rounded up to KiB.
    expect(usage.usedBytes).toBe(Math.ceil((total(kept) - keptLines) / 1024) * 1024);
    expect(Math.abs(usage.usedBytes - total(kept)) / total(kept)).toBeLessThan(0.02);
    // No MESSAGE resource without a message limit: the count comes from STATUS.
    expect(usage.usedMessages).toBe(kept.length);
    expect(nonEmpty(usage.folders)).toEqual(byFolder(kept));
  });

  it('sums STATUS SIZE over the folders to exactly the appended bytes', async () => {
    const usage = await withMailbox(config, LIMITED, (c) => measureUsage(c, { source: 'status-size' }));
    expect(usage).toMatchObject({ source: 'status-size', usedBytes: total(kept), usedMessages: kept.length, limitBytes: null });
    expect(nonEmpty(usage.folders)).toEqual(byFolder(kept));
    const specialUse = Object.fromEntries(usage.folders.map((f) => [f.path, f.specialUse]));
    expect(specialUse).toMatchObject({ INBOX: '\\Inbox', Sent: '\\Sent', Trash: '\\Trash', 'Projects/2020': null });
  });

  it('sums RFC822.SIZE over UID chunks to exactly the appended bytes, holes in the UIDs included', async () => {
    for (const chunkSize of [1, 3, 1000]) {
      const usage = await withMailbox(config, LIMITED, (c) => measureUsage(c, { source: 'fetch-size', chunkSize }));
      expect(usage).toMatchObject({ source: 'fetch-size', usedBytes: total(kept), usedMessages: kept.length });
      expect(nonEmpty(usage.folders)).toEqual(byFolder(kept));
    }
  });

  it('falls back to STATUS SIZE when the quota root has no storage limit', async () => {
    const seeded = await withMailbox(config, UNLIMITED, (c) => seedMailbox(c, UNLIMITED, [{ folder: 'INBOX', count: 2, ageDays: 1, sizeBytes: 4_096 }]));
    const usage = await withMailbox(config, UNLIMITED, (c) => measureUsage(c));
    expect(usage).toMatchObject({ source: 'status-size', usedBytes: total(seeded), usedMessages: 2, limitBytes: null });
  });

  it('reports an empty mailbox as zero by every source', async () => {
    await resetMaildir(UNLIMITED);
    for (const source of ['quota', 'status-size', 'fetch-size'] as const) {
      const usage = await withMailbox(config, UNLIMITED, (c) => measureUsage(c, { source }));
      expect(usage, source).toMatchObject({ usedBytes: 0, usedMessages: 0 });
      expect(usage.folders.map((f) => f.path).sort(), source).toEqual(['Archive', 'Drafts', 'INBOX', 'Junk', 'Sent', 'Trash']);
    }
  });
});

describe('readUsageQuickly (the scan\'s two-round-trip read)', () => {
  it('reads exactly what imapflow reads: totals, every folder, roles and order', async () => {
    for (const login of [LIMITED, UNLIMITED, FOLDERS]) {
      const viaImapflow = await withMailbox(config, login, (c) => measureUsage(c));
      expect(await readUsageQuickly(config, login), login).toEqual(viaImapflow);
      expect(await scanMailboxUsage(config, login), login).toEqual(viaImapflow);
    }
    const folders = (await readUsageQuickly(config, FOLDERS))!.folders;
    expect(folders.find((f) => f.path === 'Ünïcödé/Ordner & Co')).toMatchObject({ messages: 1, specialUse: null });
    expect(folders.find((f) => f.path === 'Deleted Items')).toMatchObject({ specialUse: null });
    expect(folders.find((f) => f.path === 'Trash')).toMatchObject({ specialUse: '\\Trash' });
  });

  it('reports a refused admin login as ImapAuthError, for an unknown user and for a wrong admin password', async () => {
    await expect(readUsageQuickly(config, 'nobody-here@example.test')).rejects.toBeInstanceOf(ImapAuthError);
    await expect(readUsageQuickly({ ...config, IMAP_ADMIN_PASSWORD: 'not-the-password' }, LIMITED)).rejects.toBeInstanceOf(ImapAuthError);
  });

  it('logs in the same way in authzid mode (SASL PLAIN with an authorization identity)', async () => {
    expect((await readUsageQuickly({ ...config, IMAP_ADMIN_MODE: 'authzid' }, LIMITED))!.usedBytes)
      .toBe((await withMailbox(config, LIMITED, (c) => measureUsage(c))).usedBytes);
  });

  it('decodes modified UTF-7 folder names', () => {
    expect(decodeName('Entw&APw-rfe')).toBe('Entwürfe');
    expect(decodeName('&-Weird-Name')).toBe('&Weird-Name');
    expect(decodeName('&2D3eAQ-')).toBe('😁'); // a surrogate pair
    expect(decodeName('inbox')).toBe('INBOX');
  });
});
