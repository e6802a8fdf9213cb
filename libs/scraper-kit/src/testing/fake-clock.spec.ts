import { FakeClock } from './fake-clock';

describe('FakeClock', () => {
  it('records each sleep with its deadline and resolves it when time reaches the deadline', async () => {
    const clock = new FakeClock({ now: 1000 });
    let done = false;
    const sleeping = clock.sleep(500).then(() => (done = true));
    expect(clock.sleeps).toEqual([{ start: 1000, ms: 500, deadline: 1500 }]);
    await clock.advance(499);
    expect(done).toBe(false);
    await clock.advance(1);
    await sleeping;
    expect(done).toBe(true);
  });

  it('wakes sleepers in deadline order, each at its own time', async () => {
    const clock = new FakeClock({ now: 0 });
    const woke: Array<[string, number]> = [];
    void clock.sleep(300).then(() => woke.push(['late', clock.now()]));
    void clock.sleep(100).then(() => woke.push(['early', clock.now()]));
    await clock.advance(1000);
    expect(woke).toEqual([['early', 100], ['late', 300]]);
    expect(clock.now()).toBe(1000);
  });

  it('rejects a sleep with an AbortError when its signal aborts, without moving time', async () => {
    const clock = new FakeClock({ now: 0 });
    const controller = new AbortController();
    const sleeping = clock.sleep(10_000, controller.signal);
    await clock.whenSleeping();
    controller.abort();
    await expect(sleeping).rejects.toMatchObject({ name: 'AbortError' });
    expect(clock.pending()).toBe(0);
    expect(clock.now()).toBe(0);
  });

  it('jumps to the deadline at once in auto-advance mode', async () => {
    const clock = new FakeClock({ now: 0, autoAdvance: true });
    await clock.sleep(250);
    await clock.sleep(750);
    expect(clock.now()).toBe(1000);
    expect(clock.sleeps.map((s) => s.deadline)).toEqual([250, 1000]);
  });
});
