// "Which retention applies to this mailbox, and to each of its folders?", for the API: the effective policy
// explained, active legal holds, and per folder the rule that applies. Folders come from the last probe (or
// usage scan), or listed live by a worker (a mailbox-read job) when asked or when nothing is stored.
import type { BaseConfig as Config } from '../core/config.ts';
import type { DbOrTx } from '../core/lib/prisma.ts';
import { planFolders, resolveMoveTarget } from '../core/domain/retention/plan.ts';
import type { FolderInfo } from '../core/domain/retention/selectors.ts';
import { ruleSearch, removalMode, RetentionCapabilityError } from '../core/domain/retention/criteria.ts';
import { activeHolds, isHoldActive, loadMailboxPolicy, storedFolders } from '../core/services/retention.ts';
import type { MailboxReads } from './mailbox-reads.ts';

interface MailboxRow { id: number; imapLogin: string; retentionPolicyId: number | null; planId: number | null; probeResult: unknown; usageFolders: unknown }

export async function describeMailboxRetention(db: DbOrTx, config: Config, reads: MailboxReads, mailbox: MailboxRow, opts: { live?: boolean } = {}) {
  const now = new Date();
  const [policy, holds] = await Promise.all([loadMailboxPolicy(db, mailbox), activeHolds(db, mailbox.id, now)]);
  const stored = opts.live ? null : storedFolders(mailbox);
  let source: 'probe' | 'scan' | 'live' | 'none' = stored?.source ?? 'none';
  let folders = stored?.folders ?? [];
  let capabilities = (mailbox.probeResult as { capabilities?: string[] } | null)?.capabilities ?? null;
  if (!stored && (opts.live || policy.rules.length)) {
    // Asked for live: an unreachable server is an error. Merely nothing stored: answer without folders.
    const live = await reads.read({ kind: 'folders', mailboxId: mailbox.id }, mailbox.imapLogin).catch((err) => {
      if (opts.live) throw err;
      return null;
    });
    if (live) [source, folders, capabilities] = ['live', live.folders, live.capabilities];
  }
  const caps = capabilities?.map((c) => c.toUpperCase()) ?? null;
  return {
    mailboxId: mailbox.id,
    policy: policy.policy,
    source: policy.source,
    explanation: policy.explanation,
    holds: holds.map((h) => ({ ...h, active: isHoldActive(h, now) })),
    foldersSource: source,
    folders: planFolders(policy.rules, folders).map(({ folder, rule }) => {
      const moveTarget = rule?.action === 'move' ? resolveMoveTarget(rule.moveTo!, folders) : null;
      return { path: folder.path, specialUse: folder.specialUse, rule, moveTarget, note: rule ? noteFor(rule, folder.path, moveTarget, caps, config) : null };
    }),
  };
}

/** Why a folder's rule would not run as written on this server (null when it would). */
function noteFor(rule: Parameters<typeof ruleSearch>[0], path: string, moveTarget: string | null, caps: string[] | null, config: Config): string | null {
  if (rule.action === 'move' && !moveTarget) return `no folder has the special use ${rule.moveTo}: nothing will be moved`;
  if (moveTarget === path) return 'the move destination is the folder itself: nothing will be moved';
  if (!caps) return null;
  try {
    ruleSearch(rule, new Date(), caps);
    removalMode(rule.action, caps, config.EXPIRY_ALLOW_PLAIN_EXPUNGE);
    return null;
  } catch (err) {
    if (err instanceof RetentionCapabilityError) return err.message;
    throw err;
  }
}
