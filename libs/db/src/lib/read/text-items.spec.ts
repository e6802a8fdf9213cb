import {
  positionOf,
  TEXT_ITEMS_OVERLAP_MS,
  TEXT_ITEMS_START,
  TextItemsReadState,
  textItemsPageQuery,
} from './text-items';

const row = (id: string, at: string, source = 'reddit') => ({ source, id, cursor_first_seen_at: at });

describe('textItemsPageQuery', () => {
  it('asks for the items after a position in cursor order, a page at a time', () => {
    const { text, values } = textItemsPageQuery({ firstSeenAt: '2026-11-29T09:00:00.123456Z', source: 'reddit', id: 'abc' }, 2);
    expect(text).toMatch(/where \("first_seen_at", "source", "id"\) > \(\$1::timestamptz, \$2::text, \$3::text\)/);
    expect(text).toMatch(/order by "first_seen_at", "source", "id"\s+limit \$4$/);
    expect(values).toEqual(['2026-11-29T09:00:00.123456Z', 'reddit', 'abc', 2]);
  });

  it('starts before every item, and continues after the last row of a page', () => {
    expect(textItemsPageQuery(TEXT_ITEMS_START, 1000).values).toEqual(['-infinity', '', '', 1000]);
    expect(positionOf(row('k1', '2026-11-29T09:00:00.000001Z'))).toEqual({ firstSeenAt: '2026-11-29T09:00:00.000001Z', source: 'reddit', id: 'k1' });
  });

  it('refuses a page size that is not a positive integer', () => {
    expect(() => textItemsPageQuery(TEXT_ITEMS_START, 0)).toThrow(RangeError);
    expect(() => textItemsPageQuery(TEXT_ITEMS_START, 2.5)).toThrow(RangeError);
  });
});

describe('TextItemsReadState', () => {
  it('starts at the beginning, then each poll the overlap before the newest item read', () => {
    const state = new TextItemsReadState();
    expect(state.pollStart()).toEqual(TEXT_ITEMS_START);
    state.accept([row('a', '2026-11-29T09:10:00.123456Z'), row('b', '2026-11-29T09:00:00.000000Z')]);
    expect(state.newestFirstSeenAt).toBe('2026-11-29T09:10:00.123456Z');
    expect(TEXT_ITEMS_OVERLAP_MS).toBe(300_000);
    // milliseconds kept, microseconds dropped: the window starts a little earlier, never later
    expect(state.pollStart()).toEqual({ firstSeenAt: '2026-11-29T09:05:00.123000Z', source: '', id: '' });
  });

  it('passes an item read again in the overlap window only once, per source and id', () => {
    const state = new TextItemsReadState();
    expect(state.accept([row('a', '2026-11-29T09:00:00.000000Z'), row('b', '2026-11-29T09:01:00.000000Z')])).toHaveLength(2);
    const again = state.accept([
      row('a', '2026-11-29T09:00:00.000000Z'),
      row('a', '2026-11-29T09:00:00.000000Z', 'hackernews'),
      row('late', '2026-11-29T09:00:30.000000Z'),
      row('b', '2026-11-29T09:01:00.000000Z'),
    ]);
    expect(again.map((r) => `${r.source}/${r.id}`)).toEqual(['hackernews/a', 'reddit/late']);
  });

  it('forgets items older than the window, so its memory stays bounded', () => {
    const state = new TextItemsReadState({ overlapMs: 60_000 });
    state.accept([row('old', '2026-11-29T09:00:00.000000Z')]);
    state.accept([row('new', '2026-11-29T09:10:00.000000Z')]);
    // a poll never reads 'old' again (it starts at 09:09); were it shown anyway, it would pass
    expect(state.pollStart().firstSeenAt).toBe('2026-11-29T09:09:00.000000Z');
    expect(state.accept([row('old', '2026-11-29T09:00:00.000000Z'), row('new', '2026-11-29T09:10:00.000000Z')]).map((r) => r.id)).toEqual(['old']);
  });

  it('resumes after a restart from the newest time it was given', () => {
    const state = new TextItemsReadState({ newestFirstSeenAt: '2026-11-29T09:10:00.000000Z' });
    expect(state.pollStart().firstSeenAt).toBe('2026-11-29T09:05:00.000000Z');
  });
});
