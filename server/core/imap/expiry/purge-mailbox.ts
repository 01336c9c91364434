// The purge of a deleted mailbox after its grace period (docs/mailbox-lifecycle.md): every message in every folder
// goes through the expiry engine (expireMailbox) with one rule that makes every message due, so each removal gets
// the same audit rows, the same lock and legal-hold checks before every STORE and EXPUNGE, and the same crash
// recovery as expiry. No second deleter.
// Expiry leaves alone messages the user marked \Deleted (they are the user's to expunge). A purge must not: after
// the first pass, the user's \Deleted marks are taken back (nobody can log in as a deleted mailbox's user, and our
// own marks of the first pass are settled by then) and a second pass removes those messages too. Then every folder
// is counted: the purge is complete only when none holds a message.
import type { ImapFlow } from 'imapflow';
import type { Rule } from '../../domain/retention/rules.ts';
import { expireMailbox, listFolders, type MailboxExpiryInput, type MailboxExpiryResult } from './expire-mailbox.ts';
import { isSelectable } from '../../domain/retention/plan.ts';

/**
 * Every folder, every message: received before a date a century ahead (so a message with an internal date in the
 * future is due as well), keeping neither flagged nor unread mail. Never stored as a policy.
 */
export const PURGE_RULE: Rule = {
  id: 0, position: 0, folderSelector: '*', maxAgeDays: -36_500, ageBasis: 'received', action: 'delete', moveTo: null,
  keepFlagged: false, keepUnread: false, noticeDays: null,
};

/** The last pass's figures (they count every pass: they come from the audit), with what is left as errors. */
export interface PurgeResult extends MailboxExpiryResult {
  passes: number;
  /** Messages still in the mailbox after the passes, per folder (empty = the purge is complete). */
  remaining: Array<{ path: string; messages: number | null }>;
}

export type PurgeInput = Omit<MailboxExpiryInput, 'rules' | 'dryRun' | 'admit'>;

export async function purgeMailbox(input: PurgeInput): Promise<PurgeResult> {
  const passes: MailboxExpiryResult[] = [];
  const pass = async () => passes.push(await expireMailbox({ ...input, rules: [PURGE_RULE], dryRun: false }));
  await pass();
  if (!passes[0].errors.length && await takeBackUserDeletedMarks(input.client, input.beforeRemoval)) await pass();
  const errors = passes.flatMap((p) => p.errors);
  const remaining = errors.length ? [] : await remainingMessages(input.client);
  // The second pass reads the audit of this mailbox run too (useAuditFigures): its figures include the first's.
  const last = passes.at(-1)!;
  return {
    ...last,
    examined: passes[0].examined,
    matched: last.deleted,
    passes: passes.length,
    remaining,
    errors: [...errors, ...remaining.map((r) => `${r.path}: ${r.messages ?? 'an unknown number of'} message(s) remain after the purge`)],
  };
}

/** Removes \Deleted from every message still marked: after a clean pass these marks are the user's own. Returns how many. */
async function takeBackUserDeletedMarks(client: ImapFlow, beforeRemoval?: () => Promise<void>): Promise<number> {
  let taken = 0;
  for (const folder of (await listFolders(client)).filter(isSelectable)) {
    const lock = await client.getMailboxLock(folder.path);
    try {
      const marked = (await client.search({ deleted: true }, { uid: true })) || [];
      if (!marked.length) continue;
      await beforeRemoval?.(); // the lock and a legal hold placed meanwhile stop the purge before it changes anything more
      await client.messageFlagsRemove(marked.join(','), ['\\Deleted'], { uid: true });
      taken += marked.length;
    } finally {
      lock.release();
    }
  }
  return taken;
}

async function remainingMessages(client: ImapFlow): Promise<PurgeResult['remaining']> {
  const out: PurgeResult['remaining'] = [];
  for (const folder of (await listFolders(client)).filter(isSelectable)) {
    const status = await client.status(folder.path, { messages: true });
    // A folder that cannot be counted is not known to be empty: the purge is not complete.
    const messages = status ? status.messages ?? null : null;
    if (messages !== 0) out.push({ path: folder.path, messages });
  }
  return out;
}
