import { failureBackoffMs } from './failure-backoff';

const backoff = { minMs: 10_000, maxMs: 300_000 };

describe('failureBackoffMs', () => {
  it('doubles the minimum with each failure in a row', () => {
    expect([1, 2, 3, 4].map((n) => failureBackoffMs(n, backoff))).toEqual([20_000, 40_000, 80_000, 160_000]);
  });

  it('never waits longer than the maximum', () => {
    expect([5, 6, 50, 5_000].map((n) => failureBackoffMs(n, backoff))).toEqual([300_000, 300_000, 300_000, 300_000]);
  });

  it('doubles at most six times when the maximum is far away', () => {
    expect(failureBackoffMs(7, { minMs: 1_000, maxMs: 3_600_000 })).toBe(64_000);
    expect(failureBackoffMs(100, { minMs: 1_000, maxMs: 3_600_000 })).toBe(64_000);
  });

  it('waits the minimum before any failure', () => {
    expect(failureBackoffMs(0, backoff)).toBe(10_000);
  });
});
