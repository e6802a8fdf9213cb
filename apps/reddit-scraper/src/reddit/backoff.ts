/** Retry timing: pure functions of the attempt number, a random source and response headers. */

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

/** Statuses that are retried with backoff (Reddit behind Cloudflare; prawcore's RETRY_STATUSES). */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 500, 502, 503, 504, 520, 522]);

/** True for a status worth retrying after a backoff: 500/502/503/504, 408, Cloudflare 520/522. */
export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

/** Minimal header access, satisfied by fetch's `Headers`. */
export interface HeaderSource {
  get(name: string): string | null;
}

/** A rate-limited request waits at least this long, even when Reddit says 0. */
export const MIN_RATE_LIMIT_WAIT_MS = 1_000;

/**
 * How long a 429 asks us to wait: `Retry-After` (seconds or an HTTP date), else the rate-limit
 * window's `x-ratelimit-reset` (seconds); null when the response says neither.
 */
export function rateLimitWaitMs(headers: HeaderSource, nowMs: number): number | null {
  const waitMs = retryAfterMs(headers.get('retry-after'), nowMs) ?? seconds(headers.get('x-ratelimit-reset'));
  return waitMs === null ? null : Math.max(MIN_RATE_LIMIT_WAIT_MS, waitMs);
}

function retryAfterMs(value: string | null, nowMs: number): number | null {
  if (value === null || value.trim() === '') return null;
  const delay = seconds(value);
  if (delay !== null) return delay;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

function seconds(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) && parsed >= 0 ? Math.round(parsed * 1000) : null;
}
