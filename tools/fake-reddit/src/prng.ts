/**
 * Seeded randomness for the fake: everything it generates derives from the `seed` option through
 * these functions, so one seed gives the same posts on every run (no `Math.random`).
 */

// Module-level aliases: a global lookup (`Math.imul`) in a hot loop is ~50x slower inside the vm
// context Jest runs tests in, and the fake generates thousands of posts per test.
const { imul, floor, log, sqrt, cos, exp, PI } = Math;

/** A stream of uniform floats in [0, 1). */
export type Random = () => number;

/** mulberry32: a tiny, fast 32-bit generator, plenty for test data. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A well-mixed unsigned 32-bit hash of some parts (FNV-1a, then murmur3's finaliser): the way to
 * derive an independent stream per subreddit or per post from one seed.
 */
export function hash32(...parts: readonly (string | number)[]): number {
  let h = 0x811c9dc5;
  const text = parts.join('\u001f');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A generator seeded from the hash of `parts`. */
export function randomFor(...parts: readonly (string | number)[]): Random {
  return mulberry32(hash32(...parts));
}

/** A uniform float in [0, 1) derived from `parts` alone (one draw, no stream). */
export function unitFor(...parts: readonly (string | number)[]): number {
  return hash32(...parts) / 4294967296;
}

/** A whole number in [min, max]. */
export function intBetween(random: Random, min: number, max: number): number {
  return min + floor(random() * (max - min + 1));
}

/** `true` with probability `p`. */
export function chance(random: Random, p: number): boolean {
  return random() < p;
}

/** One element of a non-empty list. */
export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[floor(random() * items.length)];
  if (item === undefined) throw new RangeError('pick() needs a non-empty list');
  return item;
}

/** An exponentially distributed wait with the given mean: the gap between Poisson arrivals. */
export function exponential(random: Random, mean: number): number {
  return -log(1 - random()) * mean;
}

/** A log-normal value: most small, a few very large (scores, comment counts). */
export function logNormal(random: Random, mu: number, sigma: number): number {
  const u1 = 1 - random();
  const u2 = random();
  const normal = sqrt(-2 * log(u1)) * cos(2 * PI * u2);
  return exp(mu + sigma * normal);
}
