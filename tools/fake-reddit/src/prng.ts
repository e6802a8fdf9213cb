/**
 * Seeded randomness for the fake: everything it generates derives from the `seed` option through
 * these functions, so one seed gives the same posts on every run (no `Math.random`).
 */

import { mulberry32, type Random } from '@sentiment-ingest/fake-http';

export { chance, intBetween, mulberry32, pick, type Random } from '@sentiment-ingest/fake-http';

// Module-level aliases: a global lookup (`Math.imul`) in a hot loop is ~50x slower inside the vm
// context Jest runs tests in, and the fake generates thousands of posts per test.
const { imul, log, sqrt, cos, exp, PI } = Math;


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
