import { delayUntilNextRound, MIN_ROUND_SPACING_MS, planRefresh, type RefreshInputs } from './refresh-selection';

const MIN = 60_000;
const HOUR = 60 * MIN;
const now = new Date('2026-11-30T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

const inputs = (over: Partial<RefreshInputs> = {}): RefreshInputs => ({
  now,
  stories: [],
  lastChecked: new Map(),
  updates: [],
  walkFrontier: 1_000,
  maxAgeMs: 48 * HOUR,
  limit: 500,
  ...over,
});

describe('planRefresh', () => {
  it('picks the stories due by the age cadence, longest unchecked first, and follows them', () => {
    const stories = [
      { id: 10, createdAt: ago(30 * MIN) },
      { id: 11, createdAt: ago(30 * MIN) },
      { id: 12, createdAt: ago(2 * MIN) },
      { id: 13, createdAt: ago(3 * HOUR) },
    ];
    const lastChecked = new Map([
      [10, ago(6 * MIN)],
      [11, ago(1 * MIN)],
      [13, ago(40 * MIN)],
    ]);
    const plan = planRefresh(inputs({ stories, lastChecked }));
    // 11 was checked a minute ago, 12 is younger than its first interval
    expect(plan.ids).toEqual([13, 10]);
    expect(plan.followed).toEqual([13, 10]);
    expect(plan.leftOver).toBe(0);
  });

  it('takes the updated ids the walk has passed or that are stored stories, first and once, and leaves the others to the walk', () => {
    const stories = [
      { id: 1_200, createdAt: ago(2 * HOUR) },
      { id: 900, createdAt: ago(3 * HOUR) },
    ];
    const plan = planRefresh(inputs({ stories, updates: [999, 1_000, 1_001, 1_200, 999, 5], walkFrontier: 1_000 }));
    // 1001 is above the walk's checkpoint and not stored: the walk will read it
    expect(plan.ids).toEqual([999, 1_000, 1_200, 5, 900]);
    expect(plan.followed).toEqual([1_200, 900]);
  });

  it('takes no updated id above nothing before the walk has a checkpoint, but stored stories still', () => {
    const stories = [{ id: 7, createdAt: ago(HOUR) }];
    expect(planRefresh(inputs({ stories, updates: [3, 7], walkFrontier: null })).ids).toEqual([7]);
  });

  it('bounds a round, updates first, and says how many due stories are left over', () => {
    const stories = Array.from({ length: 5 }, (_, i) => ({ id: 100 + i, createdAt: ago(2 * HOUR) }));
    const plan = planRefresh(inputs({ stories, updates: [1, 2], limit: 4 }));
    expect(plan.ids).toEqual([1, 2, 100, 101]);
    expect(plan.leftOver).toBe(3);
    expect(delayUntilNextRound(plan, now.getTime(), 30_000)).toBe(0);
    expect(planRefresh(inputs({ updates: [1, 2, 3, 4, 5], limit: 3 })).ids).toEqual([1, 2, 3]);
  });

  it('stops following stories past the maximum age', () => {
    const plan = planRefresh(inputs({ stories: [{ id: 1, createdAt: ago(49 * HOUR) }] }));
    expect(plan).toEqual({ ids: [], followed: [], leftOver: 0, nextDueAt: null });
  });

  it('says when the next story comes due, counting the stories refreshed now from now', () => {
    const stories = [
      { id: 1, createdAt: ago(30 * MIN) },
      { id: 2, createdAt: ago(3 * HOUR) },
    ];
    const plan = planRefresh(inputs({ stories, lastChecked: new Map([[2, ago(5 * MIN)]]) }));
    expect(plan.ids).toEqual([1]);
    // story 2 is due 15 min after its check, story 1 five minutes from now
    expect(plan.nextDueAt).toBe(now.getTime() + 5 * MIN);
  });
});

describe('delayUntilNextRound', () => {
  const t = now.getTime();

  it('waits until the next story is due, at most the poll interval, at least the round spacing', () => {
    expect(delayUntilNextRound({ leftOver: 0, nextDueAt: t + 20_000 }, t, 30_000)).toBe(20_000);
    expect(delayUntilNextRound({ leftOver: 0, nextDueAt: t + 5 * MIN }, t, 30_000)).toBe(30_000);
    expect(delayUntilNextRound({ leftOver: 0, nextDueAt: t + 1 }, t, 30_000)).toBe(MIN_ROUND_SPACING_MS);
    expect(delayUntilNextRound({ leftOver: 0, nextDueAt: t + 1 }, t, 2_000)).toBe(2_000);
  });

  it('waits one poll interval when nothing will come due, and none while due stories are left over', () => {
    expect(delayUntilNextRound({ leftOver: 0, nextDueAt: null }, t, 30_000)).toBe(30_000);
    expect(delayUntilNextRound({ leftOver: 2, nextDueAt: t + HOUR }, t, 30_000)).toBe(0);
  });
});
