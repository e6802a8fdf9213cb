import { MIN_RATE_LIMIT_WAIT_MS, rateLimitWaitMs } from './rate-limit-wait';

const NOW = Date.UTC(2024, 0, 1);
const headers = (h: Record<string, string>): Headers => new Headers(h);

describe('rateLimitWaitMs (Retry-After parsing itself is the kit’s, tested there)', () => {
  it("falls back to Reddit's x-ratelimit-reset, and prefers Retry-After over it", () => {
    expect(rateLimitWaitMs(headers({ 'x-ratelimit-reset': '200' }), NOW)).toBe(200_000);
    expect(rateLimitWaitMs(headers({ 'retry-after': '3', 'x-ratelimit-reset': '200' }), NOW)).toBe(3000);
  });

  it('waits at least 1 s even when told 0', () => {
    expect(rateLimitWaitMs(headers({ 'x-ratelimit-reset': '0' }), NOW)).toBe(MIN_RATE_LIMIT_WAIT_MS);
    expect(rateLimitWaitMs(headers({ 'retry-after': '0' }), NOW)).toBe(MIN_RATE_LIMIT_WAIT_MS);
  });

  it('is null when the response says neither', () => {
    expect(rateLimitWaitMs(headers({ 'retry-after': 'later' }), NOW)).toBeNull();
    expect(rateLimitWaitMs(headers({}), NOW)).toBeNull();
  });
});
