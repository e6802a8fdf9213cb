import { FakeClock } from '../../testing/fake-clock';
import { isAbortError } from '../time/abort';
import { RateCap } from './rate-cap';

describe('RateCap', () => {
  it('lets a burst go at once, then spaces requests at the sustained rate', async () => {
    const clock = new FakeClock({ autoAdvance: true });
    const cap = new RateCap({ perSecond: 10, burst: 3, clock });
    const start = clock.now();
    const times: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      await cap.take();
      times.push(clock.now() - start);
    }
    expect(times).toEqual([0, 0, 0, 100, 200, 300]);
  });

  it('keeps concurrent callers together under the cap, served in order', async () => {
    const clock = new FakeClock({ autoAdvance: true });
    const cap = new RateCap({ perSecond: 50, burst: 1, clock });
    const start = clock.now();
    const done: [number, number][] = [];
    await Promise.all([0, 1, 2, 3, 4].map((i) => cap.take().then(() => done.push([i, clock.now() - start]))));
    expect(done).toEqual([
      [0, 0],
      [1, 20],
      [2, 40],
      [3, 60],
      [4, 80],
    ]);
  });

  it('refills during a quiet spell, up to the burst only', async () => {
    const clock = new FakeClock({ autoAdvance: true });
    const cap = new RateCap({ perSecond: 2, burst: 2, clock });
    await cap.take();
    await cap.take();
    await clock.sleep(10_000);
    const before = clock.now();
    await cap.take();
    await cap.take();
    expect(clock.now()).toBe(before);
    await cap.take();
    expect(clock.now() - before).toBe(500);
  });

  it('stops waiting when the caller aborts, and the next caller still gets its turn', async () => {
    const clock = new FakeClock();
    const cap = new RateCap({ perSecond: 1, burst: 1, clock });
    await cap.take();
    const controller = new AbortController();
    const waiting = cap.take(controller.signal).catch((e: unknown) => e);
    while (clock.sleeps.length === 0) await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    expect(isAbortError(await waiting)).toBe(true);
    const next = cap.take();
    while (clock.sleeps.length < 2) await new Promise((resolve) => setImmediate(resolve));
    clock.advance(1_000);
    await expect(next).resolves.toBeUndefined();
  });

  it('refuses a rate that is not above zero', () => {
    expect(() => new RateCap({ perSecond: 0, clock: new FakeClock() })).toThrow('perSecond must be above 0');
  });
});
