// Which policy applies to a mailbox, and which rule to each of its folders. Pure.
import { matchesFolder, parseSelector, type FolderInfo } from './selectors.ts';
import type { Rule } from './rules.ts';

export interface PolicyRef { id: number; name: string }

export type PolicySource = 'mailbox' | 'plan' | 'default' | 'none';

export interface EffectivePolicy {
  policy: PolicyRef | null;
  source: PolicySource;
  /** Human-readable steps of the resolution, in order, for the console. */
  explanation: string[];
}

/**
 * Mailbox override, else the plan's policy, else the default policy. `plan` is the mailbox's plan, or the
 * default quota plan when the mailbox has none (`planIsFallback`), mirroring how quota limits resolve.
 */
export function resolveEffectivePolicy(input: {
  mailboxPolicy: PolicyRef | null;
  plan: { name: string; policy: PolicyRef | null; planIsFallback?: boolean } | null;
  defaultPolicy: PolicyRef | null;
}): EffectivePolicy {
  const explanation: string[] = [];
  if (input.mailboxPolicy) {
    explanation.push(`The mailbox is assigned policy "${input.mailboxPolicy.name}" directly (overrides plan and default).`);
    return { policy: input.mailboxPolicy, source: 'mailbox', explanation };
  }
  explanation.push('The mailbox has no policy of its own.');
  if (input.plan) {
    const which = input.plan.planIsFallback ? `the default plan "${input.plan.name}"` : `its plan "${input.plan.name}"`;
    if (input.plan.policy) {
      explanation.push(`It uses ${which}, which assigns policy "${input.plan.policy.name}".`);
      return { policy: input.plan.policy, source: 'plan', explanation };
    }
    explanation.push(`It uses ${which}, which assigns no policy.`);
  } else {
    explanation.push('It has no plan (and there is no default plan).');
  }
  if (input.defaultPolicy) {
    explanation.push(`The default policy "${input.defaultPolicy.name}" applies.`);
    return { policy: input.defaultPolicy, source: 'default', explanation };
  }
  explanation.push('There is no default policy: nothing expires in this mailbox.');
  return { policy: null, source: 'none', explanation };
}

/** A folder with the rule that applies to it and, for a move rule, the folder its mail goes to (resolved on the server). */
export interface PlannedFolder { folder: FolderInfo; rule: Rule; moveTarget: string | null }

/** What every per-folder figure (an expiry result, a preview) starts with: the folder and the rule it falls under. */
export interface FolderUnderRule {
  path: string;
  specialUse: string | null;
  ruleId: number;
  rulePosition: number;
  action: Rule['action'];
  moveTo: string | null;
}

export function folderUnderRule(p: PlannedFolder): FolderUnderRule {
  return { path: p.folder.path, specialUse: p.folder.specialUse, ruleId: p.rule.id, rulePosition: p.rule.position, action: p.rule.action, moveTo: p.moveTarget };
}

export interface FolderPlan<R extends Rule = Rule> {
  folder: FolderInfo;
  /** The first rule whose selector matches, or null: the folder is left alone. */
  rule: R | null;
}

/** Folders that can hold messages: \Noselect and \NonExistent entries are only hierarchy nodes. */
export function isSelectable(folder: FolderInfo): boolean {
  return !(folder.flags ?? []).some((f) => /^\\(noselect|nonexistent)$/i.test(f));
}

/** For each selectable folder, the first rule (by position) that selects it. */
export function planFolders<R extends Rule>(rules: R[], folders: FolderInfo[]): FolderPlan<R>[] {
  const ordered = [...rules].sort((a, b) => a.position - b.position);
  const parsed = ordered.map((rule) => ({ rule, selector: parseSelector(rule.folderSelector) }));
  return folders.filter(isSelectable).map((folder) => ({
    folder,
    rule: parsed.find((p) => p.selector !== null && matchesFolder(p.selector, folder))?.rule ?? null,
  }));
}

/** The folder a move rule sends mail to: a special-use target resolves to the folder carrying that flag. */
export function resolveMoveTarget(moveTo: string, folders: FolderInfo[]): string | null {
  if (moveTo.startsWith('\\')) {
    return folders.find((f) => f.specialUse?.toLowerCase() === moveTo.toLowerCase())?.path ?? null;
  }
  return moveTo.toUpperCase() === 'INBOX' ? 'INBOX' : moveTo;
}
