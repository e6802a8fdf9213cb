import { retryWaitMs, type HeaderSource } from '@sentiment-ingest/scraper-kit';

/** A rate-limited request waits at least this long, even when Reddit says 0 (docs/design-notes.md, "Reddit API rules"). */
export const MIN_RATE_LIMIT_WAIT_MS = 1_000;

/**
 * How long a 429 asks us to wait: `Retry-After` (seconds or an HTTP date), else the rate-limit
 * window's `x-ratelimit-reset` (seconds); null when the response says neither.
 */
export function rateLimitWaitMs(headers: HeaderSource, nowMs: number): number | null {
  return retryWaitMs(headers, nowMs, { resetHeader: 'x-ratelimit-reset', minWaitMs: MIN_RATE_LIMIT_WAIT_MS });
}
