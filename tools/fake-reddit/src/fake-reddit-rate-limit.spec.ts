import { apiGet, appToken, requestToken, startHarness, T0, type Harness } from './testing/http-harness';

describe('FakeReddit rate limit', () => {
  let harness: Harness;

  afterEach(() => harness.fake.stop());

  it('counts down x-ratelimit-remaining as a float string and reports whole seconds to the window end', async () => {
    harness = await startHarness({ rateLimit: { budget: 600, windowSeconds: 600 } });
    const token = await appToken(harness);
    const first = await apiGet(harness, '/r/news/new', token);
    expect(first.headers.get('x-ratelimit-used')).toBe('1');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('599.0');
    // T0 is 10 s into a window aligned to multiples of 600 s
    expect(first.headers.get('x-ratelimit-reset')).toBe('590');
    harness.clock.advance(2_500);
    const second = await apiGet(harness, '/api/info?id=t3_abc', token);
    expect(second.headers.get('x-ratelimit-remaining')).toBe('598.0');
    expect(second.headers.get('x-ratelimit-reset')).toBe('588');
  });

  it('answers 429 with the headers once the budget is spent, without counting the refusal', async () => {
    harness = await startHarness({ rateLimit: { budget: 3, windowSeconds: 600 } });
    const token = await appToken(harness);
    for (let i = 0; i < 3; i++) expect((await apiGet(harness, '/r/news/new', token)).status).toBe(200);
    const refused = await apiGet(harness, '/r/news/new', token);
    expect(refused.status).toBe(429);
    expect(refused.json).toEqual({ message: 'Too Many Requests', error: 429 });
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0.0');
    expect(refused.headers.get('x-ratelimit-used')).toBe('3');
    expect(refused.headers.get('x-ratelimit-reset')).toBe('590');
  });

  it('resets the budget exactly at the window end on the fake clock', async () => {
    harness = await startHarness({ rateLimit: { budget: 2, windowSeconds: 600 } });
    const token = await appToken(harness);
    await apiGet(harness, '/r/news/new', token);
    await apiGet(harness, '/r/news/new', token);
    harness.clock.set(T0 + 589_999);
    expect((await apiGet(harness, '/r/news/new', token)).status).toBe(429);
    harness.clock.set(T0 + 590_000);
    const fresh = await apiGet(harness, '/r/news/new', token);
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('x-ratelimit-remaining')).toBe('1.0');
    expect(fresh.headers.get('x-ratelimit-reset')).toBe('600');
  });

  it('keeps one budget per client id, whatever the token', async () => {
    harness = await startHarness({
      rateLimit: { budget: 5, windowSeconds: 600 },
      clients: [
        { clientId: 'a', clientSecret: 'sa' },
        { clientId: 'b', clientSecret: 'sb' },
      ],
    });
    const tokenOf = async (id: string, secret: string) => (await requestToken(harness.authUrl, { grant_type: 'client_credentials' }, id, secret)).json.access_token;
    const a1 = await tokenOf('a', 'sa');
    const a2 = await tokenOf('a', 'sa');
    const b = await tokenOf('b', 'sb');
    await apiGet(harness, '/r/news/new', a1);
    const shared = await apiGet(harness, '/r/news/new', a2);
    expect(shared.headers.get('x-ratelimit-used')).toBe('2');
    expect((await apiGet(harness, '/r/news/new', b)).headers.get('x-ratelimit-used')).toBe('1');
    expect(harness.fake.stats().rateLimit).toMatchObject({ a: { used: 2, remaining: 3 }, b: { used: 1, remaining: 4 } });
  });

  it('sends no rate-limit headers and never refuses when the limit is off', async () => {
    harness = await startHarness({ rateLimit: false });
    const token = await appToken(harness);
    const response = await apiGet(harness, '/r/news/new', token);
    expect(response.headers.get('x-ratelimit-remaining')).toBeNull();
  });

  it('counts requests by endpoint and status in stats()', async () => {
    harness = await startHarness();
    const token = await appToken(harness);
    await apiGet(harness, '/r/news/new', token);
    await apiGet(harness, '/r/news/new', 'bad');
    await apiGet(harness, '/api/info?id=t3_a', token);
    expect(harness.fake.stats().requests).toEqual({ token: { '200': 1 }, listing: { '200': 1, '401': 1 }, info: { '200': 1 } });
  });
});
