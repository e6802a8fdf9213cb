import { makeSubmission } from '@sentiment-ingest/db/testing';
import { advancePosition, compareBase36, decideAfterPage, gapFor, MAX_PAGES } from './page-walk';

const at = (iso: string) => new Date(iso);
const post = (index: number, iso: string) => makeSubmission(index, { createdUtc: at(iso) });
const position = { newestCreatedUtc: at('2026-11-29T10:00:00Z'), newestId: 'zzz' };

describe('decideAfterPage', () => {
  it('pages further back while every post is newer than the checkpoint', () => {
    const page = { submissions: [post(3, '2026-11-29T10:05:00Z'), post(2, '2026-11-29T10:01:00Z')], after: 't3_2' };
    expect(decideAfterPage({ position, page, pagesRead: 1 })).toEqual({ kind: 'next', after: 't3_2' });
  });

  it('stops at the page that reaches the checkpoint (the overlap)', () => {
    const page = { submissions: [post(3, '2026-11-29T10:05:00Z'), post(1, '2026-11-29T10:00:00Z')], after: 't3_1' };
    expect(decideAfterPage({ position, page, pagesRead: 1 })).toEqual({ kind: 'overlap' });
  });

  it('recognises the checkpoint post itself even when a newer post shares its second', () => {
    const stored = makeSubmission(7, { createdUtc: at('2026-11-29T10:00:00Z') });
    const page = { submissions: [stored], after: 't3_x' };
    expect(decideAfterPage({ position: { newestCreatedUtc: at('2026-11-29T09:00:00Z'), newestId: stored.id }, page, pagesRead: 1 }).kind).toBe('overlap');
  });

  it('reports the listing end when it comes before the checkpoint (a gap)', () => {
    const page = { submissions: [post(3, '2026-11-29T10:05:00Z')], after: null };
    expect(decideAfterPage({ position, page, pagesRead: 10 })).toEqual({ kind: 'listing-end' });
  });

  it(`treats ${MAX_PAGES} pages without overlap as the listing end`, () => {
    const page = { submissions: [post(3, '2026-11-29T10:05:00Z')], after: 't3_more' };
    expect(decideAfterPage({ position, page, pagesRead: MAX_PAGES })).toEqual({ kind: 'listing-end' });
  });

  it('reads the whole listing on a stream without checkpoint, and records no gap', () => {
    const empty = { newestCreatedUtc: null, newestId: null };
    const page = { submissions: [post(3, '2026-11-29T10:05:00Z')], after: 't3_3' };
    expect(decideAfterPage({ position: empty, page, pagesRead: 1 }).kind).toBe('next');
    expect(decideAfterPage({ position: empty, page: { ...page, after: null }, pagesRead: 2 }).kind).toBe('first-run-end');
  });
});

describe('advancePosition', () => {
  it('moves to the newest post, breaking ties of equal seconds by id', () => {
    const a = makeSubmission(10, { createdUtc: at('2026-11-29T10:10:00Z') });
    const b = makeSubmission(11, { createdUtc: at('2026-11-29T10:10:00Z') });
    expect(advancePosition(position, [b, a])).toEqual({ newestCreatedUtc: b.createdUtc, newestId: b.id });
  });

  it('never moves backwards', () => {
    expect(advancePosition(position, [post(1, '2026-11-29T09:00:00Z')])).toBe(position);
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
  it('spans from the checkpoint to the oldest post read', () => {
    const gap = gapFor({ source: 'reddit', stream: 's', position, submissions: [post(5, '2026-11-29T11:00:00Z'), post(4, '2026-11-29T10:30:00Z')] });
    expect(gap).toMatchObject({ gapStart: position.newestCreatedUtc, gapEnd: at('2026-11-29T10:30:00Z') });
  });

  it('is none when nothing was read', () => {
    expect(gapFor({ source: 'reddit', stream: 's', position, submissions: [] })).toBeNull();
  });
});
