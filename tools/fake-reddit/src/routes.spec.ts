import { routeOf, splitMulti } from './routes';
import { isGenericUserAgent } from './user-agent';

describe('routeOf', () => {
  it.each([
    ['GET', '/r/news/new', { endpoint: 'listing', subreddits: ['news'] }],
    ['GET', '/r/news+WorldNews/new.json', { endpoint: 'listing', subreddits: ['news', 'WorldNews'] }],
    ['GET', '/r/news/new/.json', { endpoint: 'listing', subreddits: ['news'] }],
    ['GET', '/r/news/new/', { endpoint: 'listing', subreddits: ['news'] }],
    ['GET', '/r/news+WorldNews/comments', { endpoint: 'comments', subreddits: ['news', 'WorldNews'] }],
    ['GET', '/r/news/comments.json', { endpoint: 'comments', subreddits: ['news'] }],
    ['GET', '/r/news/comments/abc123/', { endpoint: 'unknown' }],
    ['GET', '/api/info', { endpoint: 'info' }],
    ['GET', '/api/info.json', { endpoint: 'info' }],
    ['POST', '/api/v1/access_token', { endpoint: 'token' }],
    ['GET', '/subreddits/search.json', { endpoint: 'search' }],
    ['GET', '/api/v1/access_token', { endpoint: 'unknown' }],
    ['POST', '/r/news/new', { endpoint: 'unknown' }],
    ['GET', '/r/news/hot', { endpoint: 'unknown' }],
  ])('routes %s %s', (method, path, route) => {
    expect(routeOf(method, path)).toEqual(route);
  });

  it('splits a multi once per name, ignoring case and empty names', () => {
    expect(splitMulti('a+B++b+c%2Bd')).toEqual(['a', 'B', 'c', 'd']);
  });
});

describe('isGenericUserAgent', () => {
  it.each(['', 'node', 'undici', 'python-requests/2.31.0', 'curl/8.0', 'axios/1.6.0', 'Go-http-client/1.1'])('flags %p', (ua) => {
    expect(isGenericUserAgent(ua)).toBe(true);
  });

  it.each(['linux:sentiment-ingest:0.1.0 (by /u/someone)', 'gotham-bot/1.0 (by /u/x)', 'Mozilla/5.0 (X11; Linux x86_64)'])('accepts %p', (ua) => {
    expect(isGenericUserAgent(ua)).toBe(false);
  });

  it('flags a missing header', () => {
    expect(isGenericUserAgent(undefined)).toBe(true);
  });
});
