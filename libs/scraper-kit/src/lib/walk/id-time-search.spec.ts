import { firstIdAtOrAfter } from './id-time-search';

const T0 = Date.parse('2026-11-29T00:00:00Z');

/** An id space 1..n where id i was created at T0 + i seconds, minus the holes; counts lookups. */
function space(n: number, holes: Iterable<number> = []) {
  const missing = new Set(holes);
  let lookups = 0;
  return {
    search: {
      low: 1,
      high: n,
      timeOf: async (id: number) => {
        lookups += 1;
        return missing.has(id) || id < 1 || id > n ? null : new Date(T0 + id * 1000);
      },
    },
    lookups: () => lookups,
  };
}

describe('firstIdAtOrAfter', () => {
  it('finds the first id created at or after a time in about log2(n) lookups', async () => {
    const { search, lookups } = space(1_000_000);
    await expect(firstIdAtOrAfter(new Date(T0 + 654_321_000), search)).resolves.toBe(654_321);
    await expect(firstIdAtOrAfter(new Date(T0 + 654_321_500), search)).resolves.toBe(654_322);
    expect(lookups()).toBeLessThanOrEqual(2 * 21);
  });

  it('answers low before the first id and high + 1 after the last', async () => {
    const { search } = space(100);
    await expect(firstIdAtOrAfter(new Date(T0 - 86_400_000), search)).resolves.toBe(1);
    await expect(firstIdAtOrAfter(new Date(T0 + 101_000), search)).resolves.toBe(101);
  });

  it('reads past holes, and starts early rather than late when a run of holes hides the time', async () => {
    const holes = Array.from({ length: 30 }, (_, i) => 480 + i); // 480..509 never existed
    const { search } = space(1_000, holes);
    // the first item at or after 495 s is 510; starting anywhere in 480..510 reads it
    const start = await firstIdAtOrAfter(new Date(T0 + 495_000), search);
    expect(start).toBeGreaterThanOrEqual(480);
    expect(start).toBeLessThanOrEqual(510);
    const hidden = await firstIdAtOrAfter(new Date(T0 + 495_000), { ...search, holeScan: 5 });
    expect(hidden).toBeLessThanOrEqual(510);
    expect(hidden).toBeGreaterThanOrEqual(475);
  });

  it('never starts after an item it must read, whatever the holes (exhaustive on a small space)', async () => {
    const holes = [3, 4, 5, 9, 10, 11, 12, 13, 17, 20];
    const { search } = space(20, holes);
    for (let t = -1; t <= 21; t += 1) {
      const at = new Date(T0 + t * 1000);
      const start = await firstIdAtOrAfter(at, { ...search, holeScan: 2 });
      const firstNeeded = Array.from({ length: 20 }, (_, i) => i + 1).find((id) => !holes.includes(id) && T0 + id * 1000 >= at.getTime()) ?? 21;
      expect(start).toBeLessThanOrEqual(firstNeeded);
    }
  });
});
