import { backoffDelay, isRetryableStatus } from './backoff';

describe('backoffDelay', () => {
  it('waits between half and all of 1 s before the first retry', () => {
    expect(backoffDelay(0, () => 0)).toBe(500);
    expect(backoffDelay(0, () => 0.5)).toBe(750);
    expect(backoffDelay(0, () => 0.999_999)).toBe(1000);
  });

  it('doubles the ceiling with each attempt', () => {
    expect([0, 1, 2, 3, 4].map((attempt) => backoffDelay(attempt, () => 1))).toEqual([1000, 2000, 4000, 8000, 16_000]);
  });

  it('never waits longer than the 30 s cap', () => {
    expect(backoffDelay(10, () => 1)).toBe(30_000);
    expect(backoffDelay(1000, () => 1)).toBe(30_000);
  });

  it('keeps within bounds when the random source misbehaves', () => {
    expect(backoffDelay(0, () => -3)).toBe(500);
    expect(backoffDelay(0, () => 7)).toBe(1000);
  });

  it('honours custom bounds', () => {
    expect(backoffDelay(2, () => 1, { baseMs: 100, capMs: 250 })).toBe(250);
  });
});

describe('isRetryableStatus', () => {
  it.each([408, 500, 502, 503, 504, 520, 522])('retries %i', (status) => {
    expect(isRetryableStatus(status)).toBe(true);
  });

  it.each([200, 302, 400, 401, 403, 404, 409, 429, 501, 505])('does not back off on %i', (status) => {
    expect(isRetryableStatus(status)).toBe(false);
  });
});
