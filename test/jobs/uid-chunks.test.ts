// Pure: how expiry splits a SEARCH result into chunks (server/core/imap/expiry/search-candidates.ts uidChunks). No I/O, nothing stubbed.
import { describe, expect, it } from 'vitest';
import { MAX_UID_SET_CHARS, uidChunks, uidSet } from '../../server/core/imap/expiry/search-candidates.ts';

/** Deterministic pseudo-random UID lists: runs of consecutive UIDs broken by gaps of varying frequency. */
function* uidLists(count: number) {
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let t = 0; t < count; t++) {
    const uids: number[] = [];
    let uid = 1 + Math.floor(rnd() * 200_000);
    const gapChance = rnd();
    for (let i = Math.floor(rnd() * 3000); i > 0; i--) {
      uids.push(uid);
      uid += rnd() < gapChance ? 2 + Math.floor(rnd() * 50) : 1;
    }
    yield { uids: rnd() < 0.2 ? uids.reverse() : uids, maxUids: 1 + Math.floor(rnd() * 2000), maxChars: 8 + Math.floor(rnd() * 300) };
  }
}

describe('uidChunks', () => {
  it('keeps every UID once, in order, each chunk within both limits, and fills each chunk as far as the limits allow', () => {
    for (const { uids, maxUids, maxChars } of uidLists(150)) {
      const chunks = uidChunks(uids, maxUids, maxChars);
      expect(chunks.flat()).toEqual([...new Set(uids)].sort((a, b) => a - b));
      for (const chunk of chunks) {
        expect(chunk.length).toBeLessThanOrEqual(maxUids);
        expect(uidSet(chunk).length).toBeLessThanOrEqual(maxChars);
      }
      for (let i = 0; i + 1 < chunks.length; i++) {
        const grown = [...chunks[i], chunks[i + 1][0]];
        expect(grown.length > maxUids || uidSet(grown).length > maxChars).toBe(true);
      }
    }
  });

  it('takes thousands of consecutive UIDs in one chunk and stops a scattered set at the line budget', () => {
    const consecutive = Array.from({ length: 5000 }, (_, i) => 100_001 + i);
    expect(uidChunks(consecutive, 5000)).toEqual([consecutive]);
    const scattered = Array.from({ length: 5000 }, (_, i) => 100_001 + 2 * i);
    const chunks = uidChunks(scattered, 5000);
    expect(chunks.length).toBeGreaterThan(4);
    for (const chunk of chunks) expect(uidSet(chunk).length).toBeLessThanOrEqual(MAX_UID_SET_CHARS);
  });

  it('returns no chunk for no UIDs and drops duplicates', () => {
    expect(uidChunks([], 10)).toEqual([]);
    expect(uidChunks([3, 1, 3, 2], 10)).toEqual([[1, 2, 3]]);
  });
});
