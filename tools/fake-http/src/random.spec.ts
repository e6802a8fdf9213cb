import { chance, intBetween, mulberry32, pick } from './random';

describe('seeded draws', () => {
  it('gives the same stream for the same seed, different ones for different seeds, in [0, 1)', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const first = Array.from({ length: 1_000 }, () => a());
    expect(Array.from({ length: 1_000 }, () => b())).toEqual(first);
    expect(mulberry32(8)()).not.toBe(first[0]);
    expect(first.every((u) => u >= 0 && u < 1)).toBe(true);
  });

  it('draws whole numbers within both bounds, chances at their rate, and elements of the list', () => {
    const random = mulberry32(1);
    const ints = Array.from({ length: 2_000 }, () => intBetween(random, 3, 5));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5]));
    const hits = Array.from({ length: 10_000 }, () => chance(random, 0.2)).filter(Boolean).length;
    expect(hits).toBeGreaterThan(1_800);
    expect(hits).toBeLessThan(2_200);
    expect(['x', 'y']).toContain(pick(random, ['x', 'y']));
    expect(() => pick(random, [])).toThrow('pick() needs a non-empty list');
  });
});
