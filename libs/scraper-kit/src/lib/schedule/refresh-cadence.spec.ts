import { dueForRefresh, nextRefreshAt, refreshEvery } from './refresh-cadence';

const MIN = 60_000;
const HOUR = 60 * MIN;
const now = new Date('2026-11-29T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('refreshEvery', () => {
  it('re-reads young items often and old ones rarely', () => {
    expect(refreshEvery(10 * MIN)).toBe(5 * MIN);
    expect(refreshEvery(2 * HOUR)).toBe(15 * MIN);
    expect(refreshEvery(12 * HOUR)).toBe(HOUR);
    expect(refreshEvery(30 * HOUR)).toBe(3 * HOUR);
  });
});

describe('dueForRefresh', () => {
  const options = { maxAgeMs: 48 * HOUR, limit: 100 };

  it('picks items whose interval has passed since their last check', () => {
    const tracked = [
      { id: 'due', createdAt: ago(30 * MIN), lastCheckedAt: ago(6 * MIN) },
      { id: 'fresh', createdAt: ago(30 * MIN), lastCheckedAt: ago(1 * MIN) },
    ];
    expect(dueForRefresh(tracked, now, options).map((t) => t.id)).toEqual(['due']);
  });

  it('counts from creation for items this process has not checked yet', () => {
    const tracked = [
      { id: 'new', createdAt: ago(2 * MIN), lastCheckedAt: null },
      { id: 'older', createdAt: ago(10 * MIN), lastCheckedAt: null },
    ];
    expect(dueForRefresh(tracked, now, options).map((t) => t.id)).toEqual(['older']);
  });

  it('stops following items older than the maximum age', () => {
    const tracked = [{ id: 'old', createdAt: ago(49 * HOUR), lastCheckedAt: ago(10 * HOUR) }];
    expect(dueForRefresh(tracked, now, options)).toEqual([]);
  });

  it('returns at most the limit, longest-unchecked first, keeping the caller\'s own fields and id type', () => {
    const tracked = [
      { id: 2, createdAt: ago(3 * HOUR), lastCheckedAt: ago(20 * MIN), extra: 'b' },
      { id: 1, createdAt: ago(3 * HOUR), lastCheckedAt: ago(50 * MIN), extra: 'a' },
    ];
    expect(dueForRefresh(tracked, now, { ...options, limit: 1 })).toEqual([tracked[1]]);
  });
});

describe('nextRefreshAt', () => {
  const options = { maxAgeMs: 48 * HOUR };
  const created = now.getTime();

  it('is one interval after the last check, or after creation when never checked', () => {
    expect(nextRefreshAt({ createdAt: now, lastCheckedAt: null }, options)).toBe(created + 5 * MIN);
    expect(nextRefreshAt({ createdAt: now, lastCheckedAt: new Date(created + 20 * MIN) }, options)).toBe(created + 25 * MIN);
  });

  it('waits for the longer interval of a later age step (and is then due by dueForRefresh, not before)', () => {
    const item = { id: 'x', createdAt: now, lastCheckedAt: new Date(created + 58 * MIN) };
    const at = nextRefreshAt(item, options)!;
    expect(at).toBe(created + 58 * MIN + 15 * MIN);
    expect(dueForRefresh([item], new Date(at - 1), { ...options, limit: 1 })).toEqual([]);
    expect(dueForRefresh([item], new Date(at), { ...options, limit: 1 })).toEqual([item]);
  });

  it('starts a later step no earlier than the step begins', () => {
    // checked at 59 min: the first-hour interval would say 64 min, which is already in the 15 min step
    expect(nextRefreshAt({ createdAt: now, lastCheckedAt: new Date(created + 59 * MIN) }, options)).toBe(created + 74 * MIN);
    const cadence = [{ maxAgeMs: HOUR, everyMs: 50 * MIN }, { maxAgeMs: Number.POSITIVE_INFINITY, everyMs: 5 * MIN }];
    expect(nextRefreshAt({ createdAt: now, lastCheckedAt: new Date(created + 20 * MIN) }, { ...options, cadence })).toBe(created + HOUR);
  });

  it('is null once the item would be past the maximum age', () => {
    expect(nextRefreshAt({ createdAt: now, lastCheckedAt: new Date(created + 47 * HOUR) }, options)).toBeNull();
    expect(nextRefreshAt({ createdAt: now, lastCheckedAt: null }, { maxAgeMs: 5 * MIN })).toBeNull();
  });

  it('keeps the last step\'s interval past a cadence that ends, as refreshEvery does', () => {
    const cadence = [{ maxAgeMs: HOUR, everyMs: 10 * MIN }];
    expect(nextRefreshAt({ createdAt: now, lastCheckedAt: new Date(created + 2 * HOUR) }, { ...options, cadence })).toBe(created + 2 * HOUR + 10 * MIN);
  });
});
