// A small deterministic generator for property tests: a seeded PRNG (mulberry32) and a few combinators.
// The same seed gives the same cases on every run; a failure names its seed and case, and FUZZ_SEED=<n>
// replays it (or explores new cases when changed).
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_261_126);

export class Gen {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  bool(p = 0.5): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }

  /** `count` items from `make`, count in [min, max]. */
  array<T>(min: number, max: number, make: (g: Gen) => T): T[] {
    return Array.from({ length: this.int(min, max) }, () => make(this));
  }

  /** A string of `min`..`max` pieces, each a character (or token) of `alphabet`. */
  string(alphabet: string | readonly string[], min: number, max: number): string {
    const pieces = typeof alphabet === 'string' ? [...alphabet] : alphabet;
    let out = '';
    for (let i = this.int(min, max); i > 0; i--) out += this.pick(pieces);
    return out;
  }

  /** Any UTF-16 text: ASCII, controls, line separators, astral characters and lone surrogates. */
  text(min: number, max: number): string {
    return this.string(TEXT_ALPHABET, min, max);
  }

  bytes(min: number, max: number): Buffer {
    return Buffer.from(Array.from({ length: this.int(min, max) }, () => this.int(0, 255)));
  }
}

const TEXT_ALPHABET = [
  ...'abcXYZ019 @.,;:"\'<>()[]{}=&%$#!?/\\|*+-_~`^',
  '\t', '\n', '\r', '\r\n', '\0', '\x7f', '\x1b', '\u0085', '\u2028', '\u2029', '\ufeff', 'é', 'ß', '日本', '😀', '\ud800', '\udfff',
];

/** Run `fn` for `n` generated cases; a failure is rethrown naming the seed and case to replay. */
export function forAll(n: number, fn: (g: Gen, i: number) => void): void {
  for (let i = 0; i < n; i++) {
    const g = new Gen(FUZZ_SEED + i * 7919);
    try {
      fn(g, i);
    } catch (err) {
      (err as Error).message = `case ${i} (FUZZ_SEED=${FUZZ_SEED}): ${(err as Error).message}`;
      throw err;
    }
  }
}

/** Async variant of forAll (cases run one after another). */
export async function forAllAsync(n: number, fn: (g: Gen, i: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < n; i++) {
    const g = new Gen(FUZZ_SEED + i * 7919);
    try {
      await fn(g, i);
    } catch (err) {
      (err as Error).message = `case ${i} (FUZZ_SEED=${FUZZ_SEED}): ${(err as Error).message}`;
      throw err;
    }
  }
}
