/** How long a response asks its client to wait: pure parsing of `Retry-After` and reset headers. */

/** Minimal header access, satisfied by fetch's `Headers`. */
export interface HeaderSource {
  get(name: string): string | null;
}

/** Options of {@link retryWaitMs}. */
export interface RetryWaitOptions {
  /** a header holding the seconds until the rate-limit window restarts (a source's own, e.g. `x-ratelimit-reset`) */
  readonly resetHeader?: string;
  /** never wait less than this, even when told 0 (default 0) */
  readonly minWaitMs?: number;
}

/**
 * How long a refused (429, 503) response asks us to wait: `Retry-After` (seconds or an HTTP date),
 * else `resetHeader` (seconds); at least `minWaitMs`; null when the response says neither.
 */
export function retryWaitMs(headers: HeaderSource, nowMs: number, options: RetryWaitOptions = {}): number | null {
  const reset = options.resetHeader === undefined ? null : secondsHeaderMs(headers.get(options.resetHeader));
  const waitMs = retryAfterMs(headers.get('retry-after'), nowMs) ?? reset;
  return waitMs === null ? null : Math.max(options.minWaitMs ?? 0, waitMs);
}

/** A `Retry-After` value in ms: delta-seconds, or an HTTP date (0 once past); null when absent or unreadable. */
export function retryAfterMs(value: string | null, nowMs: number): number | null {
  if (value === null || value.trim() === '') return null;
  const delay = secondsHeaderMs(value);
  if (delay !== null) return delay;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

/** A header holding a number of seconds >= 0 (fractions allowed), in ms; null when absent or not such a number. */
export function secondsHeaderMs(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) && parsed >= 0 ? Math.round(parsed * 1000) : null;
}
