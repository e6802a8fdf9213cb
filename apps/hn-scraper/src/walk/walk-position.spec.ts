import { checkpointOf, HN_WALK_STREAM, liveAbsentIds, MAX_ABSENT_IDS, positionOf } from './walk-position';

describe('the walk position in its checkpoint row', () => {
  it('round-trips the frontier, the newest time and the absent ids', () => {
    const position = { frontier: 42_000_123, newestCreatedAt: new Date('2026-11-30T08:00:00Z'), absent: [{ id: 42_000_200, expiresAt: 2_000, checkedAt: 1_000 }] };
    const checkpoint = checkpointOf('hn', position);
    expect(checkpoint).toEqual({
      source: 'hn',
      stream: HN_WALK_STREAM,
      newestId: '42000123',
      newestCreatedUtc: position.newestCreatedAt,
      state: { absent: [[42_000_200, 2_000, 1_000]] },
    });
    expect(positionOf(JSON.parse(JSON.stringify(checkpoint)) as typeof checkpoint)).toEqual({ ...position, newestCreatedAt: position.newestCreatedAt.toISOString() });
  });

  it('is no position without a checkpoint or with a newest id that is not a number', () => {
    expect(positionOf(null)).toBeNull();
    expect(positionOf({ source: 'hn', stream: 'items', newestId: null, newestCreatedUtc: null, state: {} })).toBeNull();
    expect(positionOf({ source: 'hn', stream: 'items', newestId: 'abc', newestCreatedUtc: null, state: {} })).toBeNull();
  });

  it('skips absent entries it cannot read instead of failing the walk', () => {
    const position = positionOf({ source: 'hn', stream: 'items', newestId: '10', newestCreatedUtc: null, state: { absent: [[11, 5, 4], 'x', [1, 2], [12, 5.5, 4]] } });
    expect(position?.absent).toEqual([{ id: 11, expiresAt: 5, checkedAt: 4 }]);
  });
});

describe('liveAbsentIds', () => {
  it('drops expired ids and keeps at most the newest MAX_ABSENT_IDS, in id order', () => {
    const absent = [
      { id: 5, expiresAt: 100, checkedAt: 0 },
      { id: 3, expiresAt: 300, checkedAt: 0 },
      { id: 4, expiresAt: 99, checkedAt: 0 },
    ];
    expect(liveAbsentIds(absent, 99).map((a) => a.id)).toEqual([3, 5]);
    const many = Array.from({ length: MAX_ABSENT_IDS + 5 }, (_, i) => ({ id: i + 1, expiresAt: 1_000, checkedAt: 0 }));
    const live = liveAbsentIds(many, 0);
    expect(live).toHaveLength(MAX_ABSENT_IDS);
    expect(live[0]?.id).toBe(6);
  });
});
