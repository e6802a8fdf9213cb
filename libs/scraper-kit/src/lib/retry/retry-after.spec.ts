import { retryAfterMs, retryWaitMs, secondsHeaderMs } from './retry-after';

const NOW = Date.UTC(2024, 0, 1);
const headers = (h: Record<string, string>): Headers => new Headers(h);

describe('retryWaitMs', () => {
  it('reads Retry-After in seconds', () => {
    expect(retryWaitMs(headers({ 'retry-after': '7' }), NOW)).toBe(7000);
  });

  it('reads Retry-After as an HTTP date', () => {
    const date = new Date(NOW + 12_000).toUTCString();
    expect(retryWaitMs(headers({ 'retry-after': date }), NOW)).toBe(12_000);
  });

  it("prefers Retry-After over the source's reset header, and falls back to it", () => {
    const options = { resetHeader: 'x-window-reset' };
    expect(retryWaitMs(headers({ 'retry-after': '3', 'x-window-reset': '200' }), NOW, options)).toBe(3000);
    expect(retryWaitMs(headers({ 'x-window-reset': '200' }), NOW, options)).toBe(200_000);
  });

  it('reads no reset header unless told which', () => {
    expect(retryWaitMs(headers({ 'x-window-reset': '200' }), NOW)).toBeNull();
  });

  it('waits at least the minimum even when told 0', () => {
    expect(retryWaitMs(headers({ 'retry-after': '0' }), NOW, { minWaitMs: 1_000 })).toBe(1_000);
    expect(retryWaitMs(headers({ 'retry-after': '0' }), NOW)).toBe(0);
  });

  it('is null when the response says neither', () => {
    expect(retryWaitMs(headers({ 'retry-after': 'later' }), NOW, { resetHeader: 'x-window-reset' })).toBeNull();
    expect(retryWaitMs(headers({}), NOW)).toBeNull();
  });
});

describe('retryAfterMs', () => {
  it('is 0 for an HTTP date already past', () => {
    expect(retryAfterMs(new Date(NOW - 5_000).toUTCString(), NOW)).toBe(0);
  });
});

describe('secondsHeaderMs', () => {
  it('reads fractional seconds and refuses negative or non-numbers', () => {
    expect(secondsHeaderMs('1.5')).toBe(1500);
    expect(secondsHeaderMs('-1')).toBeNull();
    expect(secondsHeaderMs('soon')).toBeNull();
    expect(secondsHeaderMs(null)).toBeNull();
  });
});
