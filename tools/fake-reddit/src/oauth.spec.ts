import { INSTALLED_CLIENT_GRANT, TokenRegistry } from './oauth';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('TokenRegistry', () => {
  let now = 0;
  let serial = 0;
  const registry = () =>
    new TokenRegistry({
      clients: [{ clientId: 'script', clientSecret: 's3cret', username: 'bot', password: 'pw' }, { clientId: 'app' }],
      expiresInSeconds: 60,
      clock: { now: () => now },
      newToken: () => `token-${++serial}`,
    });
  const form = (fields: Record<string, string>) => new URLSearchParams(fields);

  beforeEach(() => {
    now = 1_000_000;
  });

  it('issues a bearer token that names its client until it expires', () => {
    const tokens = registry();
    const grant = tokens.grant(basic('script', 's3cret'), form({ grant_type: 'client_credentials' }));
    const token = String(grant.body['access_token']);
    expect(tokens.clientOf(`bearer ${token}`)).toBe('script');
    expect(tokens.clientOf(`Bearer ${token}`)).toBe('script');
    now += 59_999;
    expect(tokens.clientOf(`bearer ${token}`)).toBe('script');
    now += 1;
    expect(tokens.clientOf(`bearer ${token}`)).toBeNull();
    expect(tokens.issued).toBe(1);
  });

  it('answers 401 to a missing header, an unknown client or a wrong secret', () => {
    const tokens = registry();
    const grant = form({ grant_type: 'client_credentials' });
    expect(tokens.grant(undefined, grant).status).toBe(401);
    expect(tokens.grant(basic('nobody', 'x'), grant).status).toBe(401);
    expect(tokens.grant(basic('script', 'wrong'), grant).status).toBe(401);
  });

  it('answers unsupported_grant_type (status 200) to an unknown grant', () => {
    expect(registry().grant(basic('script', 's3cret'), form({ grant_type: 'authorization_code' }))).toEqual({ status: 200, body: { error: 'unsupported_grant_type' } });
  });

  it('needs a device_id for the installed_client grant', () => {
    const tokens = registry();
    expect(tokens.grant(basic('app', ''), form({ grant_type: INSTALLED_CLIENT_GRANT })).body).toEqual({ error: 'invalid_request' });
    expect(tokens.grant(basic('app', ''), form({ grant_type: INSTALLED_CLIENT_GRANT, device_id: 'abc' })).body).toHaveProperty('access_token');
  });

  it('keeps an installed app (no secret) away from client_credentials', () => {
    expect(registry().grant(basic('app', ''), form({ grant_type: 'client_credentials' })).body).toEqual({ error: 'unauthorized_client' });
  });

  it('ignores a bearer header that is not one', () => {
    expect(registry().clientOf('Basic abc')).toBeNull();
    expect(registry().clientOf(undefined)).toBeNull();
  });
});
