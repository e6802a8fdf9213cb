import { resolveGapParams, toCheckpoint, toOpenGap, toRecentItem } from './scrape-state-rows';

describe('rows to state', () => {
  it('reads a checkpoint; a missing state is an empty object', () => {
    expect(toCheckpoint('reddit', 'new:a', { newest_created_utc: '2026-11-30 04:00:00+00', newest_id: 'abc', state: null })).toEqual({
      source: 'reddit',
      stream: 'new:a',
      newestCreatedUtc: new Date('2026-11-30T04:00:00Z'),
      newestId: 'abc',
      state: {},
    });
    expect(toCheckpoint('reddit', 'new:a', { newest_created_utc: null, newest_id: null, state: { pages: 2 } })).toMatchObject({
      newestCreatedUtc: null,
      state: { pages: 2 },
    });
  });

  it('reads an open gap with its id as text (a bigint) and its times as Dates', () => {
    const row = { id: '42', gap_start: new Date(1_000), gap_end: '1970-01-01 00:00:02+00', reason: 'listing end', detected_at: new Date(3_000) };
    expect(toOpenGap('reddit', 'new:a', row)).toEqual({
      id: '42',
      source: 'reddit',
      stream: 'new:a',
      gapStart: new Date(1_000),
      gapEnd: new Date(2_000),
      reason: 'listing end',
      detectedAt: new Date(3_000),
    });
  });

  it('reads a recent item', () => {
    expect(toRecentItem({ id: 'x1', time: '2026-11-30 04:00:00+00' })).toEqual({ id: 'x1', time: new Date('2026-11-30T04:00:00Z') });
  });
});

describe('resolveGapParams', () => {
  const gap = { id: '7', source: 'reddit', stream: 'new:a' };
  const at = new Date('2026-11-30T05:00:00Z');

  it('passes id, stream, time, how and how many in the order of RESOLVE_GAP_SQL', () => {
    expect(resolveGapParams(gap, { resolvedAt: at, resolution: 'backfilled', recoveredItems: 12 })).toEqual([
      '7', 'reddit', 'new:a', at, 'backfilled', 12, null,
    ]);
  });

  it('passes how many items were absent at the source when the resolution can tell', () => {
    expect(resolveGapParams(gap, { resolvedAt: at, resolution: 'id-walk', recoveredItems: 12, absentItems: 3 }).at(-1)).toBe(3);
    expect(() => resolveGapParams(gap, { resolvedAt: at, resolution: 'id-walk', recoveredItems: 1, absentItems: -2 })).toThrow(
      'absentItems must be a whole number from 0 to 2147483647, not -2',
    );
  });

  it('refuses, naming each problem, a resolution that says nothing or a count the column cannot hold', () => {
    expect(() => resolveGapParams({ ...gap, id: 'abc' }, { resolvedAt: new Date(Number.NaN), resolution: ' ', recoveredItems: -1 })).toThrow(
      'Cannot resolve gap abc of reddit/new:a: gap id "abc" is not an id of scrape_gaps (take it from openGaps); ' +
        'say how the gap was resolved (resolution, e.g. "backfilled"); ' +
        'recoveredItems must be a whole number from 0 to 2147483647, not -1; resolvedAt is an invalid date.',
    );
    expect(() => resolveGapParams(gap, { resolvedAt: at, resolution: 'backfilled', recoveredItems: 1.5 })).toThrow(RangeError);
    expect(() => resolveGapParams(gap, { resolvedAt: at, resolution: 'backfilled', recoveredItems: 2 ** 31 })).toThrow(RangeError);
  });
});
