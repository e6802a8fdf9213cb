import { RedditNetworkError, RedditRateLimitedError, RedditServerError } from './errors';
import { RateLimiter } from './rate-limiter';
import { clientHarness, gaps, T0 } from './testing/client-harness';
import { FakeClock } from '@sentiment-ingest/scraper-kit/testing';
import { json, listingBody, rateLimitHeaders } from './testing/fake-fetch';

const ok = (): Response => json(listingBody(['a']));
const status = (code: number, headers: Record<string, string> = {}): Response => json({ message: 'error', error: code }, code, headers);

describe('RedditClient rate limiting', () => {
  it('waits for its turn before each request, paced by the last response headers', async () => {
    const clock = new FakeClock({ now: T0, autoAdvance: true });
    const paced = json(listingBody([]), 200, rateLimitHeaders('10.0', '590', '100'));
    const { client, fake } = clientHarness({ api: [paced, ok()] }, { clock, rateLimiter: new RateLimiter({ clock }) });
    await client.listNew(['news']);
    await client.listNew(['news']);
    expect(gaps(fake.apiRequests)).toEqual([10_000]);
    expect(client.rateLimit()).toEqual({ remaining: 9, used: 591, resetAt: T0 + 100_000 });
  });

  it('waits exactly Retry-After on a 429, then retries', async () => {
    const { client, fake, logs } = clientHarness({ api: [status(429, { 'retry-after': '7' }), ok()] });
    await client.listNew(['news']);
    expect(gaps(fake.apiRequests)).toEqual([7000]);
    expect(logs).toContainEqual({ level: 'warn', obj: { endpoint: 'listing', attempt: 1, retryAfterMs: 7000 }, msg: expect.stringContaining('429') });
  });

  it('waits until the rate-limit reset on a 429 without Retry-After, and counts the 429 in the budget', async () => {
    const clock = new FakeClock({ now: T0, autoAdvance: true });
    const limited = status(429, rateLimitHeaders('0', '1000', '30'));
    const { client, fake } = clientHarness({ api: [limited, ok()] }, { clock, rateLimiter: new RateLimiter({ clock }) });
    await client.listNew(['news']);
    expect(fake.apiRequests[1]!.at).toBe(T0 + 30_000);
  });

  it('backs off on a 429 that says neither Retry-After nor reset', async () => {
    const { client, fake } = clientHarness({ api: [status(429), ok()] });
    await client.listNew(['news']);
    expect(gaps(fake.apiRequests)).toEqual([500]);
  });

  it('gives up with RedditRateLimitedError carrying retryAfterMs after maxRetries', async () => {
    const limited = () => status(429, { 'retry-after': '2' });
    const { client, fake } = clientHarness({ api: [limited(), limited(), limited()] }, { maxRetries: 2 });
    const error = await client.listNew(['news']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedditRateLimitedError);
    expect(error).toMatchObject({ retryAfterMs: 2000 });
    expect(fake.apiRequests).toHaveLength(3);
  });

  it('hands a 429 asking for more than one window back to the caller at once', async () => {
    const { client, fake } = clientHarness({ api: [status(429, { 'retry-after': '3600' })] });
    await expect(client.listNew(['news'])).rejects.toMatchObject({ code: 'REDDIT_RATE_LIMITED', retryAfterMs: 3_600_000 });
    expect(fake.apiRequests).toHaveLength(1);
  });
});

describe('RedditClient retries', () => {
  it('retries a 503 after a jittered backoff, then succeeds', async () => {
    const { client, fake, logs } = clientHarness({ api: [status(503), ok()] });
    expect((await client.listNew(['news'])).items).toHaveLength(1);
    expect(gaps(fake.apiRequests)).toEqual([500]);
    expect(logs).toContainEqual({ level: 'warn', obj: { endpoint: 'listing', attempt: 1, delayMs: 500, code: 'REDDIT_SERVER' }, msg: expect.any(String) });
  });

  it.each([408, 500, 502, 504, 520, 522])('retries HTTP %i', async (code) => {
    const { client, fake } = clientHarness({ api: [status(code), ok()] });
    await client.listNew(['news']);
    expect(fake.apiRequests).toHaveLength(2);
  });

  it('gives up on a persistent 500 with RedditServerError after maxRetries, sending no more requests', async () => {
    const { client, fake } = clientHarness({ api: Array.from({ length: 10 }, () => status(500)) });
    const error = await client.listNew(['news']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedditServerError);
    expect(error).toMatchObject({ status: 500 });
    expect(fake.apiRequests).toHaveLength(5);
    expect(gaps(fake.apiRequests)).toEqual([500, 1000, 2000, 4000]);
  });

  it('does not retry a 501', async () => {
    const { client, fake } = clientHarness({ api: [status(501)] });
    await expect(client.listNew(['news'])).rejects.toBeInstanceOf(RedditServerError);
    expect(fake.apiRequests).toHaveLength(1);
  });

  it('retries a network error', async () => {
    const { client, fake, events } = clientHarness({ api: [new TypeError('fetch failed'), ok()] });
    await client.listNew(['news']);
    expect(fake.apiRequests).toHaveLength(2);
    expect(events.map((e) => [e.endpoint, e.status])).toEqual([['token', 200], ['listing', 'network-error'], ['listing', 200]]);
  });

  it('retries a network error at the token endpoint', async () => {
    const { client, fake } = clientHarness({ token: [new TypeError('fetch failed')], api: [ok()] });
    await client.listNew(['news']);
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('retries a request that times out, then gives up with RedditNetworkError', async () => {
    const { client, fake } = clientHarness({ api: ['hang', 'hang', 'hang'] }, { requestTimeoutMs: 20, maxRetries: 2 });
    const error = await client.listNew(['news']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedditNetworkError);
    expect(error).toMatchObject({ timedOut: true, endpoint: 'listing' });
    expect(fake.apiRequests).toHaveLength(3);
  });

  it('recovers when a timed-out request succeeds on retry', async () => {
    const { client } = clientHarness({ api: ['hang', ok()] }, { requestTimeoutMs: 20 });
    expect((await client.listNew(['news'])).items).toHaveLength(1);
  });

  it('reports every response to the observer with the rate-limit state', async () => {
    const { client, events } = clientHarness({ api: [status(503), json(listingBody([]), 200, rateLimitHeaders('597.0', '3', '540'))] });
    await client.listNew(['news']);
    expect(events.map((e) => e.status)).toEqual([200, 503, 200]);
    expect(events[2]).toEqual({ endpoint: 'listing', status: 200, durationMs: 0, rateLimit: { remaining: 597, used: 3, resetAt: T0 + 500 + 540_000 } });
  });
});

describe('RedditClient abort', () => {
  it('rejects promptly when aborted during a backoff wait, sending nothing more', async () => {
    const clock = new FakeClock({ now: T0 });
    const { client, fake } = clientHarness({ api: [status(503), ok()] }, { clock });
    const controller = new AbortController();
    const listing = client.listNew(['news'], {}, controller.signal);
    await clock.whenSleeping();
    controller.abort();
    await expect(listing).rejects.toMatchObject({ name: 'AbortError' });
    expect(fake.apiRequests).toHaveLength(1);
    expect(clock.now()).toBe(T0);
  });

  it('rejects with an AbortError, not a network error, when aborted mid-request', async () => {
    const { client, fake } = clientHarness({ api: ['hang', ok()] });
    const controller = new AbortController();
    const listing = client.listNew(['news'], {}, controller.signal);
    while (fake.apiRequests.length === 0) await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    await expect(listing).rejects.toMatchObject({ name: 'AbortError' });
    expect(fake.apiRequests).toHaveLength(1);
  });

  it('sends nothing when the signal has already aborted', async () => {
    const { client, fake } = clientHarness({ api: [ok()] });
    await expect(client.info(['t3_a'], AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
    expect(fake.tokenRequests.length + fake.apiRequests.length).toBe(0);
  });
});
