import { consumeRequest, rateLimitHeaders, readWindow, type RateWindow } from './rate-limit-window';

const SPEC = { budget: 3, windowSeconds: 600 };
const WINDOW_START = 1_800_000_000_000 - (1_800_000_000_000 % 600_000);

describe('rate-limit window', () => {
  it('counts requests and reports remaining and whole seconds to the aligned window end', () => {
    const first = consumeRequest(undefined, WINDOW_START + 100_500, SPEC);
    expect(first).toEqual({ allowed: true, window: { windowStartMs: WINDOW_START, used: 1 }, reading: { used: 1, remaining: 2, resetSeconds: 500 } });
  });

  it('refuses without counting once the budget is spent', () => {
    let window: RateWindow | undefined;
    for (let i = 0; i < 3; i++) window = consumeRequest(window, WINDOW_START + i, SPEC).window;
    const refused = consumeRequest(window, WINDOW_START + 10, SPEC);
    expect(refused.allowed).toBe(false);
    expect(refused.window.used).toBe(3);
    expect(refused.reading.remaining).toBe(0);
  });

  it('starts a fresh window exactly at the boundary', () => {
    const spent: RateWindow = { windowStartMs: WINDOW_START, used: 3 };
    expect(consumeRequest(spent, WINDOW_START + 599_999, SPEC).allowed).toBe(false);
    expect(consumeRequest(spent, WINDOW_START + 600_000, SPEC)).toMatchObject({ allowed: true, reading: { used: 1, resetSeconds: 600 } });
  });

  it('reads a window without counting', () => {
    expect(readWindow(undefined, WINDOW_START, SPEC)).toEqual({ used: 0, remaining: 3, resetSeconds: 600 });
  });

  it('formats remaining as a float string like Reddit', () => {
    expect(rateLimitHeaders({ used: 3, remaining: 997, resetSeconds: 42 })).toEqual({
      'x-ratelimit-used': '3',
      'x-ratelimit-remaining': '997.0',
      'x-ratelimit-reset': '42',
    });
  });
});
