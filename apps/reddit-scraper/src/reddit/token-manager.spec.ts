import type { RedditCredentials } from './credentials';
import { RedditAuthError, RedditConfigError, RedditMalformedResponseError, RedditNetworkError, RedditRateLimitedError } from './errors';
import { FakeClock } from '@sentiment-ingest/scraper-kit/testing';
import { AUTH_URL, FakeFetch, json, type Step } from './testing/fake-fetch';
import { TokenManager } from './token-manager';
import { USER_AGENT_EXAMPLE } from './user-agent';

const T0 = Date.UTC(2024, 0, 1);
const PASSWORD: RedditCredentials = { kind: 'password', clientId: 'the-id', clientSecret: 's3cr3t-value', username: 'bot', password: 'hunter2-pass' };

function setup(token: Step[] = [], credentials: RedditCredentials = PASSWORD) {
  const clock = new FakeClock({ now: T0 });
  const fake = new FakeFetch(clock, { token });
  const statuses: Array<number | 'network-error'> = [];
  const tokens = new TokenManager({
    fetch: fake.fetch,
    clock,
    credentials,
    userAgent: USER_AGENT_EXAMPLE,
    authUrl: AUTH_URL,
    requestTimeoutMs: 1000,
    onResponse: (status) => statuses.push(status),
  });
  return { clock, fake, tokens, statuses };
}

const basic = (id: string, secret: string): string => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const tokenBody = (value: string, expiresIn: number): Response => json({ access_token: value, token_type: 'bearer', expires_in: expiresIn, scope: '*' });

describe('TokenManager', () => {
  it('requests a password token with Basic client_id:secret, a form body and the user agent', async () => {
    const { fake, tokens } = setup();
    expect(await tokens.getToken()).toBe('token-1');
    const request = fake.tokenRequests[0]!;
    expect(request).toMatchObject({ url: AUTH_URL, method: 'POST' });
    expect(request.headers.get('authorization')).toBe(basic('the-id', 's3cr3t-value'));
    expect(request.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(request.headers.get('user-agent')).toBe(USER_AGENT_EXAMPLE);
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({ grant_type: 'password', username: 'bot', password: 'hunter2-pass' });
  });

  it('requests an app-only token with grant_type=client_credentials', async () => {
    const { fake, tokens } = setup([], { kind: 'client_credentials', clientId: 'the-id', clientSecret: 'sec' });
    await tokens.getToken();
    expect(fake.tokenRequests[0]!.headers.get('authorization')).toBe(basic('the-id', 'sec'));
    expect(fake.tokenRequests[0]!.body).toBe('grant_type=client_credentials');
  });

  it('requests an installed-client token with an empty secret and the device id', async () => {
    const deviceId = 'device-0123456789abcdef';
    const { fake, tokens } = setup([], { kind: 'installed_client', clientId: 'the-id', deviceId });
    await tokens.getToken();
    expect(fake.tokenRequests[0]!.headers.get('authorization')).toBe(basic('the-id', ''));
    expect(Object.fromEntries(new URLSearchParams(fake.tokenRequests[0]!.body))).toEqual({
      grant_type: 'https://oauth.reddit.com/grants/installed_client',
      device_id: deviceId,
    });
  });

  it('reuses a 3600 s token until 90% of its lifetime, then refreshes it', async () => {
    const { clock, fake, tokens } = setup([tokenBody('first', 3600), tokenBody('second', 3600)]);
    expect(await tokens.getToken()).toBe('first');
    await clock.advanceTo(T0 + 3_239_999);
    expect(await tokens.getToken()).toBe('first');
    await clock.advanceTo(T0 + 3_240_000);
    expect(await tokens.getToken()).toBe('second');
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('uses expires_in from the response: a 86400 s token is kept for 77760 s', async () => {
    const { clock, fake, tokens } = setup([tokenBody('day', 86_400), tokenBody('next', 86_400)]);
    await tokens.getToken();
    await clock.advanceTo(T0 + 77_759_999);
    expect(await tokens.getToken()).toBe('day');
    await clock.advanceTo(T0 + 77_760_000);
    expect(await tokens.getToken()).toBe('next');
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('keeps using the current token when an early refresh fails for a passing reason, until it expires', async () => {
    const { clock, fake, tokens } = setup([tokenBody('first', 3600), json({}, 503), new TypeError('fetch failed')]);
    await tokens.getToken();
    await clock.advanceTo(T0 + 3_300_000);
    expect(await tokens.getToken()).toBe('first');
    await clock.advanceTo(T0 + 3_600_000);
    await expect(tokens.getToken()).rejects.toBeInstanceOf(RedditNetworkError);
    expect(fake.tokenRequests).toHaveLength(3);
  });

  it('does not keep the current token when the refresh says the credentials are wrong', async () => {
    const { clock, tokens } = setup([tokenBody('first', 3600), json({ error: 'invalid_grant' })]);
    await tokens.getToken();
    await clock.advanceTo(T0 + 3_300_000);
    await expect(tokens.getToken()).rejects.toBeInstanceOf(RedditAuthError);
  });

  it('shares one token request between concurrent callers', async () => {
    const { fake, tokens } = setup();
    expect(await Promise.all([tokens.getToken(), tokens.getToken(), tokens.getToken()])).toEqual(['token-1', 'token-1', 'token-1']);
    expect(fake.tokenRequests).toHaveLength(1);
  });

  it('drops the token on invalidate, but only if it is the one that was rejected', async () => {
    const { fake, tokens } = setup();
    await tokens.getToken();
    tokens.invalidate('some-older-token');
    expect(await tokens.getToken()).toBe('token-1');
    tokens.invalidate('token-1');
    expect(await tokens.getToken()).toBe('token-2');
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('reports tokenValid only while a token is held and not expired', async () => {
    const { clock, tokens } = setup([tokenBody('t', 3600)]);
    expect(tokens.tokenValid()).toBe(false);
    await tokens.getToken();
    expect(tokens.tokenValid()).toBe(true);
    await clock.advanceTo(T0 + 3_600_000);
    expect(tokens.tokenValid()).toBe(false);
  });

  it('treats a wrong password (HTTP 200 {"error": "invalid_grant"}) as a RedditAuthError', async () => {
    const { tokens } = setup([json({ error: 'invalid_grant' })]);
    const error = await tokens.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedditAuthError);
    expect(error).toMatchObject({ code: 'REDDIT_AUTH', reason: 'invalid_grant', status: 200 });
  });

  it('treats a 401 from the token endpoint (wrong client id or secret) as a RedditAuthError', async () => {
    const { tokens, statuses } = setup([json({ message: 'Unauthorized', error: 401 }, 401)]);
    await expect(tokens.getToken()).rejects.toMatchObject({ code: 'REDDIT_AUTH', reason: 'HTTP 401' });
    expect(statuses).toEqual([401]);
  });

  it('reports a 429 at the token endpoint as RedditRateLimitedError with Retry-After', async () => {
    const { tokens } = setup([json({}, 429, { 'retry-after': '5' })]);
    const error = await tokens.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedditRateLimitedError);
    expect(error).toMatchObject({ retryAfterMs: 5000 });
  });

  it('reports a connection failure as RedditNetworkError and tries again on the next call', async () => {
    const { tokens, statuses } = setup([new TypeError('fetch failed')]);
    await expect(tokens.getToken()).rejects.toBeInstanceOf(RedditNetworkError);
    expect(statuses).toEqual(['network-error']);
    expect(await tokens.getToken()).toBe('token-1');
  });

  it.each([
    ['not JSON', new Response('<html>maintenance</html>', { status: 200 })],
    ['no access_token', json({ expires_in: 3600 })],
    ['no positive expires_in', json({ access_token: 'x' })],
  ])('treats a token response with %s as malformed', async (detail, response) => {
    const { tokens } = setup([response]);
    const error = await tokens.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedditMalformedResponseError);
    expect((error as Error).message).toContain(detail);
  });

  it('lets an aborting caller stop waiting while the shared refresh goes on for the others', async () => {
    let release: (r: Response) => void = () => undefined;
    const pending = new Promise<Response>((resolve) => (release = resolve));
    const clock = new FakeClock({ now: T0 });
    const slow = new TokenManager({
      fetch: () => pending,
      clock,
      credentials: PASSWORD,
      userAgent: USER_AGENT_EXAMPLE,
      authUrl: AUTH_URL,
      requestTimeoutMs: 5000,
    });
    const controller = new AbortController();
    const aborted = slow.getToken(controller.signal);
    const patient = slow.getToken();
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    release(tokenBody('shared', 3600));
    expect(await patient).toBe('shared');
    expect(slow.tokenValid()).toBe(true);
  });

  it('never puts the client secret or the password in error messages', async () => {
    const answers: Step[] = [json({ error: 'invalid_grant' }), json({}, 401), json({}, 400), new TypeError('fetch failed'), new Response('x')];
    const { tokens } = setup(answers);
    for (let i = 0; i < answers.length; i++) {
      const error = (await tokens.getToken().catch((e: unknown) => e)) as Error;
      const text = `${error.message} ${JSON.stringify(error)} ${String(error.cause)}`;
      for (const secret of ['s3cr3t-value', 'hunter2-pass', basic('the-id', 's3cr3t-value')]) expect(text).not.toContain(secret);
    }
  });

  it('refuses incomplete credentials, naming the fields without their values', () => {
    const make = (credentials: RedditCredentials): TokenManager =>
      new TokenManager({ fetch: jest.fn(), clock: new FakeClock(), credentials, userAgent: USER_AGENT_EXAMPLE, authUrl: AUTH_URL, requestTimeoutMs: 1000 });
    expect(() => make({ ...PASSWORD, password: '' })).toThrow(new RedditConfigError('Invalid Reddit password credentials: password is empty'));
    expect(() => make({ kind: 'installed_client', clientId: 'id', deviceId: 'short' })).toThrow(/deviceId must be 20-30/);
  });
});
