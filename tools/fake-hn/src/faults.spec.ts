import { DRAWN_FAULT_KINDS, drawFault, FaultQueue, kindOf } from './faults';

describe('FaultQueue', () => {
  it('gives each request the first fault matching its endpoint or item, count times', () => {
    const queue = new FaultQueue();
    queue.push([{ status: 500, itemId: 7, count: 2 }, { htmlBody: true, endpoint: 'maxitem' }, { status: 503 }]);
    expect(queue.pending()).toBe(4);
    expect(queue.take('item', 8)).toEqual({ status: 503 });
    expect(queue.take('item', 8)).toBeUndefined();
    expect(queue.take('item', 7)).toMatchObject({ status: 500 });
    expect(queue.take('updates', undefined)).toBeUndefined();
    expect(queue.take('maxitem', undefined)).toMatchObject({ htmlBody: true });
    expect(queue.take('item', 7)).toMatchObject({ status: 500 });
    expect(queue.pending()).toBe(0);
  });

  it('never faults a path outside the API', () => {
    const queue = new FaultQueue();
    queue.push([{ hang: true }]);
    expect(queue.take('unknown', undefined)).toBeUndefined();
    expect(queue.pending()).toBe(1);
  });

  it('refuses a count that is not a whole number >= 1, and an item fault aimed at another endpoint', () => {
    expect(() => new FaultQueue().push([{ status: 500, count: 0 }])).toThrow(RangeError);
    expect(() => new FaultQueue().push([{ status: 500, itemId: 1, endpoint: 'updates' }])).toThrow(/targets the item endpoint/);
  });

  it('clears', () => {
    const queue = new FaultQueue();
    queue.push([{ dropConnection: true, count: 3 }]);
    queue.clear();
    expect(queue.pending()).toBe(0);
  });
});

describe('drawFault', () => {
  it('draws each kind with its share, and nothing for the rest', () => {
    const rates = { serverError: 0.1, tooManyRequests: 0.05, htmlBody: 0.05, truncatedJson: 0.05, hang: 0.05, dropConnection: 0.05 };
    const counts = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      const fault = drawFault(rates, (i + 0.5) / 20_000, 3);
      const kind = fault === undefined ? 'none' : kindOf(fault);
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
    }
    expect(counts.get('none')).toBe(13_000);
    expect(counts.get('serverError')).toBe(2_000);
    for (const kind of DRAWN_FAULT_KINDS.filter((k) => k !== 'serverError')) expect(counts.get(kind)).toBe(1_000);
  });

  it('gives drawn 429s the configured Retry-After and 5xx statuses from 500 to 504', () => {
    const rates = { serverError: 0.5, tooManyRequests: 0.5, htmlBody: 0, truncatedJson: 0, hang: 0, dropConnection: 0 };
    expect(drawFault(rates, 0.75, 9)).toEqual({ status: 429, retryAfterSeconds: 9 });
    const statuses = new Set(Array.from({ length: 200 }, (_, i) => drawFault(rates, i / 400, 1)).map((f) => (f && 'status' in f ? f.status : 0)));
    expect([...statuses].sort()).toEqual([500, 502, 503, 504]);
  });
});
