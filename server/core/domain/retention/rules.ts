// Retention rules and their validation. Pure. The TypeBox schema already bounds each field (maxAgeDays
// 1..36500, enums); this checks what a schema cannot: selectors, rule order and how rules interact.
// Errors name the field as `body.rules.N.<field>` (N = index in the submitted array, from 0, like every path
// the API names) so the console can put the message next to the right input; the prose of a message counts
// rules from 1, as people see them numbered ("rule 2" is body.rules.1).
import { InvalidInputError } from '../errors.ts';
import { matchesFolder, parseSelector, selectorKey, shadows, SPECIAL_USES, type Selector } from './selectors.ts';

export type AgeBasis = 'received' | 'sent' | 'saved';
export type RuleAction = 'delete' | 'move';

export interface RuleSpec {
  folderSelector: string;
  maxAgeDays: number;
  ageBasis: AgeBasis;
  action: RuleAction;
  /** Destination for `move`: a folder name or a special-use flag ("\\Archive"). */
  moveTo: string | null;
  keepFlagged: boolean;
  keepUnread: boolean;
  /** Warn the user this many days before mail is removed; null = no notice. */
  noticeDays: number | null;
}

export interface Rule extends RuleSpec {
  id: number;
  position: number;
}

export const RULE_DEFAULTS = { ageBasis: 'received', action: 'delete', moveTo: null, keepFlagged: true, keepUnread: false, noticeDays: null } as const;

/** Fills defaults for fields the client left out. */
export function normalizeRule(input: Partial<RuleSpec> & Pick<RuleSpec, 'folderSelector' | 'maxAgeDays'>): RuleSpec {
  return {
    folderSelector: input.folderSelector.trim(),
    maxAgeDays: input.maxAgeDays,
    ageBasis: input.ageBasis ?? RULE_DEFAULTS.ageBasis,
    action: input.action ?? RULE_DEFAULTS.action,
    moveTo: input.moveTo?.trim() || null,
    keepFlagged: input.keepFlagged ?? RULE_DEFAULTS.keepFlagged,
    keepUnread: input.keepUnread ?? RULE_DEFAULTS.keepUnread,
    noticeDays: input.noticeDays ?? null,
  };
}

const field = (i: number, name: keyof RuleSpec) => `body.rules.${i}.${name}`;
/** A rule as people count them: rule 1 is body.rules.0. */
const ruleNumber = (i: number) => `rule ${i + 1}`;
const unknownSpecialUse = (raw: string) => `names an unknown special-use folder ${raw} (known: ${SPECIAL_USES.join(', ')})`;

/** Throws InvalidInputError naming the first problem; returns the parsed selectors in rule order. */
export function validateRules(rules: RuleSpec[]): Selector[] {
  const selectors = rules.map((rule, i) => {
    if (!rule.folderSelector) throw new InvalidInputError(field(i, 'folderSelector'), 'must not be empty');
    if (/[\x00-\x1f\x7f]/.test(rule.folderSelector)) throw new InvalidInputError(field(i, 'folderSelector'), 'must not contain control characters');
    const selector = parseSelector(rule.folderSelector);
    if (!selector) throw new InvalidInputError(field(i, 'folderSelector'), unknownSpecialUse(rule.folderSelector));
    return selector;
  });

  rules.forEach((rule, j) => {
    for (let i = 0; i < j; i++) {
      if (selectorKey(selectors[i]) === selectorKey(selectors[j])) {
        throw new InvalidInputError(field(j, 'folderSelector'),
          `is identical to ${field(i, 'folderSelector')} (overlapping rules): the first matching rule wins, so ${ruleNumber(j)} would never apply`);
      }
      if (shadows(selectors[i], selectors[j])) {
        throw new InvalidInputError(field(j, 'folderSelector'),
          `is shadowed by ${field(i, 'folderSelector')} (overlapping rules): every folder it selects is matched by ${ruleNumber(i)} first`);
      }
    }
    if (rule.noticeDays !== null && rule.noticeDays >= rule.maxAgeDays) {
      throw new InvalidInputError(field(j, 'noticeDays'), `must be less than maxAgeDays (${rule.maxAgeDays})`);
    }
    checkMove(rules, selectors, j);
  });
  return selectors;
}

function checkMove(rules: RuleSpec[], selectors: Selector[], j: number) {
  const rule = rules[j];
  if (rule.action === 'delete') {
    if (rule.moveTo !== null) throw new InvalidInputError(field(j, 'moveTo'), 'must be empty when action is delete');
    return;
  }
  if (rule.moveTo === null) throw new InvalidInputError(field(j, 'moveTo'), 'is required when action is move');
  const target = parseSelector(rule.moveTo);
  if (!target) throw new InvalidInputError(field(j, 'moveTo'), unknownSpecialUse(rule.moveTo));
  if (target.kind === 'glob') throw new InvalidInputError(field(j, 'moveTo'), 'must be one folder, not a pattern');
  // The destination as a folder: a special-use target is that folder whatever its name.
  const dest = target.kind === 'special-use'
    ? { path: `\u0000${target.flag}`, specialUse: target.flag }
    : { path: target.kind === 'inbox' ? 'INBOX' : target.name, specialUse: null };
  if (selectorKey(target) === selectorKey(selectors[j]) || matchesFolder(selectors[j], dest)) {
    throw new InvalidInputError(field(j, 'moveTo'), 'is selected by the rule itself: moved mail would be moved again on every run');
  }
  // The rule that will govern mail once it has arrived: deleting it there sooner than it was kept here
  // (by received or sent date, which the move does not reset) would turn the move into a deletion.
  const k = selectors.findIndex((s) => matchesFolder(s, dest));
  const there = k >= 0 ? rules[k] : null;
  if (there && there.action === 'delete' && there.ageBasis !== 'saved' && there.maxAgeDays <= rule.maxAgeDays) {
    throw new InvalidInputError(field(j, 'moveTo'),
      `leads to a folder that ${field(k, 'folderSelector')} empties after ${there.maxAgeDays} days by ${there.ageBasis} date: moved mail would be deleted at once`);
  }
}
