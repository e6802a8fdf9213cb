import { FaultInjection, FaultQueue } from './fault-queue';

interface Spec {
  readonly count?: number;
  readonly path?: string;
  readonly id?: number;
}

const byPath = () => new FaultQueue<Spec, [path: string]>((spec, path) => spec.path === undefined || spec.path === path);

describe('FaultQueue', () => {
  it('gives each request the first matching fault, count times, then drops it', () => {
    const queue = byPath();
    queue.push([{ path: 'b', count: 2, id: 1 }, { id: 2 }]);
    expect(queue.pending()).toBe(3);
    expect(queue.take('a')?.id).toBe(2);
    expect(queue.take('b')?.id).toBe(1);
    expect(queue.take('b')?.id).toBe(1);
    expect(queue.take('b')).toBeUndefined();
    expect(queue.pending()).toBe(0);
  });

  it('refuses a count that is not a whole number >= 1, queueing none of the batch', () => {
    const queue = byPath();
    expect(() => queue.push([{ id: 1 }, { count: 0 }])).toThrow(new RangeError('fault count must be a whole number >= 1, got 0'));
    expect(() => queue.push([{ count: 1.5 }])).toThrow(RangeError);
    expect(queue.pending()).toBe(0);
  });

  it("refuses what `check` objects to", () => {
    const queue = new FaultQueue<Spec, [string]>(() => true, (spec) => (spec.id === 13 ? 'unlucky' : undefined));
    expect(() => queue.push([{ id: 13 }])).toThrow(new RangeError('unlucky'));
    queue.push([{ id: 12 }]);
    expect(queue.pending()).toBe(1);
  });

  it('forgets every fault on clear', () => {
    const queue = byPath();
    queue.push([{ count: 5 }]);
    queue.clear();
    expect(queue.pending()).toBe(0);
    expect(queue.take('a')).toBeUndefined();
  });
});

describe('FaultInjection', () => {
  class Fake extends FaultInjection<Spec> {
    readonly queue = byPath();
    protected faultQueue() {
      return this.queue;
    }
  }

  it('queues one fault or several, counts and clears them', () => {
    const fake = new Fake();
    fake.injectFaults({ id: 1 });
    fake.injectFaults([{ id: 2, count: 2 }, { id: 3 }]);
    expect(fake.pendingFaults()).toBe(4);
    expect(fake.queue.take('x')?.id).toBe(1);
    fake.clearFaults();
    expect(fake.pendingFaults()).toBe(0);
  });
});
