import { apiGet, appToken, requestToken, send, startHarness, type Harness } from './testing/http-harness';

describe('FakeReddit injected faults', () => {
  let harness: Harness;
  let token: string;

  beforeEach(async () => {
    harness = await startHarness();
    token = await appToken(harness);
    harness.clock.advance(30 * 60_000);
  });
  afterEach(() => harness.fake.stop());

  it('answers 429 with Retry-After when given, without rate-limit headers, then recovers', async () => {
    harness.fake.injectFaults({ status: 429, retryAfterSeconds: 7 });
    const limited = await apiGet(harness, '/r/news/new', token);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.headers.get('x-ratelimit-remaining')).toBeNull();
    expect((await apiGet(harness, '/r/news/new', token)).status).toBe(200);
  });

  it('answers 429 without Retry-After when retryAfterSeconds is left out', async () => {
    harness.fake.injectFaults({ status: 429 });
    const limited = await apiGet(harness, '/r/news/new', token);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeNull();
  });

  it.each([500, 502, 503, 504] as const)('answers %i for count requests, then recovers', async (status) => {
    harness.fake.injectFaults({ status, count: 2 });
    expect((await apiGet(harness, '/r/news/new', token)).status).toBe(status);
    expect((await apiGet(harness, '/api/info?id=t3_a', token)).status).toBe(status);
    expect((await apiGet(harness, '/r/news/new', token)).status).toBe(200);
    expect(harness.fake.pendingFaults()).toBe(0);
  });

  it('applies faults in queue order, each to the next request its path filter matches', async () => {
    harness.fake.injectFaults([{ status: 503, path: 'info' }, { status: 502 }]);
    expect((await apiGet(harness, '/r/news/new', token)).status).toBe(502);
    expect((await apiGet(harness, '/r/news/new', token)).status).toBe(200);
    expect((await apiGet(harness, '/api/info?id=t3_a', token)).status).toBe(503);
  });

  it('leaves the token endpoint alone unless a fault targets it', async () => {
    harness.fake.injectFaults({ status: 500, path: 'token' });
    expect((await apiGet(harness, '/r/news/new', token)).status).toBe(200);
    expect((await requestToken(harness.authUrl, { grant_type: 'client_credentials' })).status).toBe(500);
    expect((await requestToken(harness.authUrl, { grant_type: 'client_credentials' })).status).toBe(200);
  });

  it('answers late by delayMs of real time', async () => {
    harness.fake.injectFaults({ delayMs: 300 });
    const started = Date.now();
    const response = await apiGet(harness, '/r/news/new', token);
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('lets a client time out on a slow response, and stops cleanly with it pending', async () => {
    harness.fake.injectFaults({ delayMs: 10_000 });
    const request = send(`${harness.baseUrl}/r/news/new`, { headers: { authorization: `bearer ${token}` }, signal: AbortSignal.timeout(100) });
    await expect(request).rejects.toThrow(/abort|timeout/i);
  });

  it('answers 200 with a truncated JSON body for malformedBody', async () => {
    harness.fake.injectFaults({ malformedBody: true });
    const response = await apiGet(harness, '/r/news/new', token);
    expect(response.status).toBe(200);
    expect(response.text.startsWith('{"kind":"Listing"')).toBe(true);
    expect(() => JSON.parse(response.text)).toThrow();
  });

  it('breaks N items of the next listing: missing created_utc, non-numeric created_utc, missing id', async () => {
    harness.fake.injectFaults({ malformedItems: 3 });
    const response = await apiGet(harness, '/r/news/new?limit=30', token);
    const data: Record<string, unknown>[] = response.json.data.children.map((c: { data: Record<string, unknown> }) => c.data);
    const broken = data.filter((d) => typeof d['created_utc'] !== 'number' || typeof d['id'] !== 'string');
    expect(broken).toHaveLength(3);
    expect(broken.some((d) => !('created_utc' in d))).toBe(true);
    expect(broken.some((d) => typeof d['created_utc'] === 'string' && Number.isNaN(Number(d['created_utc'])))).toBe(true);
    expect(broken.some((d) => !('id' in d))).toBe(true);
    const next = await apiGet(harness, '/r/news/new?limit=30', token);
    expect(next.json.data.children.every((c: { data: { created_utc: unknown } }) => typeof c.data.created_utc === 'number')).toBe(true);
  });

  it('destroys the socket for dropConnection, then serves the next request', async () => {
    harness.fake.injectFaults({ dropConnection: true });
    await expect(apiGet(harness, '/r/news/new', token)).rejects.toThrow(/fetch failed/);
    expect((await apiGet(harness, '/r/news/new', token)).status).toBe(200);
    expect(harness.fake.stats().requests['listing']).toEqual({ dropped: 1, '200': 1 });
  });
});
