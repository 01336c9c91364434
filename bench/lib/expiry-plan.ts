// What the expiry benchmarks seed and apply, stated once for both sides: the folders of each mailbox, the
// retention rules Mailwarden gets, the `doveadm expunge` queries that say the same thing, and which seeded
// messages both must remove.
//
// The rules are the demo's "Classic 32 days" policy (scripts/demo/seed.ts) with two changes, said in every report:
// - Trash (30 d) and Junk (14 d) count from the RECEIVED date here, not the save date: Dovecot takes a Maildir
//   message's save date from the file's ctime, which cannot be back-dated, so seeded mail is always "saved now"
//   and a saved-date rule would remove nothing on either side. (The SAVEDBEFORE path is covered by
//   test/jobs/expiry.test.ts.) The work per message is the same; only the SEARCH key differs.
// - no pre-expiry notice (noticeDays): doveadm has nothing like it, so it would be work on one side only.
import type { Db } from '../../server/core/lib/prisma.ts';
import type { FolderPlan, SeededMessage } from './maildir-seed.ts';

export interface BenchRule { folder: 'INBOX' | 'Trash' | 'Junk'; selector: string; maxAgeDays: number; keepFlagged: boolean }

export const BENCH_RULES: BenchRule[] = [
  { folder: 'INBOX', selector: 'INBOX', maxAgeDays: 32, keepFlagged: true },
  { folder: 'Trash', selector: '\\Trash', maxAgeDays: 30, keepFlagged: false },
  { folder: 'Junk', selector: '\\Junk', maxAgeDays: 14, keepFlagged: false },
];

/** Bump when the seeded files change shape, so cached templates are rebuilt. */
export const SEED_FORMAT = 2;

/**
 * `messages` per mailbox: 80 % INBOX (1 in 20 flagged), 10 % Trash, 10 % Junk, half of each past its rule's age.
 * 1 in 97 messages carries a \Deleted the user set: both sides must leave those alone.
 */
export function mailboxPlan(messages: number): FolderPlan[] {
  const trash = Math.round(messages * 0.1);
  const junk = Math.round(messages * 0.1);
  const common = { oldShare: 0.5, deletedEvery: 97 };
  return [
    { folder: 'INBOX', count: messages - trash - junk, cutoffDays: 32, oldestDays: 3 * 365, flaggedEvery: 20, ...common },
    { folder: 'Trash', count: trash, cutoffDays: 30, oldestDays: 90, ...common },
    { folder: 'Junk', count: junk, cutoffDays: 14, oldestDays: 60, ...common },
  ];
}

/** One INBOX-only folder (the huge-mailbox case), with the INBOX rule's cutoff. */
export function inboxOnlyPlan(messages: number): FolderPlan[] {
  return [{ folder: 'INBOX', count: messages, cutoffDays: 32, oldestDays: 3 * 365, flaggedEvery: 20, oldShare: 0.5, deletedEvery: 97 }];
}

/** Whether the bench policy removes a seeded message: past the age, not the user's \Deleted, not kept for \Flagged. */
export function policyRemoves(m: SeededMessage): boolean {
  const rule = BENCH_RULES.find((r) => r.folder === m.folder);
  return Boolean(rule) && m.old && !m.deleted && !(m.flagged && rule!.keepFlagged);
}

/** The bench policy, as the default policy of every mailbox. */
export async function createBenchPolicy(prisma: Db, folders: string[]) {
  return prisma.retentionPolicy.create({
    data: {
      name: 'Bench classic 32 days', isDefault: true,
      description: 'Classic 32 days with Trash/Junk counted from the received date and no notices (see bench/lib/expiry-plan.ts)',
      rules: {
        create: BENCH_RULES.filter((r) => folders.includes(r.folder)).map((r, position) => ({
          position, folderSelector: r.selector, maxAgeDays: r.maxAgeDays, ageBasis: 'received' as const, action: 'delete' as const, keepFlagged: r.keepFlagged,
        })),
      },
    },
  });
}

/**
 * The anchor: one `doveadm expunge -A` per rule. `before <n>d` is INTERNALDATE, as the rule's received date;
 * `unflagged` where the rule keeps flagged mail; `undeleted` because Mailwarden never removes a message the
 * user marked \Deleted (doveadm would, without it).
 */
export function doveadmQueries(folders: string[]): string[][] {
  return BENCH_RULES.filter((r) => folders.includes(r.folder)).map((r) => [
    'expunge', '-A', 'mailbox', r.folder, 'before', `${r.maxAgeDays}d`, ...(r.keepFlagged ? ['unflagged'] : []), 'undeleted',
  ]);
}
