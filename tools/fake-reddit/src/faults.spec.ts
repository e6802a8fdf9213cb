import { breakItems, FaultQueue, truncateBody } from './faults';

describe('FaultQueue', () => {
  it('gives each request the first fault matching its endpoint, count times', () => {
    const queue = new FaultQueue();
    queue.push([{ status: 500, path: 'info', count: 2 }, { status: 503 }]);
    expect(queue.pending()).toBe(3);
    expect(queue.take('listing')).toEqual({ status: 503 });
    expect(queue.take('listing')).toBeUndefined();
    expect(queue.take('info')).toMatchObject({ status: 500 });
    expect(queue.take('info')).toMatchObject({ status: 500 });
    expect(queue.take('info')).toBeUndefined();
  });

  it('targets the token endpoint only when asked to', () => {
    const queue = new FaultQueue();
    queue.push([{ delayMs: 5 }]);
    expect(queue.take('token')).toBeUndefined();
    expect(queue.take('search')).toBeUndefined();
    queue.push([{ dropConnection: true, path: 'token' }]);
    expect(queue.take('token')).toEqual({ dropConnection: true, path: 'token' });
  });

  it('refuses a count that is not a whole number >= 1', () => {
    expect(() => new FaultQueue().push([{ status: 500, count: 0 }])).toThrow(RangeError);
  });

  it('clears', () => {
    const queue = new FaultQueue();
    queue.push([{ status: 500 }]);
    queue.clear();
    expect(queue.pending()).toBe(0);
  });
});

describe('breakItems', () => {
  const children = Array.from({ length: 6 }, (_, i) => ({ kind: 't3', data: { id: `p${i}`, created_utc: 1700000000 + i } as Record<string, unknown> }));

  it('breaks N items spread over the page in three ways, without touching the input', () => {
    const broken = breakItems(children, 3);
    expect(broken.map((c) => c.data)).toEqual([
      { id: 'p0' },
      children[1]!.data,
      { id: 'p2', created_utc: 'yesterday' },
      children[3]!.data,
      { created_utc: 1700000004 },
      children[5]!.data,
    ]);
    expect(children[0]!.data).toHaveProperty('created_utc');
  });

  it('breaks every item when asked for more than the page holds', () => {
    expect(breakItems(children.slice(0, 2), 5).every((c, i) => c.data !== children[i]!.data)).toBe(true);
  });

  it('cuts a body so that it no longer parses', () => {
    expect(() => JSON.parse(truncateBody(JSON.stringify({ kind: 'Listing', data: { children: [] } })))).toThrow();
  });
});
