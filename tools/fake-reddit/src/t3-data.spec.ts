import type { GeneratedPost } from './post-generator';
import { postStateAt } from './post-state';
import { drawPostTraits, type PostTraits } from './post-traits';
import { mulberry32 } from './prng';
import { escapeHtml, toLegacyJson, toT3Data } from './t3-data';

const CREATED = Date.UTC(2024, 0, 1);
const traits = drawPostTraits(mulberry32(8), '1abcdef');

function post(overrides: Partial<PostTraits> = {}): GeneratedPost {
  const full: PostTraits = { ...traits, editAfterSeconds: null, deleteAfterSeconds: null, removeAfterSeconds: null, ...overrides };
  return { id: '1abcdef', idNumber: 1, subreddit: 'AskReddit', createdMs: CREATED, createdUtc: CREATED / 1000, tieKey: 1, traits: full };
}

const dataOf = (p: GeneratedPost, ageSeconds = 60) => toT3Data(p, postStateAt(p, p.createdMs + ageSeconds * 1000));

describe('toT3Data', () => {
  it('sends the t3 fields the scraper reads among more than 100 keys', () => {
    const data = dataOf(post({ isSelf: true, link: null, selftext: 'hello' }));
    expect(Object.keys(data).length).toBeGreaterThan(100);
    expect(data).toMatchObject({
      id: '1abcdef',
      name: 't3_1abcdef',
      subreddit: 'AskReddit',
      subreddit_id: expect.stringMatching(/^t5_[0-9a-z]+$/),
      subreddit_name_prefixed: 'r/AskReddit',
      author_fullname: expect.stringMatching(/^t2_/),
      created_utc: CREATED / 1000,
      created: CREATED / 1000,
      is_self: true,
      domain: 'self.AskReddit',
      permalink: expect.stringMatching(/^\/r\/AskReddit\/comments\/1abcdef\/[a-z0-9_]+\/$/),
      url: expect.stringMatching(/^https:\/\/www\.reddit\.com\/r\/AskReddit\/comments\/1abcdef\//),
      edited: false,
      removed_by_category: null,
      thumbnail: 'self',
    });
    for (const key of ['score', 'ups', 'upvote_ratio', 'num_comments']) expect(typeof data[key]).toBe('number');
    for (const key of ['over_18', 'spoiler', 'stickied', 'locked']) expect(typeof data[key]).toBe('boolean');
    expect(data).toHaveProperty('link_flair_text');
    expect(data).toHaveProperty('distinguished');
  });

  it('sends a link post with is_self false, an empty selftext and the external url and domain', () => {
    const data = dataOf(post({ isSelf: false, selftext: '', link: { url: 'https://example-news.com/a?x=1&y=2', domain: 'example-news.com' } }));
    expect(data).toMatchObject({ is_self: false, selftext: '', selftext_html: null, url: 'https://example-news.com/a?x=1&y=2', domain: 'example-news.com' });
  });

  it('drops the author_fullname key for a deleted author', () => {
    const data = dataOf(post({ deleteAfterSeconds: 10 }), 60);
    expect(data['author']).toBe('[deleted]');
    expect(data).not.toHaveProperty('author_fullname');
    expect(data['removed_by_category']).toBe('deleted');
  });
});

describe('toLegacyJson (no raw_json=1)', () => {
  it('escapes & < > in every string, nested ones included, and leaves other values alone', () => {
    const escaped = toLegacyJson({ title: 'Q&A <3 > x', list: ['a&b'], nested: { url: 'https://x?a=1&b=2' }, score: 3, edited: false, flair: null });
    expect(escaped).toEqual({ title: 'Q&amp;A &lt;3 &gt; x', list: ['a&amp;b'], nested: { url: 'https://x?a=1&amp;b=2' }, score: 3, edited: false, flair: null });
  });

  it('escapes an existing entity again, as Reddit does', () => {
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });
});
