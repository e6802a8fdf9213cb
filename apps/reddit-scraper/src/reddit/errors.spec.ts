import { RETRYABLE_STATUSES } from '@sentiment-ingest/scraper-kit';
import {
  errorForResponse,
  RedditAuthError,
  RedditBadRequestError,
  RedditError,
  RedditNetworkError,
  RedditRateLimitedError,
  RedditServerError,
  RedditSubredditUnavailableError,
  STATUS_ERRORS,
} from './errors';

describe('errorForResponse', () => {
  const table: Array<[number, new (...args: never[]) => RedditError]> = [
    [301, RedditSubredditUnavailableError],
    [302, RedditSubredditUnavailableError],
    [400, RedditBadRequestError],
    [401, RedditAuthError],
    [403, RedditSubredditUnavailableError],
    [404, RedditSubredditUnavailableError],
    [409, RedditBadRequestError],
    [414, RedditBadRequestError],
    [429, RedditRateLimitedError],
    [500, RedditServerError],
    [501, RedditServerError],
    [522, RedditServerError],
  ];
  it.each(table.map(([status, Class]) => [status, Class.name, Class] as const))('maps HTTP %i on a listing to %s', (status, _name, Class) => {
    expect(errorForResponse({ endpoint: 'listing', status, subreddits: ['a'] })).toBeInstanceOf(Class);
  });

  it('maps every retryable status to RedditServerError', () => {
    for (const status of RETRYABLE_STATUSES) expect(STATUS_ERRORS.get(status)).toBe(RedditServerError);
  });

  it('names the subreddits and the reason of an unavailable listing', () => {
    const error = errorForResponse({ endpoint: 'listing', status: 403, subreddits: ['a', 'b'], reason: 'private' });
    expect(error).toMatchObject({ code: 'REDDIT_SUBREDDIT_UNAVAILABLE', subreddits: ['a', 'b'], reason: 'private', status: 403 });
    expect(error.message).toBe('r/a+b is unavailable (private, HTTP 403); skip it and retry later');
  });

  it.each([
    [403, 'forbidden'],
    [404, 'not_found'],
    [302, 'redirect'],
  ])('gives HTTP %i without a reason in the body the reason %s', (status, reason) => {
    expect(errorForResponse({ endpoint: 'listing', status, subreddits: ['a'] })).toMatchObject({ reason });
  });

  it('treats 403/404 outside a listing as a bad request, not a missing subreddit', () => {
    expect(errorForResponse({ endpoint: 'info', status: 404 })).toBeInstanceOf(RedditBadRequestError);
  });

  it('treats every 4xx refusal of the token endpoint as rejected credentials', () => {
    for (const status of [400, 401, 403, 404]) {
      expect(errorForResponse({ endpoint: 'token', status })).toBeInstanceOf(RedditAuthError);
    }
    expect(errorForResponse({ endpoint: 'token', status: 503 })).toBeInstanceOf(RedditServerError);
  });

  it('carries how long a 429 asked us to wait', () => {
    const error = errorForResponse({ endpoint: 'listing', status: 429, retryAfterMs: 7000 });
    expect(error).toMatchObject({ code: 'REDDIT_RATE_LIMITED', retryAfterMs: 7000 });
    expect(error.message).toContain('wait 7000 ms');
  });
});

describe('RedditError', () => {
  it('keeps a stable code, its class name and the cause', () => {
    const cause = new TypeError('fetch failed');
    const error = new RedditNetworkError({ endpoint: 'info', timedOut: false }, { cause });
    expect(error).toBeInstanceOf(RedditError);
    expect(error).toMatchObject({ code: 'REDDIT_NETWORK', name: 'RedditNetworkError', cause, timedOut: false });
  });
});
