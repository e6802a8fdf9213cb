import { minIntervalForBudget, nextPollDelay, updateRate } from './poll-interval';

describe('nextPollDelay', () => {
  it('polls a new stream at the minimum interval', () => {
    expect(nextPollDelay(null, 15_000, 300_000)).toBe(15_000);
  });

  it('waits long enough to expect about half a page of new posts', () => {
    expect(nextPollDelay(0.5, 15_000, 300_000)).toBe(100_000);
  });

  it('stays within the configured bounds', () => {
    expect(nextPollDelay(100, 15_000, 300_000)).toBe(15_000);
    expect(nextPollDelay(0.001, 15_000, 300_000)).toBe(300_000);
    expect(nextPollDelay(0, 15_000, 300_000)).toBe(300_000);
  });
});

describe('updateRate', () => {
  it('starts from the first observation and then moves smoothly', () => {
    const first = updateRate(null, 30, 60_000);
    expect(first).toBeCloseTo(0.5);
    expect(updateRate(first, 0, 60_000)).toBeCloseTo(0.35);
  });
});

describe('minIntervalForBudget', () => {
  it('keeps polls of all streams within 60% of 100 requests per minute', () => {
    expect(minIntervalForBudget(3, 100)).toBe(3000);
    expect(minIntervalForBudget(120, 100)).toBe(120_000);
  });
});
