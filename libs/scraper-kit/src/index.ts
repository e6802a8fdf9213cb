/** Public API of the scraper kit: what every long-running scraper needs, whatever its source. */
export { AbortError, abortable, isAbortError, throwIfAborted } from './lib/time/abort';
export { systemClock, type Clock } from './lib/time/clock';
export { backoffDelay, DEFAULT_BACKOFF, isRetryableStatus, RETRYABLE_STATUSES, type BackoffOptions } from './lib/retry/backoff';
export { retryAfterMs, retryWaitMs, secondsHeaderMs, type HeaderSource, type RetryWaitOptions } from './lib/retry/retry-after';
