import { abortable, throwIfAborted, type Clock } from '@sentiment-ingest/scraper-kit';
import { assertValidCredentials, tokenRequest, type RedditCredentials } from './credentials';
import { errorForResponse, RedditAuthError, RedditError, RedditMalformedResponseError } from './errors';
import { isRecord, NOT_JSON, parseJson, shortReason } from './json';
import { rateLimitWaitMs } from './rate-limit-wait';
import { sendRequest, type FetchLike, type HttpResponse } from './reddit-http';

/** Options of {@link TokenManager}. */
export interface TokenManagerOptions {
  readonly fetch: FetchLike;
  readonly clock: Clock;
  readonly credentials: RedditCredentials;
  /** An already validated user agent. */
  readonly userAgent: string;
  readonly authUrl: string;
  readonly requestTimeoutMs: number;
  /** Called after each token request, for metrics. */
  readonly onResponse?: (status: number | 'network-error', durationMs: number) => void;
}

interface Token {
  readonly value: string;
  readonly refreshAt: number;
  readonly expiresAt: number;
}

/** Refresh this long before expiry: 10% of the lifetime, at least 60 s, at most half of it. */
export function refreshMarginMs(lifetimeMs: number): number {
  return Math.min(Math.max(60_000, lifetimeMs * 0.1), lifetimeMs / 2);
}

/**
 * Holds the OAuth access token: fetches it on first use, refreshes it before it expires (from the
 * response's `expires_in`, never a constant), shares one refresh between concurrent callers, and
 * drops it on {@link invalidate} (the 401 path). Secrets never reach errors or logs.
 */
export class TokenManager {
  private readonly options: TokenManagerOptions;
  private token: Token | null = null;
  private refreshing: Promise<Token> | null = null;

  constructor(options: TokenManagerOptions) {
    assertValidCredentials(options.credentials);
    this.options = options;
  }

  /** A token fit for the next request, fetching or refreshing it first if needed. */
  async getToken(signal?: AbortSignal): Promise<string> {
    throwIfAborted(signal);
    const current = this.token;
    if (current && this.options.clock.now() < current.refreshAt) return current.value;
    // The shared refresh is not tied to one caller's signal: an aborting caller only stops waiting.
    this.refreshing ??= this.refresh().finally(() => {
      this.refreshing = null;
    });
    try {
      return (await abortable(this.refreshing, signal)).value;
    } catch (error) {
      // An early refresh that failed for a passing reason leaves the current token good until it expires.
      const passing = error instanceof RedditError && !(error instanceof RedditAuthError);
      if (passing && current && this.token === current && this.options.clock.now() < current.expiresAt) return current.value;
      throw error;
    }
  }

  /** Forgets the token (Reddit answered 401); with `token`, only if it is still the current one. */
  invalidate(token?: string): void {
    if (token === undefined || this.token?.value === token) this.token = null;
  }

  /** True while a token is held and not expired (for readiness). */
  tokenValid(): boolean {
    return this.token !== null && this.options.clock.now() < this.token.expiresAt;
  }

  private async refresh(): Promise<Token> {
    const { clock, credentials, authUrl, userAgent } = this.options;
    const started = clock.now();
    let response: HttpResponse;
    try {
      const request = tokenRequest(credentials, authUrl, userAgent);
      response = await sendRequest(request, { fetch: this.options.fetch, timeoutMs: this.options.requestTimeoutMs });
    } catch (error) {
      this.options.onResponse?.('network-error', clock.now() - started);
      throw error;
    }
    this.options.onResponse?.(response.status, clock.now() - started);
    this.token = toToken(response, started, clock.now());
    return this.token;
  }
}

/** The token of a response to the token request, or the error it means. */
function toToken(response: HttpResponse, requestedAt: number, now: number): Token {
  const body = parseJson(response.body);
  if (response.status !== 200) {
    const retryAfterMs = response.status === 429 ? rateLimitWaitMs(response.headers, now) : null;
    throw errorForResponse({ endpoint: 'token', status: response.status, reason: shortReason(body, 'error'), retryAfterMs });
  }
  const malformed = (detail: string): RedditMalformedResponseError =>
    new RedditMalformedResponseError({ endpoint: 'token', status: 200, detail });
  if (body === NOT_JSON) throw malformed('not JSON');
  // Reddit answers a wrong username or password with 200 {"error": "invalid_grant"}.
  if (isRecord(body) && body['error'] !== undefined) {
    throw new RedditAuthError({ endpoint: 'token', status: 200, reason: shortReason(body, 'error') ?? 'error' });
  }
  if (!isRecord(body)) throw malformed('not a JSON object');
  const value = body['access_token'];
  const expiresIn = body['expires_in'];
  if (typeof value !== 'string' || value === '') throw malformed('no access_token');
  if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn <= 0) {
    throw malformed('no positive expires_in');
  }
  // Counted from before the request, so network time only makes us refresh earlier.
  const lifetimeMs = expiresIn * 1000;
  return { value, expiresAt: requestedAt + lifetimeMs, refreshAt: requestedAt + lifetimeMs - refreshMarginMs(lifetimeMs) };
}
