import { ArrivalTimeline } from './arrival-timeline';

const START = Date.UTC(2024, 0, 1);

function arrivals(timeline: ArrivalTimeline, untilMs: number): number[] {
  const times: number[] = [];
  while (timeline.peek() <= untilMs) times.push(timeline.take());
  return times;
}

describe('ArrivalTimeline', () => {
  it('arrives at the configured mean rate, in time order, after startAt', () => {
    const timeline = new ArrivalTimeline({ seed: 1, startAt: START, itemsPerMinute: 10, bursts: false });
    const times = arrivals(timeline, START + 24 * 3600_000);
    expect(times.length).toBeGreaterThan(14_400 * 0.95);
    expect(times.length).toBeLessThan(14_400 * 1.05);
    expect(times[0]).toBeGreaterThan(START);
    expect(times.every((t, i) => i === 0 || t >= times[i - 1]!)).toBe(true);
  });

  it('adds seeded bursts of size arrivals within spreadSeconds', () => {
    const plain = arrivals(new ArrivalTimeline({ seed: 2, startAt: START, itemsPerMinute: 1, bursts: false }), START + 6 * 3600_000);
    const bursty = arrivals(
      new ArrivalTimeline({ seed: 2, startAt: START, itemsPerMinute: 1, bursts: { everyMinutes: 30, size: 50, spreadSeconds: 10 } }),
      START + 6 * 3600_000,
    );
    expect(bursty.length - plain.length).toBeGreaterThan(6 * 50);
    // some 10-second window holds a whole burst
    const dense = bursty.some((t, i) => (bursty[i + 49] ?? Infinity) - t <= 10_000);
    expect(dense).toBe(true);
    expect(bursty.every((t, i) => i === 0 || t >= bursty[i - 1]!)).toBe(true);
  });

  it('gives the same instants whether taken in small steps or in one jump', () => {
    const options = { seed: 3, startAt: START, itemsPerMinute: 5, bursts: { everyMinutes: 20, size: 30, spreadSeconds: 5 } } as const;
    const jump = arrivals(new ArrivalTimeline(options), START + 3 * 3600_000);
    const stepped = new ArrivalTimeline(options);
    const steps: number[] = [];
    for (let t = START; t <= START + 3 * 3600_000; t += 7_000) steps.push(...arrivals(stepped, t));
    expect(steps).toEqual(jump.filter((t) => t <= START + Math.floor((3 * 3600_000) / 7_000) * 7_000));
  });

  it('merges a burst added by hand into the stream in time order', () => {
    const timeline = new ArrivalTimeline({ seed: 4, startAt: START, itemsPerMinute: 2, bursts: false });
    timeline.addBurst(100, START + 60_000, START + 61_000);
    const times = arrivals(timeline, START + 120_000);
    expect(times.filter((t) => t > START + 60_000 && t <= START + 61_000).length).toBeGreaterThanOrEqual(100);
    expect(times.every((t, i) => i === 0 || t >= times[i - 1]!)).toBe(true);
  });
});
