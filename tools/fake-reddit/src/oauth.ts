import { randomBytes } from 'node:crypto';
import type { FakeClientSpec, FakeClockLike } from './fake-reddit.types';

/** The grant of installed apps, which have no secret and send a `device_id` instead. */
export const INSTALLED_CLIENT_GRANT = 'https://oauth.reddit.com/grants/installed_client';

/** The default client of the fake (and of the demo process). */
export const DEFAULT_CLIENT: FakeClientSpec = Object.freeze({ clientId: 'fake-client', clientSecret: 'fake-secret' });

/** Reddit's 401 body, for bad client credentials and for bad bearer tokens alike. */
export const UNAUTHORIZED_BODY = Object.freeze({ message: 'Unauthorized', error: 401 });

/** The answer of the token endpoint. */
export interface TokenGrantResult {
  readonly status: number;
  readonly body: Readonly<Record<string, unknown>>;
}

interface IssuedToken {
  readonly clientId: string;
  readonly expiresAtMs: number;
}

/**
 * Issues and checks bearer tokens like `POST /api/v1/access_token`: HTTP Basic client credentials,
 * then the grant. Reddit answers a wrong password with 200 `{"error": "invalid_grant"}` and bad
 * client credentials with 401. Tokens expire `expiresInSeconds` later by the fake clock.
 */
export class TokenRegistry {
  private readonly tokens = new Map<string, IssuedToken>();
  private issuedCount = 0;

  constructor(
    private readonly options: {
      readonly clients: readonly FakeClientSpec[];
      readonly expiresInSeconds: number;
      readonly clock: FakeClockLike;
      readonly newToken?: () => string;
    },
  ) {}

  /** Tokens issued so far. */
  get issued(): number {
    return this.issuedCount;
  }

  /** Handles one token request: its `Authorization` header and its form-encoded body. */
  grant(authorization: string | undefined, form: URLSearchParams): TokenGrantResult {
    const credentials = parseBasic(authorization);
    const client = this.options.clients.find((c) => c.clientId === credentials?.clientId);
    if (credentials === null || client === undefined || credentials.secret !== (client.clientSecret ?? '')) {
      return { status: 401, body: UNAUTHORIZED_BODY };
    }
    const grantType = form.get('grant_type');
    if (grantType === INSTALLED_CLIENT_GRANT) {
      return form.get('device_id') ? this.issue(client) : { status: 200, body: { error: 'invalid_request' } };
    }
    if (grantType !== 'client_credentials' && grantType !== 'password') {
      return { status: 200, body: { error: 'unsupported_grant_type' } };
    }
    // an installed app has no secret to prove it is confidential: it may only use its own grant
    if (!client.clientSecret) return { status: 200, body: { error: 'unauthorized_client' } };
    if (grantType === 'password') {
      const matches = client.username !== undefined && form.get('username') === client.username && form.get('password') === client.password;
      if (!matches) return { status: 200, body: { error: 'invalid_grant' } };
    }
    return this.issue(client);
  }

  /** The client id a `bearer` header belongs to, or `null` when it is missing, unknown or expired. */
  clientOf(authorization: string | undefined): string | null {
    const match = /^bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '');
    const token = match?.[1] === undefined ? undefined : this.tokens.get(match[1]);
    if (token === undefined) return null;
    if (this.options.clock.now() >= token.expiresAtMs) return null;
    return token.clientId;
  }

  private issue(client: FakeClientSpec): TokenGrantResult {
    const accessToken = (this.options.newToken ?? defaultToken)();
    const expiresIn = this.options.expiresInSeconds;
    this.tokens.set(accessToken, { clientId: client.clientId, expiresAtMs: this.options.clock.now() + expiresIn * 1000 });
    this.issuedCount++;
    return { status: 200, body: { access_token: accessToken, token_type: 'bearer', expires_in: expiresIn, scope: '*' } };
  }
}

/** `Basic base64(id:secret)` -> its parts; the secret may be empty (installed apps). */
function parseBasic(authorization: string | undefined): { clientId: string; secret: string } | null {
  const match = /^basic\s+([A-Za-z0-9+/=_-]+)$/i.exec(authorization?.trim() ?? '');
  if (match?.[1] === undefined) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { clientId: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

function defaultToken(): string {
  return `fake-${randomBytes(24).toString('base64url')}`;
}
