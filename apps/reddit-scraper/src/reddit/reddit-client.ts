import type { Log } from '@sentiment-ingest/runtime';
import { backoffDelay, isRetryableStatus, throwIfAborted, type Clock } from '@sentiment-ingest/scraper-kit';
import type { RedditCredentials } from './credentials';
import {
  errorForResponse,
  RedditAuthError,
  RedditError,
  RedditMalformedResponseError,
  RedditNetworkError,
  RedditRateLimitedError,
  RedditResponseTooLargeError,
  RedditServerError,
  type RedditEndpoint,
} from './errors';
import { NOT_JSON, parseJson, shortReason } from './json';
import { toListing, type Listing } from './listing';
import { rateLimitWaitMs } from './rate-limit-wait';
import { RateLimiter, type RateLimitSnapshot } from './rate-limiter';
import { BodyTooLargeError, sendRequest, type FetchLike, type HttpResponse } from './reddit-http';
import { chunk, infoUrl, listingUrl, MAX_PAGE_SIZE, type ListingKind, type ListingPage } from './reddit-urls';
import { TokenManager } from './token-manager';
import { assertValidUserAgent } from './user-agent';

/** One response (or failure to get one), for metrics. */
export interface RedditResponseEvent {
  readonly endpoint: RedditEndpoint;
  readonly status: number | 'network-error';
  readonly durationMs: number;
  readonly rateLimit: RateLimitSnapshot;
}

/** Receives every response for metrics; must not throw. */
export interface RedditObserver {
  onResponse(event: RedditResponseEvent): void;
}

/** Options of {@link RedditClient}; collaborators are injected, so tests pass fakes. */
export interface RedditClientOptions {
  readonly fetch: FetchLike;
  readonly clock: Clock;
  readonly credentials: RedditCredentials;
  /** `<platform>:<app id>:<version> (by /u/<username>)`; validated at construction. */
  readonly userAgent: string;
  /** Default `https://oauth.reddit.com`. */
  readonly apiBaseUrl?: string;
  /** Default `https://www.reddit.com/api/v1/access_token`. */
  readonly authUrl?: string;
  /** Per request, including reading the body (default 15 s). */
  readonly requestTimeoutMs?: number;
  /** Retries after network errors, 5xx/408/520/522 and 429 (default 4, so at most 5 attempts). */
  readonly maxRetries?: number;
  /**
   * Largest response body read (default 8 MiB). A larger page is asked for again with half the
   * items, down to one, so very large posts never hold more than this in memory.
   */
  readonly maxResponseBytes?: number;
  /** Source of backoff jitter in [0, 1) (default `Math.random`). */
  readonly random?: () => number;
  /** Shared when several clients use one client id: one client id is one rate budget (DESIGN §4). */
  readonly rateLimiter?: RateLimiter;
  readonly observer?: RedditObserver;
  readonly log?: Log;
}

/** A 429 asking for a longer wait than one rate-limit window is handed back to the caller. */
const MAX_RETRY_WAIT_MS = 600_000;

/** Default of {@link RedditClientOptions.maxResponseBytes}: a page of 100 typical posts is ~0.5 MB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

type Outcome =
  | { readonly kind: 'ok'; readonly listing: Listing }
  | { readonly kind: 'unauthorized'; readonly token: string }
  | { readonly kind: 'failed'; readonly error: RedditError };

/**
 * Reads Reddit over OAuth: paced by the rate limiter, retried with jittered backoff where retrying
 * can help, one token refresh on a 401, and errors classified by what the caller does next.
 */
export class RedditClient {
  private readonly options: RedditClientOptions;
  private readonly userAgent: string;
  private readonly apiBaseUrl: string;
  private readonly limiter: RateLimiter;
  private readonly tokens: TokenManager;
  private readonly maxRetries: number;
  private readonly random: () => number;
  /** per group of subreddits, the page size to try next after a page was too large */
  private readonly fittingLimits = new Map<string, number>();

  constructor(options: RedditClientOptions) {
    this.options = options;
    this.userAgent = assertValidUserAgent(options.userAgent);
    this.apiBaseUrl = options.apiBaseUrl ?? 'https://oauth.reddit.com';
    this.limiter = options.rateLimiter ?? new RateLimiter({ clock: options.clock });
    this.maxRetries = options.maxRetries ?? 4;
    this.random = options.random ?? Math.random;
    this.tokens = new TokenManager({
      fetch: options.fetch,
      clock: options.clock,
      credentials: options.credentials,
      userAgent: this.userAgent,
      authUrl: options.authUrl ?? 'https://www.reddit.com/api/v1/access_token',
      requestTimeoutMs: this.timeoutMs,
      onResponse: (status, durationMs) => this.report('token', status, durationMs),
    });
  }

  /**
   * Newest submissions of `subreddits` (one combined `/r/a+b/new` request), one page. A page whose
   * body passes `maxResponseBytes` is asked for again with half the items (its `after` cursor still
   * leads on), so the page returned may hold fewer items than `limit`.
   */
  listNew(subreddits: readonly string[], page: ListingPage = {}, signal?: AbortSignal): Promise<Listing> {
    return this.list('new', subreddits, page, signal);
  }

  /** Newest comments of `subreddits` (one combined `/r/a+b/comments` request), one page, as {@link listNew}. */
  listComments(subreddits: readonly string[], page: ListingPage = {}, signal?: AbortSignal): Promise<Listing> {
    return this.list('comments', subreddits, page, signal);
  }

  private async list(kind: ListingKind, subreddits: readonly string[], page: ListingPage, signal?: AbortSignal): Promise<Listing> {
    const endpoint = kind === 'new' ? 'listing' : 'comments';
    const key = `${kind}:${subreddits.join('+')}`;
    const requested = page.limit ?? MAX_PAGE_SIZE;
    // After a page too large, start the next one of these subreddits from the size that fitted,
    // doubling back towards the requested size with each page that fits.
    let limit = Math.min(requested, this.fittingLimits.get(key) ?? requested);
    for (;;) {
      try {
        const listing = await this.fetchListing(endpoint, listingUrl(this.apiBaseUrl, subreddits, { ...page, limit }, kind), subreddits, signal, limit);
        if (limit < requested) this.fittingLimits.set(key, limit * 2);
        else this.fittingLimits.delete(key);
        return listing;
      } catch (error) {
        if (!(error instanceof RedditResponseTooLargeError) || limit <= 1) throw error;
        limit = Math.floor(limit / 2);
        this.fittingLimits.set(key, limit);
        this.options.log?.warn({ endpoint, maxBytes: error.maxBytes, limit }, 'Reddit page too large; asking for fewer items');
      }
    }
  }

  /**
   * Current state of items by fullname, 100 per request, in request order; Reddit drops unknown ids.
   * A response past `maxResponseBytes` is asked for again in halves.
   */
  async info(fullnames: readonly string[], signal?: AbortSignal): Promise<unknown[]> {
    const items: unknown[] = [];
    for (const ids of chunk(fullnames, MAX_PAGE_SIZE)) items.push(...(await this.infoChunk(ids, signal)));
    return items;
  }

  private async infoChunk(ids: readonly string[], signal?: AbortSignal): Promise<unknown[]> {
    try {
      return (await this.fetchListing('info', infoUrl(this.apiBaseUrl, ids), [], signal, ids.length)).items;
    } catch (error) {
      if (!(error instanceof RedditResponseTooLargeError) || ids.length <= 1) throw error;
      const half = Math.ceil(ids.length / 2);
      this.options.log?.warn({ endpoint: 'info', maxBytes: error.maxBytes, ids: half }, 'Reddit response too large; asking in halves');
      return [...(await this.infoChunk(ids.slice(0, half), signal)), ...(await this.infoChunk(ids.slice(half), signal))];
    }
  }

  /** True while a token is held and not expired (for readiness). */
  tokenValid(): boolean {
    return this.tokens.tokenValid();
  }

  /** The rate-limit window as last seen (for metrics). */
  rateLimit(): RateLimitSnapshot {
    return this.limiter.snapshot();
  }

  private get timeoutMs(): number {
    return this.options.requestTimeoutMs ?? 15_000;
  }

  private async fetchListing(
    endpoint: RedditEndpoint,
    url: string,
    subreddits: readonly string[],
    signal: AbortSignal | undefined,
    items: number,
  ): Promise<Listing> {
    let retries = 0;
    let refreshed = false;
    for (;;) {
      throwIfAborted(signal);
      const outcome = await this.attempt(endpoint, url, subreddits, signal, items);
      if (outcome.kind === 'ok') return outcome.listing;
      if (outcome.kind === 'unauthorized') {
        if (refreshed) throw new RedditAuthError({ endpoint, status: 401, reason: 'HTTP 401 again after a token refresh' });
        refreshed = true;
        this.tokens.invalidate(outcome.token);
        this.options.log?.info({ endpoint }, 'Reddit rejected the access token; refreshing it once');
        continue;
      }
      const { error } = outcome;
      const delayMs = this.retryDelay(error, retries);
      if (delayMs === null || retries >= this.maxRetries) throw error;
      retries += 1;
      this.logRetry(endpoint, error, retries, delayMs);
      await this.options.clock.sleep(delayMs, signal);
    }
  }

  /** One try: token, turn, request. Errors a retry may cure come back as `failed`; others throw. */
  private async attempt(
    endpoint: RedditEndpoint,
    url: string,
    subreddits: readonly string[],
    signal: AbortSignal | undefined,
    items: number,
  ): Promise<Outcome> {
    const { clock } = this.options;
    let token: string;
    let response: HttpResponse;
    let started = clock.now();
    try {
      token = await this.tokens.getToken(signal);
      await this.limiter.waitForTurn(signal);
      started = clock.now();
      const headers = { Authorization: `bearer ${token}`, 'User-Agent': this.userAgent };
      const maxBodyBytes = this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
      try {
        response = await sendRequest({ endpoint, method: 'GET', url, headers }, { fetch: this.options.fetch, timeoutMs: this.timeoutMs, signal, maxBodyBytes });
      } catch (error) {
        if (!(error instanceof BodyTooLargeError)) throw error;
        this.report(endpoint, 200, clock.now() - started);
        throw new RedditResponseTooLargeError({ endpoint, maxBytes: error.maxBytes, items });
      }
    } catch (error) {
      if (error instanceof RedditNetworkError && error.endpoint === endpoint) this.report(endpoint, 'network-error', clock.now() - started);
      if (error instanceof RedditError && isRetryable(error)) return { kind: 'failed', error };
      throw error;
    }
    this.limiter.update(response.headers);
    this.report(endpoint, response.status, clock.now() - started);
    if (response.status === 401) return { kind: 'unauthorized', token };
    const body = parseJson(response.body);
    if (response.status !== 200) {
      const retryAfterMs = response.status === 429 ? rateLimitWaitMs(response.headers, clock.now()) : null;
      const failed = { endpoint, status: response.status, subreddits, reason: shortReason(body, 'reason'), retryAfterMs };
      return { kind: 'failed', error: errorForResponse(failed) };
    }
    const listing = body === NOT_JSON ? { ok: false as const, detail: 'not JSON' } : toListing(body, Buffer.byteLength(response.body));
    if (!listing.ok) throw new RedditMalformedResponseError({ endpoint, status: 200, detail: listing.detail });
    return { kind: 'ok', listing: listing.listing };
  }

  /** How long to wait before retrying after `error`, or null when retrying cannot help. */
  private retryDelay(error: RedditError, retries: number): number | null {
    if (!isRetryable(error)) return null;
    if (!(error instanceof RedditRateLimitedError)) return backoffDelay(retries, this.random);
    const waitMs = error.retryAfterMs ?? backoffDelay(retries, this.random);
    return waitMs <= MAX_RETRY_WAIT_MS ? waitMs : null;
  }

  private logRetry(endpoint: RedditEndpoint, error: RedditError, attempt: number, delayMs: number): void {
    if (error instanceof RedditRateLimitedError) {
      this.options.log?.warn({ endpoint, attempt, retryAfterMs: delayMs }, 'Reddit rate limit hit (429); waiting before retrying');
    } else {
      this.options.log?.warn({ endpoint, attempt, delayMs, code: error.code }, 'Reddit request failed; retrying after backoff');
    }
  }

  private report(endpoint: RedditEndpoint, status: number | 'network-error', durationMs: number): void {
    this.options.observer?.onResponse({ endpoint, status, durationMs, rateLimit: this.limiter.snapshot() });
  }
}

/** Errors a later attempt may cure: no response, Reddit's own failures, rate limiting. */
function isRetryable(error: RedditError): boolean {
  if (error instanceof RedditServerError) return isRetryableStatus(error.status);
  return error instanceof RedditNetworkError || error instanceof RedditRateLimitedError;
}
