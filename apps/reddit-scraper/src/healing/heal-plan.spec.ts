import {
  afterRepollPage,
  extendEdge,
  healRange,
  healRequestsPerRound,
  inGap,
  LATE_LISTING_MS,
  planWalk,
  progressCheckpoint,
  progressFromCheckpoint,
  REPOLL_START,
  walkChunk,
  walkFrom,
  walkPassedGap,
  type HealProgress,
} from './heal-plan';

const at = (iso: string) => new Date(iso);
const post = (id: number, iso: string) => ({ id: id.toString(36), createdUtc: at(iso) });
const gapStart = at('2026-11-30T10:00:00Z');

describe('afterRepollPage', () => {
  it('is done and reached once a page goes back past the gap start', () => {
    const state = afterRepollPage(REPOLL_START, { items: [post(500, '2026-11-30T10:05:00Z'), post(400, '2026-11-30T09:59:00Z')], listed: 2, after: 't3_b4' }, gapStart);
    expect(state).toMatchObject({ done: true, reached: true, pages: 1, itemsRead: 2 });
    expect(state.edge?.time).toEqual(at('2026-11-30T09:59:00Z'));
  });

  it('goes on while the listing has more and is within its depth', () => {
    const state = afterRepollPage(REPOLL_START, { items: [post(500, '2026-11-30T10:05:00Z')], listed: 1, after: 't3_dw' }, gapStart);
    expect(state).toMatchObject({ done: false, reached: false, after: 't3_dw' });
  });

  it('counts a listing that ran out a page or more short of its depth as reached: it held everything', () => {
    expect(afterRepollPage(REPOLL_START, { items: [post(500, '2026-11-30T10:05:00Z')], listed: 1, after: null }, gapStart)).toMatchObject({ done: true, reached: true });
  });

  it('counts a listing that ended just short of 1000 as capped (removed items are left out after the cap), refused children included', () => {
    const nearly = { ...REPOLL_START, itemsRead: 900 };
    const page = { items: [post(500, '2026-11-30T10:05:00Z')], listed: 97, after: null };
    expect(afterRepollPage(nearly, page, gapStart)).toMatchObject({ done: true, reached: false, itemsRead: 997 });
  });

  it('stops unreached at the listing depth, with where a walk would start', () => {
    let state = REPOLL_START;
    for (let i = 0; i < 10; i++) {
      const items = Array.from({ length: 100 }, (_, j) => post(3000 - 100 * i - j, `2026-11-30T10:${String(59 - i).padStart(2, '0')}:00Z`));
      state = afterRepollPage(state, { items, listed: items.length, after: 't3_x' }, gapStart);
    }
    expect(state).toMatchObject({ done: true, reached: false, itemsRead: 1000 });
    expect(state.edge && walkFrom(state.edge)).toBe((2100).toString(36));
  });
});

describe('extendEdge and walkFrom', () => {
  it('starts a walk just below the lowest id newer than the oldest second, since posts of one second come in any id order', () => {
    // the listing's last second (10:00:00) showed 505 and 501; 502-504 of that second were cut off
    const edge = extendEdge(null, [post(520, '2026-11-30T10:00:02Z'), post(510, '2026-11-30T10:00:01Z'), post(505, '2026-11-30T10:00:00Z'), post(501, '2026-11-30T10:00:00Z')]);
    expect(edge).toMatchObject({ time: at('2026-11-30T10:00:00Z'), minIdNewer: (510).toString(36), maxIdAtTime: (505).toString(36) });
    expect(walkFrom(edge!)).toBe((509).toString(36));
  });

  it('starts at the highest id of the oldest second when nothing newer was seen', () => {
    const edge = extendEdge(null, [post(503, '2026-11-30T10:00:00Z'), post(507, '2026-11-30T10:00:00Z')]);
    expect(walkFrom(edge!)).toBe((507).toString(36));
  });

  it('counts a fractional creation time in its whole second', () => {
    // 509 (fractional, 10:00:00.5) was listed with the others of 10:00:00; 507 of that second was cut off
    const edge = extendEdge(null, [post(512, '2026-11-30T10:00:01Z'), post(509, '2026-11-30T10:00:00.500Z'), post(505, '2026-11-30T10:00:00Z')]);
    expect(edge).toMatchObject({ time: at('2026-11-30T10:00:00Z'), minIdNewer: (512).toString(36), maxIdAtTime: (509).toString(36) });
    expect(walkFrom(edge!)).toBe((511).toString(36));
  });

  it('carries across pages', () => {
    const first = extendEdge(null, [post(700, '2026-11-30T10:00:05Z')]);
    expect(walkFrom(extendEdge(first, [post(650, '2026-11-30T10:00:03Z')])!)).toBe((699).toString(36));
  });
});

describe('planWalk', () => {
  const edgeOf = (...items: ReturnType<typeof post>[]) => extendEdge(null, items);
  const notReached = [
    { subreddit: 'a', edge: edgeOf(post(1001, '2026-11-30T11:00:01Z'), post(1000, '2026-11-30T11:00:00Z')) },
    { subreddit: 'b', edge: edgeOf(post(1201, '2026-11-30T11:10:01Z'), post(1200, '2026-11-30T11:10:00Z')) },
  ];

  it('starts at the highest walk start of the subreddits whose re-polls did not reach the gap', () => {
    expect(planWalk({ notReached, gapStart, maxWalkMs: 6 * 3_600_000 })).toEqual({ cursor: (1200).toString(36) });
  });

  it('refuses a walk longer than REDDIT_HEAL_MAX_HOURS, saying how long and where it goes instead', () => {
    const plan = planWalk({ notReached, gapStart, maxWalkMs: 3_600_000 });
    expect(plan).toEqual({ unhealable: expect.stringContaining('an id walk would span 1.2 h') });
    expect(plan).toEqual({ unhealable: expect.stringContaining('REDDIT_HEAL_MAX_HOURS=1: left for the archive importer') });
  });

  it('cannot walk without a post to start from', () => {
    expect(planWalk({ notReached: [{ subreddit: 'a', edge: null }], gapStart, maxWalkMs: 3_600_000 })).toEqual({ unhealable: expect.any(String) });
  });
});

describe('walkChunk', () => {
  it('gives 100 ids down from the cursor, highest first, and the cursor below them', () => {
    const { ids, next } = walkChunk('zz');
    expect(ids).toHaveLength(100);
    expect(ids[0]).toBe('zz');
    expect(ids[99]).toBe((parseInt('zz', 36) - 99).toString(36));
    expect(next).toBe((parseInt('zz', 36) - 100).toString(36));
  });

  it('ends at id 0', () => {
    expect(walkChunk('2')).toEqual({ ids: ['2', '1', '0'], next: null });
  });

  it('refuses a cursor that is not base36', () => {
    expect(() => walkChunk('t3_x')).toThrow(RangeError);
  });
});

describe('walkPassedGap', () => {
  it('is true only for a chunk whose posts all predate the gap', () => {
    expect(walkPassedGap([post(1, '2026-11-30T09:00:00Z'), post(2, '2026-11-30T09:59:59Z')], gapStart)).toBe(true);
    expect(walkPassedGap([post(1, '2026-11-30T09:00:00Z'), post(2, '2026-11-30T10:00:00Z')], gapStart)).toBe(false);
    expect(walkPassedGap([], gapStart)).toBe(false);
  });
});

describe('healRange and inGap', () => {
  const gap = { gapStart, gapEnd: at('2026-11-30T11:00:00Z') };
  const subreddits = new Set(['news']);

  it('covers the gap from a little before its start: a post can be listed after later ones', () => {
    expect(healRange(gap)).toEqual({ from: new Date(gapStart.getTime() - LATE_LISTING_MS), to: gap.gapEnd });
  });

  it('keeps the posts of the gap subreddits created within the range, whatever the case of the name', () => {
    const range = healRange(gap);
    expect(inGap({ subreddit: 'News', createdUtc: at('2026-11-30T10:30:00Z') }, range, subreddits)).toBe(true);
    expect(inGap({ subreddit: 'news', createdUtc: gap.gapEnd }, range, subreddits)).toBe(true);
    expect(inGap({ subreddit: 'news', createdUtc: at('2026-11-30T09:59:00Z') }, range, subreddits)).toBe(true);
    expect(inGap({ subreddit: 'other', createdUtc: at('2026-11-30T10:30:00Z') }, range, subreddits)).toBe(false);
    expect(inGap({ subreddit: 'news', createdUtc: at('2026-11-30T11:00:01Z') }, range, subreddits)).toBe(false);
    expect(inGap({ subreddit: 'news', createdUtc: at('2026-11-30T09:50:00Z') }, range, subreddits)).toBe(false);
  });
});

describe('heal progress checkpoints', () => {
  it('round-trips walk progress and the reason a gap cannot be healed, with no stream position', () => {
    const walk: HealProgress = { stage: 'walk', cursor: 'abc', before: 10, walkedIds: 300, absent: 4, emptyChunks: 0 };
    const unhealable: HealProgress = { stage: 'unhealable', reason: 'too long' };
    for (const progress of [walk, unhealable]) {
      const checkpoint = progressCheckpoint('reddit', '7', progress);
      expect(checkpoint).toMatchObject({ stream: 'heal:7', newestCreatedUtc: null, newestId: null });
      expect(progressFromCheckpoint(checkpoint)).toEqual(progress);
    }
  });

  it('ignores a state it does not recognise', () => {
    const base = { source: 'reddit', stream: 'heal:7', newestCreatedUtc: null, newestId: null };
    expect(progressFromCheckpoint(null)).toBeNull();
    expect(progressFromCheckpoint({ ...base, state: { stage: 'walk', cursor: 'T3_X' } })).toBeNull();
  });
});

describe('healRequestsPerRound', () => {
  it('is the budget share over one round, at least one when healing is on', () => {
    expect(healRequestsPerRound(100, 30, 15_000)).toBe(7);
    expect(healRequestsPerRound(100, 100, 60_000)).toBe(100);
    expect(healRequestsPerRound(1, 1, 15_000)).toBe(1);
    expect(healRequestsPerRound(100, 0)).toBe(0);
  });
});
