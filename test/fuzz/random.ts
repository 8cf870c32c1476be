/**
 * The fuzzers' seeded randomness: the same seed gives the same cases on every machine, so a
 * failure is replayed with `WEB_FUZZ_SEED=<seed>` (every failure message names its seed).
 *
 * Knobs: `WEB_FUZZ_SEED` (default fixed, so CI is repeatable; `random` for a new one each run)
 * and `WEB_FUZZ_CASES` (cases per route and actor; default below, raise for a long run).
 */

/** mulberry32: a small, fast, seedable PRNG. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;

export const int = (random: Random, below: number): number => Math.floor(random() * below);

export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[int(random, items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function seedFromEnv(): number {
  const raw = process.env.WEB_FUZZ_SEED?.trim();
  if (raw === 'random') return Math.floor(Math.random() * 2 ** 31);
  if (raw) {
    const seed = Number(raw);
    if (!Number.isInteger(seed)) throw new Error(`WEB_FUZZ_SEED=${raw} is not an integer`);
    return seed;
  }
  return 20181937; // the DOS law's number, a fixed default
}

/** The base seed of this run; each route, actor and case derives its own from it. */
export const FUZZ_SEED = seedFromEnv();

/** Cases per route and actor. */
export const FUZZ_CASES = Math.max(1, Number(process.env.WEB_FUZZ_CASES ?? 4) || 4);

/** A stable number for a string (FNV-1a), to derive a seed per route. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The seed of one case: base seed, route and case number. */
export const caseSeed = (key: string, index: number): number =>
  (FUZZ_SEED ^ hashString(key)) + index;
