import { FakeHackerNewsConfigError } from './errors';
import { resolveOptions } from './fake-hn-options';

describe('resolveOptions', () => {
  it('applies Hacker News-like defaults', () => {
    const options = resolveOptions({ clock: { now: () => 5_000 } });
    expect(options).toMatchObject({
      seed: 42,
      startAt: 5_000,
      firstId: 40_000_000,
      itemsPerMinute: 7,
      bursts: { everyMinutes: 60, size: 40, spreadSeconds: 20 },
      rates: { holeRate: 0.003, deleteRate: 0.02, deadRate: 0.02, editRate: 0.05, lateRate: 0.002, nullLagMs: 1500, lateLagMs: 120_000 },
      updatesWindowSeconds: 120,
      updatesLimit: 100,
      faultRates: { serverError: 0, tooManyRequests: 0, htmlBody: 0, truncatedJson: 0, hang: 0, dropConnection: 0 },
      retryAfterSeconds: 1,
      archive: true,
    });
    expect(Object.isFrozen(options)).toBe(true);
  });

  it('fills partial bursts and keeps false as none', () => {
    expect(resolveOptions({ bursts: { size: 5 } }).bursts).toEqual({ everyMinutes: 60, size: 5, spreadSeconds: 20 });
    expect(resolveOptions({ bursts: false }).bursts).toBe(false);
  });

  it('reports every problem at once', () => {
    const resolve = () =>
      resolveOptions({
        seed: 1.5,
        firstId: 0,
        itemsPerMinute: -1,
        holeRate: 2,
        bursts: { size: -3 },
        faultRates: { serverError: 0.7, hang: 0.7, nonsense: 0.1 } as never,
        updatesLimit: 0,
      });
    expect(resolve).toThrow(FakeHackerNewsConfigError);
    expect(resolve).toThrow(
      /seed must be a whole number[\s\S]*firstId[\s\S]*itemsPerMinute[\s\S]*bursts.size[\s\S]*holeRate[\s\S]*unknown kinds nonsense[\s\S]*add up to at most 1[\s\S]*updatesLimit/,
    );
  });
});
