import { INSTALLED_CLIENT_GRANT } from './oauth';
import { apiGet, appToken, requestToken, send, startHarness, type Harness } from './testing/http-harness';

describe('FakeReddit OAuth and request checks', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness({
      tokenExpiresInSeconds: 3600,
      clients: [
        { clientId: 'fake-client', clientSecret: 'fake-secret', username: 'bot', password: 'hunter2' },
        { clientId: 'installed-app' },
      ],
    });
  });
  afterEach(() => harness.fake.stop());

  it('grants an app-only token for client_credentials: bearer, expires_in, scope *', async () => {
    const response = await requestToken(harness.authUrl, { grant_type: 'client_credentials' });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ access_token: expect.any(String), token_type: 'bearer', expires_in: 3600, scope: '*' });
  });

  it('grants a token for the password grant when username and password match', async () => {
    const response = await requestToken(harness.authUrl, { grant_type: 'password', username: 'bot', password: 'hunter2' });
    expect(response.json.access_token).toEqual(expect.any(String));
  });

  it('answers a wrong password with 200 {"error": "invalid_grant"}, as Reddit does', async () => {
    const response = await requestToken(harness.authUrl, { grant_type: 'password', username: 'bot', password: 'wrong' });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ error: 'invalid_grant' });
  });

  it('answers bad client credentials with 401 Unauthorized', async () => {
    const response = await requestToken(harness.authUrl, { grant_type: 'client_credentials' }, 'fake-client', 'nope');
    expect(response.status).toBe(401);
    expect(response.json).toEqual({ message: 'Unauthorized', error: 401 });
  });

  it('grants an installed_client token with an empty secret and a device_id', async () => {
    const form = { grant_type: INSTALLED_CLIENT_GRANT, device_id: 'DO_NOT_TRACK_THIS_DEVICE' };
    const response = await requestToken(harness.authUrl, form, 'installed-app', '');
    expect(response.json).toMatchObject({ token_type: 'bearer', scope: '*' });
    const token: string = response.json.access_token;
    expect((await apiGet(harness, '/r/news/new', token)).status).toBe(200);
  });

  it('answers an API call without a token with 401 and a Bearer invalid_token challenge', async () => {
    const response = await send(`${harness.baseUrl}/r/news/new`);
    expect(response.status).toBe(401);
    expect(response.json).toEqual({ message: 'Unauthorized', error: 401 });
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="reddit", error="invalid_token"');
  });

  it('answers an unknown token with 401', async () => {
    expect((await apiGet(harness, '/r/news/new', 'made-up')).status).toBe(401);
  });

  it('accepts a token until expires_in has passed on the fake clock, then answers 401', async () => {
    const token = await appToken(harness);
    harness.clock.advance(3599_000);
    expect((await apiGet(harness, '/r/news/new', token)).status).toBe(200);
    harness.clock.advance(1_000);
    const expired = await apiGet(harness, '/r/news/new', token);
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toContain('invalid_token');
  });

  it.each([
    ['fetch’s default (no header set)', null],
    ['node', 'node'],
    ['undici', 'undici'],
    ['python-requests', 'python-requests/2.31.0'],
    ['curl', 'curl/8.4.0'],
  ])('rejects %s as the user agent with 429', async (_label, userAgent) => {
    const token = await appToken(harness);
    const response = await send(`${harness.baseUrl}/r/news/new`, { headers: { authorization: `bearer ${token}` }, userAgent });
    expect(response.status).toBe(429);
    expect(response.headers.get('x-ratelimit-remaining')).toBeNull();
  });

  it('rejects a library-default user agent at the token endpoint too', async () => {
    const response = await send(harness.authUrl, { method: 'POST', userAgent: 'node', body: 'grant_type=client_credentials' });
    expect(response.status).toBe(429);
  });

  it('does not count token requests against the rate limit, nor send its headers', async () => {
    const response = await requestToken(harness.authUrl, { grant_type: 'client_credentials' });
    expect(response.headers.get('x-ratelimit-used')).toBeNull();
    expect(harness.fake.stats()).toMatchObject({ tokensIssued: 1, rateLimit: { 'fake-client': { used: 0, remaining: 1000 } } });
  });

  it('answers unknown paths with 404 JSON', async () => {
    const token = await appToken(harness);
    const response = await apiGet(harness, '/r/news/hot', token);
    expect(response.status).toBe(404);
    expect(response.json).toEqual({ message: 'Not Found', error: 404 });
  });
});
