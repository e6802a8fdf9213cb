import { exponential, hash32, intBetween, mulberry32, pick, randomFor, unitFor } from './prng';

describe('prng', () => {
  it('repeats the same stream for the same seed and another for another seed', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, mulberry32(seed));
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
  });

  it('draws uniform floats in [0, 1)', () => {
    const random = mulberry32(9);
    const values = Array.from({ length: 10_000 }, random);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeCloseTo(0.5, 1);
  });

  it('hashes parts stably, and differently when any part or the split between parts changes', () => {
    expect(hash32('news', 1)).toBe(hash32('news', 1));
    expect(hash32('news', 1)).not.toBe(hash32('news', 2));
    expect(hash32('ab', 'c')).not.toBe(hash32('a', 'bc'));
    expect(randomFor('x', 1)()).toBe(randomFor('x', 1)());
    expect(unitFor('x')).toBeLessThan(1);
  });

  it('gives exponential gaps with the requested mean (Poisson arrivals)', () => {
    const random = mulberry32(3);
    const gaps = Array.from({ length: 20_000 }, () => exponential(random, 12_000));
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    expect(mean).toBeGreaterThan(11_500);
    expect(mean).toBeLessThan(12_500);
  });

  it('picks whole numbers within bounds, and elements of a list', () => {
    const random = mulberry32(4);
    const ints = new Set(Array.from({ length: 1000 }, () => intBetween(random, 2, 4)));
    expect(ints).toEqual(new Set([2, 3, 4]));
    expect(['a', 'b']).toContain(pick(random, ['a', 'b']));
    expect(() => pick(random, [])).toThrow(RangeError);
  });
});
