import { RedditConfigError } from './errors';
import type { HttpRequest } from './reddit-http';

/** A script app acting as its developer's account: `grant_type=password`. */
export interface PasswordCredentials {
  readonly kind: 'password';
  readonly clientId: string;
  readonly clientSecret: string;
  readonly username: string;
  readonly password: string;
}

/** An app-only token for a confidential (web or script) app: `grant_type=client_credentials`. */
export interface ClientCredentials {
  readonly kind: 'client_credentials';
  readonly clientId: string;
  readonly clientSecret: string;
}

/** An app-only token for an installed app, which has no secret: the `installed_client` grant. */
export interface InstalledClientCredentials {
  readonly kind: 'installed_client';
  readonly clientId: string;
  /** 20-30 ASCII characters, unique per device (Reddit's OAuth2 wiki: application-only OAuth). */
  readonly deviceId: string;
}

/** Reddit OAuth credentials; the grant follows from `kind`. */
export type RedditCredentials = PasswordCredentials | ClientCredentials | InstalledClientCredentials;

/** Grant type of the installed-client flow, as Reddit spells it. */
export const INSTALLED_CLIENT_GRANT = 'https://oauth.reddit.com/grants/installed_client';

/** Problems with the credentials, naming fields but never showing their values (empty when fine). */
export function credentialsProblems(credentials: RedditCredentials): string[] {
  const problems: string[] = [];
  const required = (field: string, value: string): void => {
    if (value.trim() === '') problems.push(`${field} is empty`);
  };
  required('clientId', credentials.clientId);
  if (credentials.kind === 'password') {
    required('clientSecret', credentials.clientSecret);
    required('username', credentials.username);
    required('password', credentials.password);
  } else if (credentials.kind === 'client_credentials') {
    required('clientSecret', credentials.clientSecret);
  } else if (!/^[\x21-\x7e]{20,30}$/.test(credentials.deviceId)) {
    problems.push('deviceId must be 20-30 printable ASCII characters without spaces');
  }
  return problems;
}

/** Throws a {@link RedditConfigError} listing every problem of the credentials. */
export function assertValidCredentials(credentials: RedditCredentials): void {
  const problems = credentialsProblems(credentials);
  if (problems.length > 0) {
    throw new RedditConfigError(`Invalid Reddit ${credentials.kind} credentials: ${problems.join('; ')}`);
  }
}

/**
 * The token request: POST to the auth URL with HTTP Basic `client_id:secret` (an empty secret for
 * installed apps) and a form body carrying the grant.
 */
export function tokenRequest(credentials: RedditCredentials, authUrl: string, userAgent: string): HttpRequest {
  const secret = credentials.kind === 'installed_client' ? '' : credentials.clientSecret;
  const basic = Buffer.from(`${credentials.clientId}:${secret}`, 'utf8').toString('base64');
  return {
    endpoint: 'token',
    method: 'POST',
    url: authUrl,
    headers: {
      Authorization: `Basic ${basic}`,
      'Content-Type': 'application/x-www-form-urlencoded',
      'User-Agent': userAgent,
    },
    body: grantBody(credentials).toString(),
  };
}

function grantBody(credentials: RedditCredentials): URLSearchParams {
  switch (credentials.kind) {
    case 'password':
      return new URLSearchParams({
        grant_type: 'password',
        username: credentials.username,
        password: credentials.password,
      });
    case 'client_credentials':
      return new URLSearchParams({ grant_type: 'client_credentials' });
    case 'installed_client':
      return new URLSearchParams({ grant_type: INSTALLED_CLIENT_GRANT, device_id: credentials.deviceId });
  }
}
