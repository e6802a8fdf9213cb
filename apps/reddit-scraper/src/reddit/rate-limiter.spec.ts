import { RateLimiter } from './rate-limiter';
import { rateLimitHeaders } from './testing/fake-fetch';
import { FakeClock } from '@sentiment-ingest/scraper-kit/testing';

const T0 = Date.UTC(2024, 0, 1);

function setup(): { clock: FakeClock; limiter: RateLimiter } {
  const clock = new FakeClock({ now: T0 });
  return { clock, limiter: new RateLimiter({ clock }) };
}

function headers(remaining: string, used: string, reset: string): Headers {
  return new Headers(rateLimitHeaders(remaining, used, reset));
}

describe('RateLimiter', () => {
  it('lets the first request go at once', async () => {
    const { clock, limiter } = setup();
    await limiter.waitForTurn();
    expect(clock.sleeps).toEqual([]);
  });

  it('assumes 1000 requests per 600 s before the first response, one every 600 ms', async () => {
    const { clock, limiter } = setup();
    expect(limiter.snapshot()).toEqual({ remaining: 1000, used: 0, resetAt: T0 + 600_000 });
    await limiter.waitForTurn();
    const second = limiter.waitForTurn();
    await clock.advance(600);
    await second;
    expect(clock.sleeps).toEqual([{ start: T0, ms: 600, deadline: T0 + 600 }]);
  });

  it('spreads requests evenly over the rest of the window', async () => {
    const { clock, limiter } = setup();
    limiter.update(headers('100.0', '900', '300'));
    const turn = limiter.waitForTurn();
    await clock.whenSleeping();
    expect(clock.sleeps).toEqual([{ start: T0, ms: 3000, deadline: T0 + 3000 }]);
    await clock.advance(3000);
    await turn;
  });

  it('waits until reset when remaining is 0', async () => {
    const { clock, limiter } = setup();
    limiter.update(headers('0', '1000', '42'));
    let released = false;
    const turn = limiter.waitForTurn().then(() => (released = true));
    await clock.advance(41_999);
    expect(released).toBe(false);
    await clock.advance(1);
    await turn;
    expect(released).toBe(true);
    expect(clock.sleeps[0]?.deadline).toBe(T0 + 42_000);
  });

  it('waits at least 1 s at zero remaining, even when the reset is due', async () => {
    const { clock, limiter } = setup();
    limiter.update(headers('0', '1000', '0'));
    const turn = limiter.waitForTurn();
    await clock.advance(1000);
    await turn;
    expect(clock.sleeps[0]?.deadline).toBe(T0 + 1000);
  });

  it('never waits less than 0: a turn asked after its slot goes at once', async () => {
    const { clock, limiter } = setup();
    limiter.update(headers('10', '990', '100'));
    await clock.advance(60_000);
    await limiter.waitForTurn();
    expect(clock.sleeps).toEqual([]);
  });

  it('parses the float remaining header "597.0"', () => {
    const { limiter } = setup();
    limiter.update(headers('597.0', '403', '120'));
    expect(limiter.snapshot()).toEqual({ remaining: 597, used: 403, resetAt: T0 + 120_000 });
  });

  it('counts requests locally when a response has no rate-limit headers', () => {
    const { limiter } = setup();
    limiter.update(headers('10.0', '990', '100'));
    limiter.update(new Headers({ 'content-type': 'application/json' }));
    limiter.update(null);
    expect(limiter.snapshot()).toEqual({ remaining: 8, used: 992, resetAt: T0 + 100_000 });
  });

  it('counts locally when the rate-limit headers are not numbers', () => {
    const { limiter } = setup();
    limiter.update(headers('many', '1', 'soon'));
    expect(limiter.snapshot()).toMatchObject({ remaining: 999, used: 1 });
  });

  it('paces from the locally counted budget: 9 left over 100 s is one request every 11.1 s', async () => {
    const { clock, limiter } = setup();
    limiter.update(headers('10', '990', '100'));
    limiter.update(null);
    const turn = limiter.waitForTurn();
    await clock.advance(11_112);
    await turn;
    expect(clock.sleeps[0]?.ms).toBe(Math.ceil(100_000 / 9));
  });

  it('assumes the full budget again once the window has passed without headers', async () => {
    const { clock, limiter } = setup();
    limiter.update(headers('0', '1000', '5'));
    await clock.advance(5000);
    limiter.update(null);
    expect(limiter.snapshot()).toEqual({ remaining: 999, used: 1, resetAt: T0 + 5000 + 600_000 });
  });

  it('spaces concurrent callers instead of releasing them together', async () => {
    const { clock, limiter } = setup();
    limiter.update(headers('10', '990', '10'));
    const turns = [limiter.waitForTurn(), limiter.waitForTurn(), limiter.waitForTurn()];
    await clock.advance(10_000);
    await Promise.all(turns);
    // 1 s for the first; then each slot is the rest of the window over the remaining budget.
    expect(clock.sleeps.map((s) => s.deadline - T0)).toEqual([1000, 1900, 2710]);
  });

  it('keeps a slot already handed out when a response arrives', async () => {
    const { clock, limiter } = setup();
    limiter.update(headers('0', '1000', '30'));
    void limiter.waitForTurn();
    limiter.update(headers('999', '1', '600'));
    const later = limiter.waitForTurn();
    await clock.advance(31_000);
    await later;
    expect(clock.sleeps[1]!.deadline).toBeGreaterThan(T0 + 30_000);
  });

  it('rejects at once with an AbortError when aborted while waiting', async () => {
    const { clock, limiter } = setup();
    limiter.update(headers('0', '1000', '600'));
    const controller = new AbortController();
    const turn = limiter.waitForTurn(controller.signal);
    await clock.whenSleeping();
    controller.abort();
    await expect(turn).rejects.toMatchObject({ name: 'AbortError' });
    expect(clock.now()).toBe(T0);
  });
});
