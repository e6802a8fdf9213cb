import { compareNewestFirst, pageListing, parseListingQuery, type ListingQuery } from './listing';

// newest first: j is the newest, a the oldest
const WINDOW = ['j', 'i', 'h', 'g', 'f', 'e', 'd', 'c', 'b', 'a'];
const page = (query: Partial<ListingQuery>) => pageListing(WINDOW, (x) => x, { limit: 3, after: null, before: null, count: 0, ...query });

describe('pageListing', () => {
  it('starts at the newest and points after at the last item of a full page', () => {
    expect(page({})).toEqual({ items: ['j', 'i', 'h'], after: 'h', before: null });
  });

  it('continues older from after, and leaves after null on a short last page', () => {
    expect(page({ after: 'h' }).items).toEqual(['g', 'f', 'e']);
    expect(page({ after: 'c' })).toEqual({ items: ['b', 'a'], after: null, before: null });
  });

  it('still points after at the last item when the last page is exactly full, then gives an empty page', () => {
    expect(page({ after: 'd' })).toEqual({ items: ['c', 'b', 'a'], after: 'a', before: null });
    expect(page({ after: 'a' })).toEqual({ items: [], after: null, before: null });
  });

  it('gives the items just newer than before, newest first', () => {
    expect(page({ before: 'e' }).items).toEqual(['h', 'g', 'f']);
    expect(page({ before: 'i' }).items).toEqual(['j']);
    expect(page({ before: 'j' }).items).toEqual([]);
  });

  it('prefers before when both anchors are given', () => {
    expect(page({ before: 'e', after: 'e' }).items).toEqual(['h', 'g', 'f']);
  });

  it('answers an empty page to an anchor outside the window', () => {
    expect(page({ after: 'zz' })).toEqual({ items: [], after: null, before: null });
    expect(page({ before: 'zz' })).toEqual({ items: [], after: null, before: null });
  });

  it('fills before only when the client sends count, like Reddit', () => {
    expect(page({ after: 'h', count: 3 }).before).toBe('g');
    expect(page({ before: 'c', count: 10 })).toEqual({ items: ['f', 'e', 'd'], after: 'd', before: 'f' });
    expect(page({ before: 'c' })).toEqual({ items: ['f', 'e', 'd'], after: null, before: null });
  });
});

describe('parseListingQuery', () => {
  it('defaults limit to 25, clamps it to 1..100 and ignores junk', () => {
    expect(parseListingQuery(new URLSearchParams('')).limit).toBe(25);
    expect(parseListingQuery(new URLSearchParams('limit=1000')).limit).toBe(100);
    expect(parseListingQuery(new URLSearchParams('limit=0')).limit).toBe(1);
    expect(parseListingQuery(new URLSearchParams('limit=many&count=-4'))).toEqual({ limit: 25, after: null, before: null, count: 0 });
  });

  it('reads after, before and count', () => {
    expect(parseListingQuery(new URLSearchParams('after=t3_a&before=t3_b&count=50'))).toEqual({ limit: 25, after: 't3_a', before: 't3_b', count: 50 });
  });
});

describe('compareNewestFirst', () => {
  it('sorts by created_utc descending, then by tie key, not by id', () => {
    const posts = [
      { id: 'a', createdUtc: 100, tieKey: 9 },
      { id: 'b', createdUtc: 100, tieKey: 1 },
      { id: 'c', createdUtc: 101, tieKey: 5 },
    ];
    expect([...posts].sort(compareNewestFirst).map((p) => p.id)).toEqual(['c', 'a', 'b']);
  });
});
