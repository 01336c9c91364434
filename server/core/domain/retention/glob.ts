// Folder globs: * (any run of characters, hierarchy separators included) and ? (one character); every other
// character is literal. Pure, and bounded without a regular expression: a backtracking RegExp took seconds
// for a dozen stars and never finished for fifty.
//
// Why the matcher is bounded: a glob is segments split by stars, S0 * S1 * … * Sk. A name matches exactly when
// S0 is a prefix, Sk a suffix, and S1…Sk-1 occur in that order, without overlap, in between. Taking each middle
// segment at its leftmost occurrence is never worse than any later one (it leaves the most room for the rest),
// so no choice is ever revisited. Each segment scans the name once, comparing at most |segment| characters per
// start: at most n·m comparisons in all for an n-character name and an m-character glob, whatever the stars.
// Characters are code points, so ? takes a whole astral character, as the console and users count them.

export interface CompiledGlob {
  /** The pattern split at its stars; '?' inside a segment matches any one character. */
  segments: string[][];
}

export function compileGlob(pattern: string): CompiledGlob {
  return { segments: pattern.split('*').map((segment) => [...segment]) };
}

function matchesAt(segment: string[], name: string[], at: number): boolean {
  for (let k = 0; k < segment.length; k++) {
    if (segment[k] !== '?' && segment[k] !== name[at + k]) return false;
  }
  return true;
}

/** The first start in [from, limit - |segment|] where `segment` matches, or -1. */
function firstMatch(segment: string[], name: string[], from: number, limit: number): number {
  for (let at = from; at + segment.length <= limit; at++) {
    if (matchesAt(segment, name, at)) return at;
  }
  return -1;
}

export function globMatches(glob: CompiledGlob, folderName: string): boolean {
  const name = [...folderName];
  const { segments } = glob;
  const first = segments[0];
  if (segments.length === 1) return name.length === first.length && matchesAt(first, name, 0);
  const last = segments[segments.length - 1];
  const end = name.length - last.length;
  if (end < first.length || !matchesAt(first, name, 0) || !matchesAt(last, name, end)) return false;
  let at = first.length;
  for (let s = 1; s < segments.length - 1; s++) {
    const found = firstMatch(segments[s], name, at, end);
    if (found < 0) return false;
    at = found + segments[s].length;
  }
  return true;
}

/**
 * True when glob `outer` matches every name glob `inner` matches. Sound (a "true" is always right), not
 * complete: equivalent globs written differently, like "?*" and "*?", may answer false. Validation only
 * rejects on "true", so an unusual but valid policy is never refused.
 * A table over (position in outer, position in inner), filled from the ends: (|outer|+1)·(|inner|+1) cells.
 */
export function globCovers(outer: string, inner: string): boolean {
  const a = [...outer];
  const b = [...inner];
  const width = b.length + 1;
  const covers = new Uint8Array((a.length + 1) * width);
  covers[a.length * width + b.length] = 1;
  for (let i = a.length; i >= 0; i--) {
    for (let j = b.length; j >= 0; j--) {
      if (i === a.length) continue; // only (end, end) covers; set above
      let result: boolean;
      if (a[i] === '*') result = covers[(i + 1) * width + j] === 1 || (j < b.length && covers[i * width + j + 1] === 1);
      else if (j === b.length) result = false;
      else if (a[i] === '?') result = b[j] !== '*' && covers[(i + 1) * width + j + 1] === 1;
      else result = a[i] === b[j] && b[j] !== '*' && b[j] !== '?' && covers[(i + 1) * width + j + 1] === 1;
      covers[i * width + j] = result ? 1 : 0;
    }
  }
  return covers[0] === 1;
}
