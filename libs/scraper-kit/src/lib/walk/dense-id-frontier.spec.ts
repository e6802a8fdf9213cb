import { DenseIdFrontier } from './dense-id-frontier';

describe('DenseIdFrontier', () => {
  it('moves only over contiguous resolved ids, never past one still missing', () => {
    const frontier = new DenseIdFrontier(100);
    expect(frontier.resolve(102)).toBe(100);
    expect(frontier.resolve(103)).toBe(100);
    expect(frontier.waiting).toBe(2);
    expect(frontier.resolve(101)).toBe(103);
    expect(frontier.waiting).toBe(0);
    expect(frontier.resolve(105)).toBe(103);
    expect(frontier.checkpoint).toBe(103);
  });

  it('reaches the top whatever order concurrent answers arrive in', () => {
    const ids = Array.from({ length: 1_000 }, (_, i) => 5_001 + i);
    for (let seed = 1; seed <= 5; seed += 1) {
      let state = seed;
      const shuffled = [...ids];
      for (let i = shuffled.length - 1; i > 0; i -= 1) {
        state = (state * 48_271) % 2_147_483_647; // Lehmer: a fixed shuffle per seed
        const j = state % (i + 1);
        [shuffled[i], shuffled[j]] = [shuffled[j] as number, shuffled[i] as number];
      }
      const frontier = new DenseIdFrontier(5_000);
      let previous = 5_000;
      for (const id of shuffled) {
        const now = frontier.resolve(id);
        expect(now).toBeGreaterThanOrEqual(previous);
        previous = now;
      }
      expect(frontier.checkpoint).toBe(6_000);
      expect(frontier.waiting).toBe(0);
    }
  });

  it('ignores ids at or below the checkpoint and repeats', () => {
    const frontier = new DenseIdFrontier(10);
    expect(frontier.resolveAll([7, 10, 12, 12])).toBe(10);
    expect(frontier.waiting).toBe(1);
    expect(frontier.resolve(11)).toBe(12);
  });

  it('refuses ids and checkpoints that are not whole non-negative numbers', () => {
    expect(() => new DenseIdFrontier(-1)).toThrow(RangeError);
    expect(() => new DenseIdFrontier(1.5)).toThrow(RangeError);
    expect(() => new DenseIdFrontier(0).resolve(0)).toThrow('id must be a whole number >= 1');
    expect(() => new DenseIdFrontier(0).resolve(Number.NaN)).toThrow(RangeError);
  });
});
