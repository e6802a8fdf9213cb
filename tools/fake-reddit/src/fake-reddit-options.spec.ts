import { FakeRedditConfigError } from './errors';
import { resolveOptions } from './fake-reddit-options';

describe('resolveOptions', () => {
  it('applies Reddit-like defaults', () => {
    const options = resolveOptions({ subreddits: [{ name: 'news', postsPerMinute: 1 }], clock: { now: () => 5_000 } });
    expect(options).toMatchObject({
      seed: 42,
      listingLimit: 1000,
      rateLimit: { budget: 1000, windowSeconds: 600 },
      tokenExpiresInSeconds: 3600,
      clients: [{ clientId: 'fake-client', clientSecret: 'fake-secret' }],
      startAt: 5_000,
      hideRemovedFromListings: false,
    });
    expect(Object.isFrozen(options)).toBe(true);
  });

  it('fills a partial rate limit and keeps false as no limit', () => {
    const subreddits = [{ name: 'news', postsPerMinute: 1 }];
    expect(resolveOptions({ subreddits, rateLimit: { budget: 10 } }).rateLimit).toEqual({ budget: 10, windowSeconds: 600 });
    expect(resolveOptions({ subreddits, rateLimit: false }).rateLimit).toBe(false);
  });

  it('reports every problem at once', () => {
    const resolve = () =>
      resolveOptions({
        subreddits: [
          { name: 'news', postsPerMinute: -1 },
          { name: 'NEWS', postsPerMinute: 1 },
          { name: 'bad name', postsPerMinute: 1 },
        ],
        listingLimit: 0,
        rateLimit: { budget: 0, windowSeconds: 600 },
        clients: [],
      });
    expect(resolve).toThrow(FakeRedditConfigError);
    expect(resolve).toThrow(/postsPerMinute of "news"[\s\S]*"NEWS" is listed twice[\s\S]*"bad name" must be[\s\S]*listingLimit[\s\S]*rateLimit.budget[\s\S]*clients must hold/);
  });
});
