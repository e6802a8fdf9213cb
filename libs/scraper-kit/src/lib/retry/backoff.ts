/** Retry timing: pure functions of the attempt number and a random source. */

/** Bounds of the exponential backoff. */
export interface BackoffOptions {
  /** Ceiling of the first retry's wait. */
  readonly baseMs: number;
  /** No wait is longer than this. */
  readonly capMs: number;
}

/** 1 s, doubling, never more than 30 s. */
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, capMs: 30_000 };

/**
 * Wait before retry number `attempt` (0 for the first retry): "equal jitter", i.e. uniformly between
 * half and all of `min(cap, base * 2^attempt)`. Always waits a little (unlike full jitter), yet
 * spreads clients that failed together.
 */
export function backoffDelay(attempt: number, random: () => number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, attempt));
  const unit = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling / 2 + (unit * ceiling) / 2);
}

/**
 * HTTP statuses a later attempt may cure, retried with backoff: server failures, request timeout,
 * and Cloudflare's 520/522 in front of many sites (prawcore's RETRY_STATUSES).
 */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 500, 502, 503, 504, 520, 522]);

/** True for a status worth retrying after a backoff: 500/502/503/504, 408, Cloudflare 520/522. */
export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}
