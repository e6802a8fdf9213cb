import { advancePosition, compareBase36, decideAfterPage, gapFor, historyGapFor, LISTING_DEPTH, MAX_PAGES, trustedPosition } from './page-walk';

const at = (iso: string) => new Date(iso);
/** An item with a base36 id from its number (ids grow with time on Reddit) and a claimed time. */
const item = (n: number, iso: string) => ({ id: (1_000_000 + n).toString(36), createdUtc: at(iso) });
const checkpoint = item(100, '2026-11-29T10:00:00Z');
const position = { newestCreatedUtc: checkpoint.createdUtc, newestId: checkpoint.id };
const walk = (page: { items: ReturnType<typeof item>[]; after: string | null }, pagesRead = 1, itemsRead = 100) =>
  decideAfterPage({ position, page, pagesRead, itemsRead });

describe('decideAfterPage', () => {
  it('pages further back while every item is newer than the checkpoint', () => {
    expect(walk({ items: [item(103, '2026-11-29T10:05:00Z'), item(102, '2026-11-29T10:01:00Z')], after: 't3_2' })).toEqual({ kind: 'next', after: 't3_2' });
  });

  it('stops at the page that reaches the checkpoint (the overlap)', () => {
    expect(walk({ items: [item(103, '2026-11-29T10:05:00Z'), item(99, '2026-11-29T09:59:00Z')], after: 't3_1' })).toEqual({ kind: 'overlap' });
  });

  it('recognises the checkpoint item itself', () => {
    expect(walk({ items: [checkpoint], after: 't3_x' }).kind).toBe('overlap');
  });

  it('does not stop at an item that claims an old time but has a newer id (a bad timestamp cannot hide a burst)', () => {
    expect(walk({ items: [item(150, '2026-01-01T00:00:00Z')], after: 't3_more' }).kind).toBe('next');
  });

  it('does not stop at an item with an old id that claims a newer time (posted late)', () => {
    expect(walk({ items: [item(50, '2026-11-29T11:00:00Z')], after: 't3_more' }).kind).toBe('next');
  });

  it('stops by id alone when the checkpoint time is not trusted', () => {
    const byId = { newestCreatedUtc: null, newestId: checkpoint.id };
    const page = { items: [item(101, '2026-11-29T10:01:00Z'), item(100, '2026-11-29T10:00:00Z')], after: 't3_x' };
    expect(decideAfterPage({ position: byId, page, pagesRead: 1, itemsRead: 100 }).kind).toBe('overlap');
    const newer = { items: [item(105, '2026-11-29T10:05:00Z')], after: 't3_x' };
    expect(decideAfterPage({ position: byId, page: newer, pagesRead: 1, itemsRead: 100 }).kind).toBe('next');
  });

  it('reports the listing end when it comes before the checkpoint (a gap)', () => {
    expect(walk({ items: [item(103, '2026-11-29T10:05:00Z')], after: null }, 10, 1000)).toEqual({ kind: 'listing-end' });
  });

  it(`treats ${LISTING_DEPTH} items read without overlap as the listing end, however small the pages`, () => {
    const page = { items: [item(103, '2026-11-29T10:05:00Z')], after: 't3_more' };
    expect(walk(page, 10, LISTING_DEPTH)).toEqual({ kind: 'listing-end' });
    expect(walk(page, 40, 400).kind).toBe('next');
    expect(walk(page, MAX_PAGES, 400)).toEqual({ kind: 'listing-end' });
  });

  it('reads the whole listing on a stream without checkpoint, and says whether the listing ran out by itself', () => {
    const empty = { newestCreatedUtc: null, newestId: null };
    const page = { items: [item(3, '2026-11-29T10:05:00Z')], after: 't3_3' };
    expect(decideAfterPage({ position: empty, page, pagesRead: 1, itemsRead: 100 }).kind).toBe('next');
    expect(decideAfterPage({ position: empty, page: { ...page, after: null }, pagesRead: 2, itemsRead: 200 })).toEqual({ kind: 'first-run-end', exhausted: true });
    expect(decideAfterPage({ position: empty, page, pagesRead: 10, itemsRead: 1000 })).toEqual({ kind: 'first-run-end', exhausted: false });
    // capped at ~1000 before removed posts were left out: not everything there was
    expect(decideAfterPage({ position: empty, page: { ...page, after: null }, pagesRead: 10, itemsRead: 985 })).toEqual({ kind: 'first-run-end', exhausted: false });
  });
});

describe('advancePosition', () => {
  it('moves to the item with the highest id, with that item time', () => {
    const a = item(110, '2026-11-29T10:10:00Z');
    const b = item(111, '2026-11-29T10:10:00Z');
    expect(advancePosition(position, [b, a])).toEqual({ newestCreatedUtc: b.createdUtc, newestId: b.id });
  });

  it('never moves backwards', () => {
    expect(advancePosition(position, [item(1, '2026-11-29T09:00:00Z')])).toBe(position);
  });

  it('is not moved by an older item that claims a later time', () => {
    expect(advancePosition(position, [item(90, '2096-10-02T07:06:40Z')])).toBe(position);
  });

  it('replaces an untrusted (dropped) time once a newer item arrives', () => {
    const next = item(101, '2026-11-29T10:01:00Z');
    expect(advancePosition({ newestCreatedUtc: null, newestId: checkpoint.id }, [next])).toEqual({ newestCreatedUtc: next.createdUtc, newestId: next.id });
  });
});

describe('trustedPosition', () => {
  it('keeps a checkpoint whose time is not after the trusted bound', () => {
    expect(trustedPosition(position, at('2026-11-30T00:00:00Z'))).toEqual({ position, distrusted: false });
  });

  it('drops a time in the future and keeps the id', () => {
    const future = { newestCreatedUtc: at('2096-10-02T07:06:40Z'), newestId: checkpoint.id };
    expect(trustedPosition(future, at('2026-11-30T00:00:00Z'))).toEqual({ position: { newestCreatedUtc: null, newestId: checkpoint.id }, distrusted: true });
  });
});

describe('compareBase36', () => {
  it('orders ids numerically', () => {
    expect(compareBase36('zz', '100')).toBeLessThan(0);
    expect(compareBase36('abc', 'abd')).toBeLessThan(0);
    expect(compareBase36('abc', 'abc')).toBe(0);
  });
});

describe('gapFor', () => {
  it('spans from the checkpoint to the oldest item read', () => {
    const gap = gapFor({ source: 'reddit', stream: 's', position, items: [item(105, '2026-11-29T11:00:00Z'), item(104, '2026-11-29T10:30:00Z')] });
    expect(gap).toMatchObject({ gapStart: position.newestCreatedUtc, gapEnd: at('2026-11-29T10:30:00Z') });
  });

  it('is none when nothing was read, or when the checkpoint time is unknown', () => {
    expect(gapFor({ source: 'reddit', stream: 's', position, items: [] })).toBeNull();
    expect(gapFor({ source: 'reddit', stream: 's', position: { newestCreatedUtc: null, newestId: 'x' }, items: [item(1, '2026-11-29T11:00:00Z')] })).toBeNull();
  });
});

describe('historyGapFor (REDDIT_HISTORY_SINCE)', () => {
  const since = new Date('2026-11-29T07:00:00Z');
  const items = [item(105, '2026-11-29T11:00:00Z'), item(104, '2026-11-29T09:30:00Z')];
  const base = { source: 'reddit', stream: 'new:a+b', since, items, itemsName: 'submissions' as const };

  it('opens a gap from the history start to the oldest listed item when the listing ended at its depth', () => {
    const gap = historyGapFor({ ...base, exhausted: false });
    expect(gap).toMatchObject({ source: 'reddit', stream: 'new:a+b', gapStart: since, gapEnd: new Date('2026-11-29T09:30:00Z') });
    expect(gap?.reason).toContain('REDDIT_HISTORY_SINCE');
  });

  it('opens none when the listing ran out by itself, reached back far enough, or held nothing', () => {
    expect(historyGapFor({ ...base, exhausted: true })).toBeNull();
    expect(historyGapFor({ ...base, exhausted: false, items: [...items, item(100, '2026-11-29T06:59:00Z')] })).toBeNull();
    expect(historyGapFor({ ...base, exhausted: false, items: [] })).toBeNull();
  });
});
