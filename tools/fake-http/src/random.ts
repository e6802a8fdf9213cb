/**
 * The seeded draws both fakes make (no `Math.random`: one seed gives the same data on every run).
 * How a fake derives its seeds (hashing strings or numbers) stays its own.
 */

// Module-level aliases: a global lookup (`Math.imul`) in a hot loop is far slower inside the vm
// context Jest runs tests in.
const { imul, floor } = Math;

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
