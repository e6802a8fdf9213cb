/**
 * Seeded randomness for the fake: everything it generates derives from the `seed` option through
 * these functions, so one seed gives the same items on every run (no `Math.random`). Per-item
 * draws hash numbers, never strings: the fake draws a dozen of them for each of 300k items.
 */

import { mulberry32, type Random } from '@sentiment-ingest/fake-http';

export { chance, intBetween, mulberry32, pick, type Random } from '@sentiment-ingest/fake-http';

// Module-level aliases: a global lookup (`Math.imul`) in a hot loop is far slower inside the vm
// context Jest runs tests in.
const { imul, log, sqrt, cos, exp, PI } = Math;


/** A well-mixed 32-bit value of one integer (a murmur3-style finaliser). */
function mix(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** An unsigned 32-bit hash of the seed, a salt naming the draw, and up to two integers (an id, a version). */
export function hashOf(seed: number, salt: number, n: number, m = 0): number {
  return mix(mix(mix(seed ^ imul(salt, 0x9e3779b1)) ^ n) ^ imul(m + 1, 0x85ebca6b));
}

/** A uniform float in [0, 1) for (seed, salt, n, m): one draw, no stream. */
export function unitOf(seed: number, salt: number, n: number, m = 0): number {
  return hashOf(seed, salt, n, m) / 4294967296;
}

/** A generator seeded from (seed, salt, n, m): for draws that need many numbers (texts). */
export function randomOf(seed: number, salt: number, n: number, m = 0): Random {
  return mulberry32(hashOf(seed, salt, n, m));
}

/** An exponentially distributed wait with the given mean, from a uniform `u` in [0, 1). */
export function exponential(u: number, mean: number): number {
  return -log(1 - u) * mean;
}

/** A log-normal value from two uniforms: most small, a few very large (scores). */
export function logNormal(u1: number, u2: number, mu: number, sigma: number): number {
  const normal = sqrt(-2 * log(1 - u1)) * cos(2 * PI * u2);
  return exp(mu + sigma * normal);
}
