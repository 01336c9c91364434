// Folder selectors of retention rules. Pure.
// A selector is one of:
//   - a SPECIAL-USE flag (RFC 6154/8457) like "\Trash": matches the folder that carries that flag, whatever its name;
//   - "INBOX" (any case): the inbox, which IMAP names case-insensitively;
//   - an exact folder name ("Projects/2020");
//   - a glob with * (any run of characters, hierarchy separators included) and ? (one character): "Lists/*".
// Globs are matched by glob.ts without any regular expression: no syntax to inject ("a.(b)+" is literal),
// and at most n·m steps for an n-character name and an m-character glob, however many stars it has.
import { compileGlob, globCovers, globMatches, type CompiledGlob } from './glob.ts';

export { globCovers };

export const SPECIAL_USES = ['\\All', '\\Archive', '\\Drafts', '\\Flagged', '\\Important', '\\Junk', '\\Sent', '\\Trash'] as const;

export interface FolderInfo {
  path: string;
  /** The folder's SPECIAL-USE flag as LIST reports it, e.g. "\\Trash"; null for ordinary folders. */
  specialUse: string | null;
  /** LIST flags; folders flagged \Noselect or \NonExistent hold no messages and are never planned. */
  flags?: string[];
}

export type Selector =
  | { kind: 'special-use'; flag: string }
  | { kind: 'inbox' }
  | { kind: 'exact'; name: string }
  | { kind: 'glob'; pattern: string; glob: CompiledGlob };

const isGlob = (s: string) => s.includes('*') || s.includes('?');

/** The known special-use flag spelled canonically ("\\trash" -> "\\Trash"), or null when unknown. */
export function canonicalSpecialUse(flag: string): string | null {
  return SPECIAL_USES.find((f) => f.toLowerCase() === flag.toLowerCase()) ?? null;
}

/** Parses a selector; returns null for a special-use flag we do not know (validation reports it). */
export function parseSelector(raw: string): Selector | null {
  if (raw.startsWith('\\')) {
    const flag = canonicalSpecialUse(raw);
    return flag ? { kind: 'special-use', flag } : null;
  }
  if (raw.toUpperCase() === 'INBOX') return { kind: 'inbox' };
  if (isGlob(raw)) return { kind: 'glob', pattern: raw, glob: compileGlob(raw) };
  return { kind: 'exact', name: raw };
}

/** A canonical spelling: two selectors with the same key select exactly the same folders. */
export function selectorKey(s: Selector): string {
  switch (s.kind) {
    case 'special-use': return `special-use:${s.flag}`;
    case 'inbox': return 'inbox';
    case 'exact': return `exact:${s.name}`;
    case 'glob': return `glob:${s.pattern}`;
  }
}

export function matchesFolder(s: Selector, folder: FolderInfo): boolean {
  switch (s.kind) {
    case 'special-use': return folder.specialUse !== null && folder.specialUse.toLowerCase() === s.flag.toLowerCase();
    case 'inbox': return folder.path.toUpperCase() === 'INBOX';
    case 'exact': return folder.path === s.name;
    case 'glob': return globMatches(s.glob, folder.path);
  }
}

/**
 * True when every folder `later` selects is already selected by `earlier`, so with first-match-wins the
 * later rule can never apply. Identical selectors are reported separately (selectorKey equality).
 */
export function shadows(earlier: Selector, later: Selector): boolean {
  if (earlier.kind !== 'glob') return false;
  switch (later.kind) {
    case 'exact': return globMatches(earlier.glob, later.name);
    case 'inbox': return globMatches(earlier.glob, 'INBOX');
    case 'glob': return globCovers(earlier.pattern, later.pattern);
    // A special-use folder can have any name: only a glob that matches every name ("*") covers it.
    case 'special-use': return /^\*+$/.test(earlier.pattern);
  }
}
