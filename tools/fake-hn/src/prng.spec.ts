import { hashOf, mulberry32, unitOf } from './prng';

describe('seeded randomness', () => {
  it('gives the same numbers for the same seed and salt, and others otherwise', () => {
    expect(unitOf(42, 1, 7)).toBe(unitOf(42, 1, 7));
    expect(unitOf(42, 1, 7)).not.toBe(unitOf(43, 1, 7));
    expect(unitOf(42, 1, 7)).not.toBe(unitOf(42, 2, 7));
    expect(unitOf(42, 1, 7)).not.toBe(unitOf(42, 1, 8));
    expect(unitOf(42, 1, 7, 1)).not.toBe(unitOf(42, 1, 7, 2));
    const a = mulberry32(5);
    const b = mulberry32(5);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  it('spreads draws over [0, 1) evenly enough for rates', () => {
    const draws = Array.from({ length: 100_000 }, (_, id) => unitOf(9, 3, 40_000_000 + id));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const below = draws.filter((u) => u < 0.02).length / draws.length;
    expect(below).toBeGreaterThan(0.018);
    expect(below).toBeLessThan(0.022);
  });

  it('hashes to unsigned 32-bit integers', () => {
    for (let id = 0; id < 1000; id++) {
      const h = hashOf(-7, 11, id);
      expect(Number.isInteger(h) && h >= 0 && h < 2 ** 32).toBe(true);
    }
  });
});
