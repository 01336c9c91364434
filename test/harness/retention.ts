// Retention test helpers: a standard seeded mailbox whose subjects say what policy must do with each message
// ("keep …", "expire …", "move …"), the policy that goes with it, and an IMAP listing to compare against.
import type { ImapFlow } from 'imapflow';
import type { WorkerConfig } from '../../server/core/config.ts';
import type { Db } from '../../server/core/lib/prisma.ts';
import { seedMailbox, type SeedSpec, type SeededMessage } from '../../scripts/lib/seed-mail.ts';
import { resetMaildir, withMailbox } from './mail.ts';

const SEEN = ['\\Seen'];

/** INBOX, Junk, Trash, Lists/dev and Sent with mail of known ages and flags; the subject prefix is the expectation. */
export const STANDARD_SEED: SeedSpec[] = [
  { folder: 'INBOX', count: 3, ageDays: 5, flags: SEEN, subjectPrefix: 'keep young' },
  { folder: 'INBOX', count: 3, ageDays: [40, 60], flags: SEEN, subjectPrefix: 'expire old-read' },
  { folder: 'INBOX', count: 2, ageDays: 45, subjectPrefix: 'keep old-unread' },
  { folder: 'INBOX', count: 2, ageDays: 50, flags: [...SEEN, '\\Flagged'], subjectPrefix: 'keep old-flagged' },
  // Marked \Deleted by the user but not expunged, outside the matched set: must survive (no bare EXPUNGE).
  { folder: 'INBOX', count: 1, ageDays: 70, flags: [...SEEN, '\\Deleted'], subjectPrefix: 'keep old-user-deleted' },
  { folder: 'INBOX', count: 1, ageDays: 2, flags: [...SEEN, '\\Deleted'], subjectPrefix: 'keep young-user-deleted' },
  // A few days short of the 30-day INBOX rule: kept.
  { folder: 'INBOX', count: 2, ageDays: [25, 27], flags: SEEN, subjectPrefix: 'keep soon' },
  { folder: '\\Junk', count: 2, ageDays: 20, subjectPrefix: 'expire junk-old' },
  { folder: '\\Junk', count: 1, ageDays: 30, flags: ['\\Flagged'], subjectPrefix: 'expire junk-flagged' },
  { folder: '\\Junk', count: 1, ageDays: 3, subjectPrefix: 'keep junk-new' },
  // Appended now with an old internal date: saved now, so a saved-date rule keeps it.
  { folder: '\\Trash', count: 2, ageDays: 100, flags: SEEN, subjectPrefix: 'keep trash-appended-old' },
  { folder: 'Lists/dev', count: 2, ageDays: 90, flags: SEEN, subjectPrefix: 'move list-old' },
  { folder: 'Lists/dev', count: 1, ageDays: 10, flags: SEEN, subjectPrefix: 'keep list-new' },
  { folder: '\\Sent', count: 1, ageDays: 400, flags: SEEN, subjectPrefix: 'keep sent-old' },
];

export const STANDARD_RULES = [
  { folderSelector: '\\Trash', maxAgeDays: 30, ageBasis: 'saved' as const },
  { folderSelector: '\\Junk', maxAgeDays: 14, keepFlagged: false },
  { folderSelector: 'INBOX', maxAgeDays: 30, keepFlagged: true, keepUnread: true },
  { folderSelector: 'Lists/*', maxAgeDays: 60, action: 'move' as const, moveTo: '\\Archive' },
];

export async function createPolicy(prisma: Db, name: string, rules: Record<string, unknown>[], opts: { isDefault?: boolean } = {}) {
  return prisma.retentionPolicy.create({
    data: { name, isDefault: opts.isDefault ?? false, rules: { create: rules.map((r, position) => ({ position, ...(r as { folderSelector: string; maxAgeDays: number }) })) } },
    include: { rules: { orderBy: { position: 'asc' } } },
  });
}

export async function createMailboxRow(prisma: Db, login: string, data: { retentionPolicyId?: number; status?: 'active' | 'disabled'; displayName?: string } = {}) {
  await resetMaildir(login);
  return prisma.mailbox.create({ data: { address: login, imapLogin: login, displayName: data.displayName ?? 'Retention Test', ...data } });
}

export async function seed(config: WorkerConfig, login: string, specs: SeedSpec[] = STANDARD_SEED): Promise<SeededMessage[]> {
  return withMailbox(config, login, (c) => seedMailbox(c, login, specs));
}

/** Every folder's messages as "subject" strings (sorted), plus which carry \Deleted; empty folders left out. */
export async function listMail(config: WorkerConfig, login: string): Promise<Record<string, string[]>> {
  return withMailbox(config, login, async (client: ImapFlow) => {
    const out: Record<string, string[]> = {};
    for (const box of await client.list()) {
      if ([...(box.flags ?? [])].some((f) => /^\\(noselect|nonexistent)$/i.test(f))) continue;
      const lock = await client.getMailboxLock(box.path, { readOnly: true });
      try {
        if (!client.mailbox || !client.mailbox.exists) continue;
        const subjects: string[] = [];
        for await (const m of client.fetch('1:*', { envelope: true, flags: true })) {
          subjects.push(`${m.envelope?.subject}${m.flags?.has('\\Deleted') ? ' [\\Deleted]' : ''}`);
        }
        out[box.path] = subjects.sort();
      } finally {
        lock.release();
      }
    }
    return out;
  });
}

/** What policy says must remain, from the seeded subjects: keep* stays, move* lands in `archive`, expire* goes. */
export function expectedAfterStandardRun(seeded: SeededMessage[], subjects: Map<string, string>, archive = 'Archive'): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const m of seeded) {
    const subject = subjects.get(m.messageId)!;
    if (subject.startsWith('expire')) continue;
    const folder = subject.startsWith('move') ? archive : m.folder;
    const shown = `${subject}${m.flags.includes('\\Deleted') ? ' [\\Deleted]' : ''}`;
    (out[folder] ??= []).push(shown);
  }
  for (const k of Object.keys(out)) out[k].sort();
  return out;
}

/** Subject of each seeded message (seedMailbox's deterministic format), keyed by Message-ID. */
export function subjectsOf(seeded: SeededMessage[], specs: SeedSpec[] = STANDARD_SEED): Map<string, string> {
  const map = new Map<string, string>();
  let i = 0;
  for (const spec of specs) {
    for (let n = 0; n < spec.count; n++, i++) {
      const m = seeded[i];
      map.set(m.messageId, `${spec.subjectPrefix ?? 'Seed'} ${m.folder} ${n + 1}/${spec.count}`);
    }
  }
  return map;
}
