/**
 * Errors of the Reddit client, grouped by what the caller does next, after prawcore's split between
 * "no response came back" and "a response came back" (docs/design-notes.md, "Code conventions").
 */

/** The Reddit endpoints the client calls, as named in errors, logs and metrics. */
export type RedditEndpoint = 'token' | 'listing' | 'comments' | 'info';

/** A response that was not a success, as far as the errors need to know it. Never holds secrets. */
export interface FailedResponse {
  readonly endpoint: RedditEndpoint;
  readonly status: number;
  /** Subreddits of a listing request. */
  readonly subreddits?: readonly string[];
  /** Reddit's short reason (`private`, `banned`, `quarantined`, `invalid_grant`...) when it gave one. */
  readonly reason?: string;
  /** How long Reddit asked us to wait (Retry-After or the rate-limit reset), if it said. */
  readonly retryAfterMs?: number | null;
}

/** Base of all Reddit client errors: a stable `code` to branch on, the original error as `cause`. */
export abstract class RedditError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** No response came back (connection failed or timed out): retrying may help. */
export class RedditNetworkError extends RedditError {
  readonly code = 'REDDIT_NETWORK';
  readonly endpoint: RedditEndpoint;
  readonly timedOut: boolean;
  constructor(details: { endpoint: RedditEndpoint; timedOut: boolean }, options?: { cause?: unknown }) {
    const what = details.timedOut ? 'the request timed out' : 'the connection failed';
    super(`No response from Reddit's ${details.endpoint} endpoint: ${what}`, options);
    this.endpoint = details.endpoint;
    this.timedOut = details.timedOut;
  }
}

/** Reddit failed on its side (5xx, 408, Cloudflare 520/522), also after our retries: retry later. */
export class RedditServerError extends RedditError {
  readonly code = 'REDDIT_SERVER';
  readonly endpoint: RedditEndpoint;
  readonly status: number;
  constructor(response: FailedResponse) {
    super(`Reddit answered HTTP ${response.status} on the ${response.endpoint} endpoint; retry later`);
    this.endpoint = response.endpoint;
    this.status = response.status;
  }
}

/** HTTP 429: wait `retryAfterMs` (null when Reddit gave no hint: back off) before the next request. */
export class RedditRateLimitedError extends RedditError {
  readonly code = 'REDDIT_RATE_LIMITED';
  readonly endpoint: RedditEndpoint;
  readonly status = 429;
  readonly retryAfterMs: number | null;
  constructor(response: FailedResponse) {
    const wait = response.retryAfterMs == null ? 'back off' : `wait ${response.retryAfterMs} ms`;
    super(`Reddit rate-limited the ${response.endpoint} endpoint (HTTP 429); ${wait} before retrying`);
    this.endpoint = response.endpoint;
    this.retryAfterMs = response.retryAfterMs ?? null;
  }
}

/** The credentials were rejected (token endpoint, or 401 again after one refresh): fix the configuration. */
export class RedditAuthError extends RedditError {
  readonly code = 'REDDIT_AUTH';
  readonly endpoint: RedditEndpoint;
  readonly status: number;
  readonly reason: string;
  constructor(response: FailedResponse) {
    const reason = response.reason ?? `HTTP ${response.status}`;
    super(
      `Reddit rejected the credentials on the ${response.endpoint} endpoint (${reason}); ` +
        'check the client id, client secret and account of the Reddit app',
    );
    this.endpoint = response.endpoint;
    this.status = response.status;
    this.reason = reason;
  }
}

/** A subreddit is private, quarantined, banned or missing (403, 404, redirect): skip it, retry later. */
export class RedditSubredditUnavailableError extends RedditError {
  readonly code = 'REDDIT_SUBREDDIT_UNAVAILABLE';
  readonly status: number;
  readonly subreddits: readonly string[];
  readonly reason: string;
  constructor(response: FailedResponse) {
    const reason = response.reason ?? defaultUnavailableReason(response.status);
    const subreddits = response.subreddits ?? [];
    super(`r/${subreddits.join('+')} is unavailable (${reason}, HTTP ${response.status}); skip it and retry later`);
    this.status = response.status;
    this.subreddits = subreddits;
    this.reason = reason;
  }
}

/** Reddit refused the request as sent (other 4xx), or we refused to send it: do not retry. */
export class RedditBadRequestError extends RedditError {
  readonly code = 'REDDIT_BAD_REQUEST';
  readonly endpoint: RedditEndpoint;
  /** The HTTP status, or null when the request was refused before it was sent. */
  readonly status: number | null;
  constructor(response: FailedResponse | { endpoint: RedditEndpoint; status: null; reason: string }) {
    super(
      response.status === null
        ? `Invalid ${response.endpoint} request: ${response.reason}`
        : `Reddit answered HTTP ${response.status} on the ${response.endpoint} endpoint; do not retry as is`,
    );
    this.endpoint = response.endpoint;
    this.status = response.status;
  }
}

/** The body is not JSON or not the expected shape (a Listing, a token): retrying later may help. */
export class RedditMalformedResponseError extends RedditError {
  readonly code = 'REDDIT_MALFORMED_RESPONSE';
  readonly endpoint: RedditEndpoint;
  readonly status: number;
  constructor(response: FailedResponse & { detail: string }, options?: { cause?: unknown }) {
    super(`Reddit's ${response.endpoint} response (HTTP ${response.status}) is malformed: ${response.detail}`, options);
    this.endpoint = response.endpoint;
    this.status = response.status;
  }
}

/**
 * The response body grew past the configured limit and was not read further. The client asks again
 * for fewer items; a single item past the limit cannot be read at all (raise REDDIT_MAX_RESPONSE_BYTES).
 */
export class RedditResponseTooLargeError extends RedditError {
  readonly code = 'REDDIT_RESPONSE_TOO_LARGE';
  readonly endpoint: RedditEndpoint;
  readonly maxBytes: number;
  constructor(details: { endpoint: RedditEndpoint; maxBytes: number; items: number }) {
    super(
      `Reddit's ${details.endpoint} response for ${details.items} item(s) is larger than ${details.maxBytes} bytes ` +
        '(REDDIT_MAX_RESPONSE_BYTES); not read, to keep memory bounded',
    );
    this.endpoint = details.endpoint;
    this.maxBytes = details.maxBytes;
  }
}

/** The client was configured wrongly (user agent, credentials): fix the configuration and restart. */
export class RedditConfigError extends RedditError {
  readonly code = 'REDDIT_CONFIG';
}

type ResponseErrorClass = new (response: FailedResponse) => RedditError;

/** Status -> error class (prawcore's STATUS_EXCEPTIONS). Statuses not listed fall back by class (4xx, 5xx). */
export const STATUS_ERRORS: ReadonlyMap<number, ResponseErrorClass> = new Map<number, ResponseErrorClass>([
  [301, RedditSubredditUnavailableError], // /r/x redirects to a search page when x does not exist
  [302, RedditSubredditUnavailableError],
  [307, RedditSubredditUnavailableError],
  [308, RedditSubredditUnavailableError],
  [400, RedditBadRequestError],
  [401, RedditAuthError],
  [403, RedditSubredditUnavailableError], // {"reason": "private" | "quarantined" | "gated"}
  [404, RedditSubredditUnavailableError], // {"reason": "banned"}, or no such subreddit
  [408, RedditServerError],
  [429, RedditRateLimitedError],
  [500, RedditServerError],
  [502, RedditServerError],
  [503, RedditServerError],
  [504, RedditServerError],
  [520, RedditServerError], // Cloudflare: unknown error
  [522, RedditServerError], // Cloudflare: connection timed out
]);

/** The error for a non-success response, from {@link STATUS_ERRORS} refined by endpoint. */
export function errorForResponse(response: FailedResponse): RedditError {
  const Class = classFor(response.status);
  // Only a listing (of posts or comments) names subreddits; on the token endpoint every refusal means bad credentials.
  if (Class === RedditSubredditUnavailableError && response.endpoint !== 'listing' && response.endpoint !== 'comments') {
    return response.endpoint === 'token' ? new RedditAuthError(response) : new RedditBadRequestError(response);
  }
  if (Class === RedditBadRequestError && response.endpoint === 'token') return new RedditAuthError(response);
  return new Class(response);
}

function classFor(status: number): ResponseErrorClass {
  const Class = STATUS_ERRORS.get(status);
  if (Class) return Class;
  if (status >= 500) return RedditServerError;
  return RedditBadRequestError;
}

function defaultUnavailableReason(status: number): string {
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  return 'redirect';
}
