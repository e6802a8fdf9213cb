import { backoffDelay, isRetryableStatus, MIN_RATE_LIMIT_WAIT_MS, rateLimitWaitMs } from './backoff';

const NOW = Date.UTC(2024, 0, 1);

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

describe('rateLimitWaitMs', () => {
  const headers = (h: Record<string, string>): Headers => new Headers(h);

  it('reads Retry-After in seconds', () => {
    expect(rateLimitWaitMs(headers({ 'retry-after': '7' }), NOW)).toBe(7000);
  });

  it('reads Retry-After as an HTTP date', () => {
    const date = new Date(NOW + 12_000).toUTCString();
    expect(rateLimitWaitMs(headers({ 'retry-after': date }), NOW)).toBe(12_000);
  });

  it('prefers Retry-After over the rate-limit reset', () => {
    expect(rateLimitWaitMs(headers({ 'retry-after': '3', 'x-ratelimit-reset': '200' }), NOW)).toBe(3000);
  });

  it('falls back to the rate-limit reset', () => {
    expect(rateLimitWaitMs(headers({ 'x-ratelimit-reset': '200' }), NOW)).toBe(200_000);
  });

  it('waits at least 1 s even when told 0', () => {
    expect(rateLimitWaitMs(headers({ 'retry-after': '0' }), NOW)).toBe(MIN_RATE_LIMIT_WAIT_MS);
  });

  it('is null when the response says neither', () => {
    expect(rateLimitWaitMs(headers({ 'retry-after': 'later' }), NOW)).toBeNull();
    expect(rateLimitWaitMs(headers({}), NOW)).toBeNull();
  });
});
