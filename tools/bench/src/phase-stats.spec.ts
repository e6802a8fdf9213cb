import { best, rowsPerSecond, summarisePhases } from './phase-stats';

describe('best', () => {
  it('takes the fastest run', () => {
    expect(best([30, 10, 20])).toBe(10);
  });

  it('refuses no values rather than inventing a figure', () => {
    expect(() => best([])).toThrow(RangeError);
  });
});

describe('rowsPerSecond', () => {
  it('converts milliseconds', () => {
    expect(rowsPerSecond(100_000, 1_250)).toBe(80_000);
  });
});

describe('summarisePhases', () => {
  const runs = { copy: [1100, 1000, 1300], new: [1100, 1300, 1400], unchanged: [700, 600, 650], changed: [1800, 1700, 1750] };

  it('compares the fastest run of each phase with the fastest baseline run', () => {
    const [copy, fresh, unchanged, changed] = summarisePhases(100_000, runs);
    expect(copy).toMatchObject({ name: 'copy', bestMs: 1000, rowsPerSecond: 100_000, ratio: 1, target: null, verdict: null });
    expect(fresh).toMatchObject({ name: 'new', bestMs: 1100, ratio: 0.91, target: 0.9, verdict: 'PASS' });
    expect(unchanged).toMatchObject({ name: 'unchanged', ratio: 1.67, target: 1.5, verdict: 'PASS' });
    expect(changed).toMatchObject({ name: 'changed', ratio: 0.59, target: 0.8, verdict: 'MISS' });
  });

  it('passes a ratio that rounds to its target', () => {
    const [, fresh] = summarisePhases(100, { ...runs, copy: [1000], new: [1112] });
    expect(fresh).toMatchObject({ ratio: 0.9, verdict: 'PASS' });
  });

  it('keeps every run for the record', () => {
    expect(summarisePhases(100_000, runs)[3]?.runsMs).toEqual([1800, 1700, 1750]);
  });
});
