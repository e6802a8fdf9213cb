import {
  RedditAuthError,
  RedditBadRequestError,
  RedditConfigError,
  RedditMalformedResponseError,
  RedditResponseTooLargeError,
  RedditSubredditUnavailableError,
} from './errors';
import { RedditClient } from './reddit-client';
import { clientHarness, T0, TEST_CREDENTIALS } from './testing/client-harness';
import { FakeClock } from '@sentiment-ingest/scraper-kit/testing';
import { json, listingBody, type SeenRequest } from './testing/fake-fetch';
import { USER_AGENT_EXAMPLE } from './user-agent';

describe('RedditClient.listNew', () => {
  it('GETs /r/a+b/new with limit, after and raw_json=1 and returns the raw children, cursors and body size', async () => {
    const body = listingBody(['c', 'b'], 't3_b');
    const { client, fake } = clientHarness({ api: [json(body)] });
    const listing = await client.listNew(['news', 'worldnews'], { after: 't3_x', limit: 50 });
    expect(fake.apiRequests[0]!.url).toBe('https://oauth.reddit.com/r/news+worldnews/new?limit=50&after=t3_x&raw_json=1');
    expect(listing).toEqual({
      items: [{ kind: 't3', data: { id: 'c', name: 't3_c' } }, { kind: 't3', data: { id: 'b', name: 't3_b' } }],
      after: 't3_b',
      before: null,
      bytes: JSON.stringify(body).length,
    });
  });

  it('asks again for half the items when a page is larger than maxResponseBytes, keeping the cursor', async () => {
    const big = (ids: string[]) => ({ kind: 'Listing', data: { after: `t3_${ids.at(-1)}`, children: ids.map((id) => ({ kind: 't3', data: { id, selftext: 'x'.repeat(4_000) } })) } });
    const answer = (request: SeenRequest) => {
      const limit = Number(new URL(request.url).searchParams.get('limit'));
      return json(big(Array.from({ length: limit }, (_, i) => `p${i}`)));
    };
    const { client, fake } = clientHarness({ api: [answer, answer, answer, answer] }, { maxResponseBytes: 120_000 });
    const listing = await client.listNew(['news'], { after: 't3_x', limit: 100 });
    expect(fake.apiRequests.map((r) => new URL(r.url).searchParams.get('limit'))).toEqual(['100', '50', '25']);
    expect(fake.apiRequests.every((r) => new URL(r.url).searchParams.get('after') === 't3_x')).toBe(true);
    expect(listing.items).toHaveLength(25);
    expect(listing.bytes).toBeLessThanOrEqual(120_000);
  });

  it('starts the next page from the size that fitted, and grows back to the requested size', async () => {
    const answer = (request: SeenRequest) => {
      const limit = Number(new URL(request.url).searchParams.get('limit'));
      const size = request.url.includes('after=t3_small') ? 10 : 4_000;
      const children = Array.from({ length: limit }, (_, i) => ({ kind: 't3', data: { id: `p${i}`, selftext: 'x'.repeat(size) } }));
      return json({ kind: 'Listing', data: { after: 't3_small', children } });
    };
    const { client, fake } = clientHarness({ api: Array.from({ length: 8 }, () => answer) }, { maxResponseBytes: 120_000 });
    await client.listNew(['news'], { limit: 100 });
    for (let page = 0; page < 3; page += 1) await client.listNew(['news'], { after: 't3_small', limit: 100 });
    expect(fake.apiRequests.map((r) => new URL(r.url).searchParams.get('limit'))).toEqual(['100', '50', '25', '50', '100', '100']);
  });

  it('gives up with RedditResponseTooLargeError when one item alone is larger than the limit', async () => {
    const huge = () => json({ kind: 'Listing', data: { after: null, children: [{ kind: 't3', data: { id: 'a', selftext: 'x'.repeat(50_000) } }] } });
    const { client, fake } = clientHarness({ api: Array.from({ length: 8 }, () => huge) }, { maxResponseBytes: 10_000 });
    await expect(client.listNew(['news'], { limit: 4 })).rejects.toBeInstanceOf(RedditResponseTooLargeError);
    expect(fake.apiRequests.map((r) => new URL(r.url).searchParams.get('limit'))).toEqual(['4', '2', '1']);
  });

  it('sends the bearer token and the validated User-Agent, and does not follow redirects', async () => {
    const { client, fake } = clientHarness({ api: [json(listingBody([]))] });
    await client.listNew(['news']);
    const request = fake.apiRequests[0]!;
    expect(request.headers.get('authorization')).toBe('bearer token-1');
    expect(request.headers.get('user-agent')).toBe(USER_AGENT_EXAMPLE);
    expect(request.redirect).toBe('manual');
  });

  it('uses the configured API and auth URLs', async () => {
    const clock = new FakeClock({ now: T0, autoAdvance: true });
    const seen: string[] = [];
    const client = new RedditClient({
      fetch: async (url) => {
        seen.push(url);
        return url.endsWith('/token') ? json({ access_token: 't', expires_in: 60 }) : json(listingBody([]));
      },
      clock,
      credentials: TEST_CREDENTIALS,
      userAgent: USER_AGENT_EXAMPLE,
      apiBaseUrl: 'http://127.0.0.1:9/fake',
      authUrl: 'http://127.0.0.1:9/token',
    });
    await client.listNew(['news']);
    expect(seen).toEqual(['http://127.0.0.1:9/token', 'http://127.0.0.1:9/fake/r/news/new?limit=100&raw_json=1']);
  });

  it('refuses a vague user agent at construction with the expected form', () => {
    expect(() => clientHarness({}, { userAgent: 'axios/1.7.2' })).toThrow(RedditConfigError);
    expect(() => clientHarness({}, { userAgent: 'my scraper' })).toThrow(/<platform>:<app id>:<version> \(by \/u\/<reddit username>\)/);
  });

  it.each([
    [403, { reason: 'private', message: 'Forbidden', error: 403 }, 'private'],
    [403, { reason: 'quarantined' }, 'quarantined'],
    [404, { reason: 'banned', message: 'Not Found', error: 404 }, 'banned'],
    [404, { message: 'Not Found', error: 404 }, 'not_found'],
  ])('reports HTTP %i %j as RedditSubredditUnavailableError (%s) without retrying', async (status, body, reason) => {
    const { client, fake } = clientHarness({ api: [json(body, status)] });
    const error = await client.listNew(['news', 'secretsub']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedditSubredditUnavailableError);
    expect(error).toMatchObject({ subreddits: ['news', 'secretsub'], reason, status });
    expect(fake.apiRequests).toHaveLength(1);
  });

  it('reports a redirect to the search page as a missing subreddit', async () => {
    const redirect = new Response(null, { status: 302, headers: { location: 'https://oauth.reddit.com/subreddits/search.json?q=nosuchsub' } });
    const { client } = clientHarness({ api: [redirect] });
    await expect(client.listNew(['nosuchsub'])).rejects.toMatchObject({ code: 'REDDIT_SUBREDDIT_UNAVAILABLE', reason: 'redirect', subreddits: ['nosuchsub'] });
  });

  it('does not retry a 400', async () => {
    const { client, fake } = clientHarness({ api: [json({ message: 'Bad Request', error: 400 }, 400)] });
    await expect(client.listNew(['news'])).rejects.toBeInstanceOf(RedditBadRequestError);
    expect(fake.apiRequests).toHaveLength(1);
  });

  it('refuses an invalid subreddit name without sending anything', async () => {
    const { client, fake } = clientHarness({});
    await expect(client.listNew(['news/../../api'])).rejects.toBeInstanceOf(RedditBadRequestError);
    expect(fake.tokenRequests).toHaveLength(0);
  });

  it.each([
    ['a body that is not JSON', new Response('<html>upstream error</html>', { status: 200 }), 'not JSON'],
    ['JSON that is not a Listing', json({ kind: 't3', data: {} }), 'kind is not "Listing"'],
  ])('reports %s as RedditMalformedResponseError', async (_what, response, detail) => {
    const { client } = clientHarness({ api: [response] });
    const error = await client.listNew(['news']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedditMalformedResponseError);
    expect((error as Error).message).toContain(detail);
  });
});

describe('RedditClient authentication', () => {
  it('reuses one token across requests', async () => {
    const { client, fake } = clientHarness({ api: [json(listingBody([])), json(listingBody([]))] });
    await client.listNew(['news']);
    await client.listNew(['news']);
    expect(fake.tokenRequests).toHaveLength(1);
    expect(client.tokenValid()).toBe(true);
  });

  it('on a 401 refreshes the token once and retries with the new one', async () => {
    const { client, fake } = clientHarness({ api: [json({ message: 'Unauthorized', error: 401 }, 401), json(listingBody(['a']))] });
    const listing = await client.listNew(['news']);
    expect(listing.items).toHaveLength(1);
    expect(fake.tokenRequests).toHaveLength(2);
    expect(fake.apiRequests.map((r) => r.headers.get('authorization'))).toEqual(['bearer token-1', 'bearer token-2']);
  });

  it('gives up with RedditAuthError on a second 401 after the refresh', async () => {
    const { client, fake } = clientHarness({ api: [json({}, 401), json({}, 401)] });
    const error = await client.listNew(['news']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedditAuthError);
    expect(error).toMatchObject({ status: 401 });
    expect(fake.apiRequests).toHaveLength(2);
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('gives up with RedditAuthError when Reddit answers the token request 200 {"error": "invalid_grant"}', async () => {
    const { client, fake } = clientHarness({ token: [json({ error: 'invalid_grant' })] });
    await expect(client.listNew(['news'])).rejects.toMatchObject({ code: 'REDDIT_AUTH', reason: 'invalid_grant' });
    expect(fake.apiRequests).toHaveLength(0);
  });

  it('never puts secrets in error messages', async () => {
    const { client } = clientHarness({ token: [json({}, 401)], api: [] });
    const error = (await client.listNew(['news']).catch((e: unknown) => e)) as Error;
    const text = `${error.message} ${JSON.stringify(error)}`;
    expect(error).toBeInstanceOf(RedditAuthError);
    for (const secret of [TEST_CREDENTIALS.clientSecret, TEST_CREDENTIALS.password]) expect(text).not.toContain(secret);
  });
});

describe('RedditClient.info', () => {
  const answerWithIds = (drop: ReadonlySet<string>) => (request: SeenRequest) => {
    const ids = new URL(request.url).searchParams.get('id')!.split(',');
    return json(listingBody(ids.map((fullname) => fullname.slice(3)).filter((id) => !drop.has(id))));
  };

  it('GETs /api/info in chunks of 100 and concatenates the results in request order', async () => {
    const ids = Array.from({ length: 150 }, (_, i) => `p${i.toString(36)}`);
    const { client, fake } = clientHarness({ api: [answerWithIds(new Set(['p3'])), answerWithIds(new Set())] });
    const items = (await client.info(ids.map((id) => `t3_${id}`))) as Array<{ data: { id: string } }>;
    expect(fake.apiRequests.map((r) => new URL(r.url).searchParams.get('id')!.split(',').length)).toEqual([100, 50]);
    expect(fake.apiRequests[0]!.url).toMatch(/^https:\/\/oauth\.reddit\.com\/api\/info\?id=t3_p0,t3_p1,.*&raw_json=1$/);
    expect(items.map((item) => item.data.id)).toEqual(ids.filter((id) => id !== 'p3'));
  });

  it('asks in halves when an /api/info answer is larger than maxResponseBytes', async () => {
    const answer = (request: SeenRequest) => {
      const ids = new URL(request.url).searchParams.get('id')!.split(',');
      return json({ kind: 'Listing', data: { children: ids.map((f) => ({ kind: 't3', data: { id: f.slice(3), selftext: 'x'.repeat(3_000) } })) } });
    };
    const ids = Array.from({ length: 40 }, (_, i) => `t3_q${i}`);
    const { client, fake } = clientHarness({ api: Array.from({ length: 7 }, () => answer) }, { maxResponseBytes: 40_000 });
    const items = (await client.info(ids)) as Array<{ data: { id: string } }>;
    expect(items.map((item) => `t3_${item.data.id}`)).toEqual(ids);
    expect(fake.apiRequests.map((r) => new URL(r.url).searchParams.get('id')!.split(',').length)).toEqual([40, 20, 10, 10, 20, 10, 10]);
  });

  it('sends nothing for no fullnames', async () => {
    const { client, fake } = clientHarness({});
    expect(await client.info([])).toEqual([]);
    expect(fake.tokenRequests).toHaveLength(0);
  });
});
