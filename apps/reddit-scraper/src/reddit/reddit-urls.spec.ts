import { RedditBadRequestError } from './errors';
import { chunk, infoUrl, listingUrl } from './reddit-urls';

const API = 'https://oauth.reddit.com';

describe('listingUrl', () => {
  it('joins subreddits with + and asks for 100 raw_json items by default', () => {
    expect(listingUrl(API, ['news', 'worldnews'], {})).toBe('https://oauth.reddit.com/r/news+worldnews/new?limit=100&raw_json=1');
  });

  it('passes limit, after and before', () => {
    expect(listingUrl(`${API}/`, ['news'], { limit: 25, after: 't3_abc', before: 't3_xyz' })).toBe(
      'https://oauth.reddit.com/r/news/new?limit=25&after=t3_abc&before=t3_xyz&raw_json=1',
    );
  });

  it('caps limit at 100 and raises it to at least 1', () => {
    expect(listingUrl(API, ['news'], { limit: 500 })).toContain('limit=100&');
    expect(listingUrl(API, ['news'], { limit: 0 })).toContain('limit=1&');
  });

  it('refuses subreddit names that would change the URL, before any request', () => {
    expect(() => listingUrl(API, ['news/../api'], {})).toThrow(RedditBadRequestError);
    expect(() => listingUrl(API, ['news?x=1'], {})).toThrow(/invalid subreddit names: "news\?x=1"/);
    expect(() => listingUrl(API, [], {})).toThrow(/no subreddits/);
  });

  it('refuses a cursor that is not a fullname', () => {
    expect(() => listingUrl(API, ['news'], { after: 'abc&limit=5' })).toThrow(/invalid fullname/);
  });
});

describe('infoUrl', () => {
  it('lists the fullnames comma-separated with raw_json=1', () => {
    expect(infoUrl(API, ['t3_a', 't3_b'])).toBe('https://oauth.reddit.com/api/info?id=t3_a,t3_b&raw_json=1');
  });

  it('takes between 1 and 100 fullnames', () => {
    expect(() => infoUrl(API, [])).toThrow(RedditBadRequestError);
    expect(() => infoUrl(API, Array.from({ length: 101 }, (_, i) => `t3_${i}`))).toThrow(/got 101/);
  });
});

describe('chunk', () => {
  it('splits 150 items into 100 + 50, in order', () => {
    const items = Array.from({ length: 150 }, (_, i) => i);
    const chunks = chunk(items, 100);
    expect(chunks.map((c) => c.length)).toEqual([100, 50]);
    expect(chunks.flat()).toEqual(items);
  });
});
