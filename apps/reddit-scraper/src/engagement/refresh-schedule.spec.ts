import { dueForRefresh, refreshEvery } from './refresh-schedule';

const MIN = 60_000;
const HOUR = 60 * MIN;
const now = new Date('2026-11-29T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('refreshEvery', () => {
  it('re-reads young posts often and old ones rarely', () => {
    expect(refreshEvery(10 * MIN)).toBe(5 * MIN);
    expect(refreshEvery(2 * HOUR)).toBe(15 * MIN);
    expect(refreshEvery(12 * HOUR)).toBe(HOUR);
    expect(refreshEvery(30 * HOUR)).toBe(3 * HOUR);
  });
});

describe('dueForRefresh', () => {
  const options = { maxAgeMs: 48 * HOUR, limit: 100 };

  it('picks posts whose interval has passed since their last check', () => {
    const tracked = [
      { id: 'due', createdUtc: ago(30 * MIN), lastCheckedAt: ago(6 * MIN) },
      { id: 'fresh', createdUtc: ago(30 * MIN), lastCheckedAt: ago(1 * MIN) },
    ];
    expect(dueForRefresh(tracked, now, options).map((t) => t.id)).toEqual(['due']);
  });

  it('counts from creation for posts this process has not checked yet', () => {
    const tracked = [
      { id: 'new', createdUtc: ago(2 * MIN), lastCheckedAt: null },
      { id: 'older', createdUtc: ago(10 * MIN), lastCheckedAt: null },
    ];
    expect(dueForRefresh(tracked, now, options).map((t) => t.id)).toEqual(['older']);
  });

  it('stops following posts older than the maximum age', () => {
    const tracked = [{ id: 'old', createdUtc: ago(49 * HOUR), lastCheckedAt: ago(10 * HOUR) }];
    expect(dueForRefresh(tracked, now, options)).toEqual([]);
  });

  it('returns at most the limit, longest-unchecked first', () => {
    const tracked = [
      { id: 'b', createdUtc: ago(3 * HOUR), lastCheckedAt: ago(20 * MIN) },
      { id: 'a', createdUtc: ago(3 * HOUR), lastCheckedAt: ago(50 * MIN) },
    ];
    expect(dueForRefresh(tracked, now, { ...options, limit: 1 }).map((t) => t.id)).toEqual(['a']);
  });
});
