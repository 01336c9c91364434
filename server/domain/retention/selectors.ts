// Folder selectors of retention rules. Pure.
// A selector is one of:
//   - a SPECIAL-USE flag (RFC 6154/8457) like "\Trash": matches the folder that carries that flag, whatever its name;
//   - "INBOX" (any case): the inbox, which IMAP names case-insensitively;
//   - an exact folder name ("Projects/2020");
//   - a glob with * (any run of characters, hierarchy separators included) and ? (one character): "Lists/*".
// Globs are compiled character by character into an anchored RegExp with every other character escaped,
// so a selector like "a.(b)+" can never inject regular-expression syntax.

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
  | { kind: 'glob'; pattern: string; regex: RegExp };

const isGlob = (s: string) => s.includes('*') || s.includes('?');

/** The known special-use flag spelled canonically ("\\trash" -> "\\Trash"), or null when unknown. */
export function canonicalSpecialUse(flag: string): string | null {
  return SPECIAL_USES.find((f) => f.toLowerCase() === flag.toLowerCase()) ?? null;
}

export function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (const ch of pattern) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  }
  // 's' so '*' and '?' also cover unusual characters in folder names; 'u' so '?' is one code point.
  return new RegExp(`^${source}$`, 'su');
}

/** Parses a selector; returns null for a special-use flag we do not know (validation reports it). */
export function parseSelector(raw: string): Selector | null {
  if (raw.startsWith('\\')) {
    const flag = canonicalSpecialUse(raw);
    return flag ? { kind: 'special-use', flag } : null;
  }
  if (raw.toUpperCase() === 'INBOX') return { kind: 'inbox' };
  if (isGlob(raw)) return { kind: 'glob', pattern: raw, regex: globToRegExp(raw) };
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
    case 'glob': return s.regex.test(folder.path);
  }
}

/**
 * True when glob `outer` matches every name glob `inner` matches. Sound (a "true" is always right), not
 * complete: equivalent globs written differently, like "?*" and "*?", may answer false. Validation only
 * rejects on "true", so an unusual but valid policy is never refused.
 */
export function globCovers(outer: string, inner: string): boolean {
  const a = [...outer];
  const b = [...inner];
  const memo = new Map<string, boolean>();
  const covers = (i: number, j: number): boolean => {
    const key = `${i},${j}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (i === a.length) result = j === b.length;
    else if (a[i] === '*') result = covers(i + 1, j) || (j < b.length && covers(i, j + 1));
    else if (j === b.length) result = false;
    else if (a[i] === '?') result = b[j] !== '*' && covers(i + 1, j + 1);
    else result = a[i] === b[j] && b[j] !== '*' && b[j] !== '?' && covers(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return covers(0, 0);
}

/**
 * True when every folder `later` selects is already selected by `earlier`, so with first-match-wins the
 * later rule can never apply. Identical selectors are reported separately (selectorKey equality).
 */
export function shadows(earlier: Selector, later: Selector): boolean {
  if (earlier.kind !== 'glob') return false;
  switch (later.kind) {
    case 'exact': return earlier.regex.test(later.name);
    case 'inbox': return earlier.regex.test('INBOX');
    case 'glob': return globCovers(earlier.pattern, later.pattern);
    // A special-use folder can have any name: only a glob that matches every name ("*") covers it.
    case 'special-use': return /^\*+$/.test(earlier.pattern);
  }
}
