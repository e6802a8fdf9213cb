import { mulberry32 } from './prng';
import { makeSelftext, makeTitle, MAX_SELFTEXT_LENGTH, MAX_TITLE_LENGTH, slugOf, truncate } from './text-corpus';

describe('text corpus', () => {
  const random = mulberry32(17);
  const titles = Array.from({ length: 3000 }, () => makeTitle(random));
  const bodies = Array.from({ length: 3000 }, () => makeSelftext(random));

  it('keeps titles within 300 UTF-16 units, some right at the limit', () => {
    expect(titles.every((title) => title.length > 0 && title.length <= MAX_TITLE_LENGTH)).toBe(true);
    expect(titles.some((title) => title.length >= MAX_TITLE_LENGTH - 1)).toBe(true);
  });

  it('includes the characters Reddit escapes, emoji and, rarely, a NUL', () => {
    expect(titles.some((title) => title.includes('&'))).toBe(true);
    expect(titles.some((title) => /[<>]/.test(title))).toBe(true);
    expect(titles.some((title) => /\p{Extended_Pictographic}/u.test(title))).toBe(true);
    expect(bodies.some((body) => body.includes('\u0000'))).toBe(true);
    expect(bodies.some((body) => body.length > 5000)).toBe(true);
    expect(bodies.every((body) => body.length <= MAX_SELFTEXT_LENGTH)).toBe(true);
  });

  it('never cuts an emoji in half when truncating', () => {
    expect(truncate('ab🚀', 3)).toBe('ab');
    expect(truncate('ab🚀', 4)).toBe('ab🚀');
  });

  it('builds permalink slugs of lowercase words', () => {
    expect(slugOf('Q&A: Why the Market <3 rates?')).toBe('q_a_why_the_market_3_rates');
    expect(slugOf('🚀🚀')).toBe('post');
  });
});
