// Pure: retention selectors, rule validation and folder planning; nothing external.
import { describe, expect, it } from 'vitest';
import { globCovers, matchesFolder, parseSelector, shadows } from '../../server/core/domain/retention/selectors.ts';
import { normalizeRule, validateRules, type Rule, type RuleSpec } from '../../server/core/domain/retention/rules.ts';
import { planFolders, resolveEffectivePolicy, resolveMoveTarget } from '../../server/core/domain/retention/plan.ts';

const folder = (path: string, specialUse: string | null = null, flags: string[] = []) => ({ path, specialUse, flags });
const sel = (raw: string) => parseSelector(raw)!;
const rule = (r: Partial<RuleSpec> & { folderSelector: string }): RuleSpec => normalizeRule({ maxAgeDays: 30, ...r });

describe('folder selectors', () => {
  it('matches special-use flags against the folder flag, case-insensitively, whatever the name', () => {
    expect(matchesFolder(sel('\\Trash'), folder('Deleted Items', '\\Trash'))).toBe(true);
    expect(matchesFolder(sel('\\trash'), folder('Deleted Items', '\\Trash'))).toBe(true);
    expect(matchesFolder(sel('\\Trash'), folder('Trash'))).toBe(false);
    expect(parseSelector('\\Bin')).toBeNull();
  });

  it('matches INBOX case-insensitively and other names exactly', () => {
    expect(matchesFolder(sel('inbox'), folder('INBOX'))).toBe(true);
    expect(matchesFolder(sel('Projects'), folder('projects'))).toBe(false);
    expect(matchesFolder(sel('Projects'), folder('Projects'))).toBe(true);
  });

  it('treats * as any run (across levels) and ? as one character, everything else literally', () => {
    expect(matchesFolder(sel('Lists/*'), folder('Lists/dev'))).toBe(true);
    expect(matchesFolder(sel('Lists/*'), folder('Lists/dev/2020'))).toBe(true);
    expect(matchesFolder(sel('Lists/*'), folder('Lists'))).toBe(false);
    expect(matchesFolder(sel('Log?'), folder('Log1'))).toBe(true);
    expect(matchesFolder(sel('Log?'), folder('Log12'))).toBe(false);
    // Regex syntax in a selector is literal: no injection.
    expect(matchesFolder(sel('a.(b)+*'), folder('a.(b)+x'))).toBe(true);
    expect(matchesFolder(sel('a.(b)+*'), folder('aX(b)+x'))).toBe(false);
    expect(matchesFolder(sel('[x]*'), folder('x1'))).toBe(false);
    expect(matchesFolder(sel('^.*$?'), folder('anything'))).toBe(false);
  });

  it('knows when one glob covers another (soundly)', () => {
    expect(globCovers('Lists/*', 'Lists/dev/*')).toBe(true);
    expect(globCovers('*', 'a?b*')).toBe(true);
    expect(globCovers('Lists/?', 'Lists/*')).toBe(false);
    expect(globCovers('Lists/*', 'Archive/*')).toBe(false);
    expect(shadows(sel('*'), sel('\\Trash'))).toBe(true);
    expect(shadows(sel('T*'), sel('\\Trash'))).toBe(false);
    expect(shadows(sel('Lists/*'), sel('Lists/dev'))).toBe(true);
  });
});

describe('validateRules', () => {
  const fails = (rules: RuleSpec[]) => {
    try {
      validateRules(rules);
    } catch (err) {
      return (err as Error).message;
    }
    throw new Error('expected a validation error');
  };

  it('accepts a typical policy', () => {
    expect(() => validateRules([
      rule({ folderSelector: '\\Trash', maxAgeDays: 30, ageBasis: 'saved' }),
      rule({ folderSelector: '\\Junk', maxAgeDays: 14 }),
      rule({ folderSelector: 'INBOX', maxAgeDays: 365, action: 'move', moveTo: '\\Archive', noticeDays: 7 }),
      rule({ folderSelector: '\\Archive', maxAgeDays: 3650 }),
      rule({ folderSelector: 'Lists/*', maxAgeDays: 90 }),
    ])).not.toThrow();
  });

  it('names the rule with an unknown special-use folder', () => {
    expect(fails([rule({ folderSelector: 'INBOX' }), rule({ folderSelector: '\\Bin' })])).toMatch(/^body\.rules\.1\.folderSelector names an unknown special-use folder \\Bin/);
  });

  it('rejects identical selectors naming both positions', () => {
    expect(fails([rule({ folderSelector: 'INBOX' }), rule({ folderSelector: 'Lists/*' }), rule({ folderSelector: 'inbox', maxAgeDays: 5 })]))
      .toMatch(/^body\.rules\.2\.folderSelector is identical to body\.rules\.0\.folderSelector \(overlapping rules\)/);
    expect(fails([rule({ folderSelector: '\\Trash' }), rule({ folderSelector: '\\TRASH' })])).toMatch(/rules\.1\.folderSelector is identical to body\.rules\.0/);
     // Paths index the submitted array from 0; the prose counts rules from 1, as the editor numbers them.
    expect(fails([rule({ folderSelector: 'INBOX' }), rule({ folderSelector: 'Lists/*' }), rule({ folderSelector: 'inbox', maxAgeDays: 5 })]))
      .toMatch(/the first matching rule wins, so rule 3 would never apply$/);
  });

  it('rejects a rule shadowed entirely by an earlier glob', () => {
    expect(fails([rule({ folderSelector: 'Lists/*' }), rule({ folderSelector: 'Lists/dev/*' })]))
      .toMatch(/^body\.rules\.1\.folderSelector is shadowed by body\.rules\.0\.folderSelector \(overlapping rules\): every folder it selects is matched by rule 1 first$/);
    expect(() => validateRules([rule({ folderSelector: 'Lists/dev/*' }), rule({ folderSelector: 'Lists/*' })])).not.toThrow();
  });

  it('requires moveTo for move, refuses it for delete, and refuses moving into the rule itself', () => {
    expect(fails([rule({ folderSelector: 'INBOX', action: 'move' })])).toMatch(/^body\.rules\.0\.moveTo is required when action is move/);
    expect(fails([rule({ folderSelector: 'INBOX', moveTo: 'Archive' })])).toMatch(/^body\.rules\.0\.moveTo must be empty/);
    expect(fails([rule({ folderSelector: 'Archive', action: 'move', moveTo: 'Archive' })])).toMatch(/^body\.rules\.0\.moveTo is selected by the rule itself/);
    expect(fails([rule({ folderSelector: 'Lists/*', action: 'move', moveTo: 'Lists/old' })])).toMatch(/rule itself/);
    expect(fails([rule({ folderSelector: 'INBOX', action: 'move', moveTo: 'Old/*' })])).toMatch(/must be one folder/);
  });

  it('refuses a move into a folder that deletes sooner by the same date', () => {
    expect(fails([
      rule({ folderSelector: 'INBOX', maxAgeDays: 90, action: 'move', moveTo: '\\Archive' }),
      rule({ folderSelector: '\\Archive', maxAgeDays: 30 }),
    ])).toMatch(/^body\.rules\.0\.moveTo leads to a folder that body\.rules\.1\.folderSelector empties after 30 days/);
    // Counting from the saved date, the clock restarts on arrival: fine.
    expect(() => validateRules([
      rule({ folderSelector: 'INBOX', maxAgeDays: 90, action: 'move', moveTo: '\\Trash' }),
      rule({ folderSelector: '\\Trash', maxAgeDays: 30, ageBasis: 'saved' }),
    ])).not.toThrow();
  });

  it('requires noticeDays below maxAgeDays', () => {
    expect(fails([rule({ folderSelector: 'INBOX', maxAgeDays: 10, noticeDays: 10 })])).toMatch(/^body\.rules\.0\.noticeDays must be less than maxAgeDays/);
  });
});

describe('planFolders', () => {
  const rules: Rule[] = [
    { ...rule({ folderSelector: 'Lists/dev', maxAgeDays: 7 }), id: 11, position: 1 },
    { ...rule({ folderSelector: '\\Trash', maxAgeDays: 30, ageBasis: 'saved' }), id: 10, position: 0 },
    { ...rule({ folderSelector: 'Lists/*', maxAgeDays: 90 }), id: 12, position: 2 },
  ];
  it('gives each selectable folder its first matching rule by position', () => {
    const plan = planFolders(rules, [
      folder('INBOX', '\\Inbox'), folder('Trash', '\\Trash'), folder('Lists', null, ['\\Noselect']),
      folder('Lists/dev'), folder('Lists/ops'),
    ]);
    expect(plan.map((p) => [p.folder.path, p.rule?.id ?? null])).toEqual([['INBOX', null], ['Trash', 10], ['Lists/dev', 11], ['Lists/ops', 12]]);
  });

  it('resolves a special-use move target to the folder with that flag', () => {
    expect(resolveMoveTarget('\\Archive', [folder('Old mail', '\\Archive')])).toBe('Old mail');
    expect(resolveMoveTarget('\\Archive', [folder('INBOX')])).toBeNull();
    expect(resolveMoveTarget('Keep', [])).toBe('Keep');
  });
});

describe('resolveEffectivePolicy', () => {
  const strict = { id: 1, name: 'Strict' };
  const lax = { id: 2, name: 'Lax' };
  const base = { id: 3, name: 'Base' };
  it('prefers the mailbox override, then the plan, then the default, and explains each step', () => {
    expect(resolveEffectivePolicy({ mailboxPolicy: strict, plan: { name: 'Student', policy: lax }, defaultPolicy: base }))
      .toMatchObject({ policy: strict, source: 'mailbox' });
    const viaPlan = resolveEffectivePolicy({ mailboxPolicy: null, plan: { name: 'Student', policy: lax }, defaultPolicy: base });
    expect(viaPlan).toMatchObject({ policy: lax, source: 'plan' });
    expect(viaPlan.explanation.join(' ')).toMatch(/its plan "Student", which assigns policy "Lax"/);
    const viaDefault = resolveEffectivePolicy({ mailboxPolicy: null, plan: { name: 'Staff', policy: null, planIsFallback: true }, defaultPolicy: base });
    expect(viaDefault).toMatchObject({ policy: base, source: 'default' });
    expect(viaDefault.explanation.join(' ')).toMatch(/default plan "Staff", which assigns no policy.*default policy "Base"/);
    expect(resolveEffectivePolicy({ mailboxPolicy: null, plan: null, defaultPolicy: null })).toMatchObject({ policy: null, source: 'none' });
  });
});
