import { InvalidJsonError, JsonClient, RateCap, type FetchLike } from '@sentiment-ingest/scraper-kit';
import { FakeClock } from '@sentiment-ingest/scraper-kit/testing';
import { HttpHnApi } from './hn-api';
import { endpointOf } from './hn-metrics';

function apiAnswering(bodies: Record<string, string>) {
  const clock = new FakeClock({ autoAdvance: true });
  const urls: string[] = [];
  const fetch: FetchLike = async (url) => {
    urls.push(url);
    const body = bodies[url.replace('https://hn.test/v0', '')];
    return new Response(body ?? 'null', { status: body === undefined ? 404 : 200, headers: { 'content-type': 'application/json' } });
  };
  const client = new JsonClient({ fetch, clock, timeoutMs: 1_000, maxRetries: 0 });
  return { api: new HttpHnApi({ baseUrl: 'https://hn.test/v0', client, cap: new RateCap({ perSecond: 100, clock }) }), urls };
}

const signal = new AbortController().signal;

describe('HttpHnApi', () => {
  it('reads maxitem, an item (null included) and the updated ids from their documented paths', async () => {
    const { api, urls } = apiAnswering({ '/maxitem.json': '42', '/item/7.json': '{"id":7,"type":"story"}', '/item/8.json': 'null', '/updates.json': '{"items":[7,8,"x",-1],"profiles":["pg"]}' });
    await expect(api.maxItem(signal)).resolves.toBe(42);
    await expect(api.item(7, signal)).resolves.toEqual({ id: 7, type: 'story' });
    await expect(api.item(8, signal)).resolves.toBeNull();
    await expect(api.updates(signal)).resolves.toEqual({ items: [7, 8] });
    expect(urls).toEqual(['https://hn.test/v0/maxitem.json', 'https://hn.test/v0/item/7.json', 'https://hn.test/v0/item/8.json', 'https://hn.test/v0/updates.json']);
  });

  it('refuses a maxitem or updates answer of the wrong shape', async () => {
    const { api } = apiAnswering({ '/maxitem.json': '"soon"', '/updates.json': '{"profiles":[]}' });
    await expect(api.maxItem(signal)).rejects.toBeInstanceOf(InvalidJsonError);
    await expect(api.updates(signal)).rejects.toBeInstanceOf(InvalidJsonError);
  });
});

describe('endpointOf', () => {
  it('names the endpoint of a URL with a bounded set of labels', () => {
    expect(endpointOf('https://hacker-news.firebaseio.com/v0/item/42000000.json')).toBe('item');
    expect(endpointOf('http://127.0.0.1:9/v0/maxitem.json')).toBe('maxitem');
    expect(endpointOf('http://127.0.0.1:9/v0/updates.json?print=pretty')).toBe('updates');
    expect(endpointOf('http://127.0.0.1:9/v0/user/pg.json')).toBe('user');
    expect(endpointOf('http://127.0.0.1:9/')).toBe('other');
  });
});
