import type { RateLimitSpec } from './fake-reddit.types';

/** Reddit's budget: 1000 requests per 600-second window per client id (100 queries/min). */
export const DEFAULT_RATE_LIMIT: RateLimitSpec = Object.freeze({ budget: 1000, windowSeconds: 600 });

/** One client's usage of its current window. */
export interface RateWindow {
  readonly windowStartMs: number;
  readonly used: number;
}

/** The `x-ratelimit-*` numbers of a response. */
export interface RateLimitReading {
  readonly used: number;
  readonly remaining: number;
  /** whole seconds until the window ends, rounded up so waiting this long is enough */
  readonly resetSeconds: number;
}

/** The decision for one request. */
export interface RateDecision {
  readonly allowed: boolean;
  /** the window after this request (unchanged when it was refused) */
  readonly window: RateWindow;
  readonly reading: RateLimitReading;
}

/**
 * The window `nowMs` falls in. Windows are fixed and aligned to multiples of their length since
 * the epoch, as Reddit's `x-ratelimit-reset` counts down to the next ten-minute mark.
 */
export function currentWindow(previous: RateWindow | undefined, nowMs: number, spec: RateLimitSpec): RateWindow {
  const length = spec.windowSeconds * 1000;
  const windowStartMs = Math.floor(nowMs / length) * length;
  return previous !== undefined && previous.windowStartMs === windowStartMs ? previous : { windowStartMs, used: 0 };
}

/** What the headers would say now, without counting a request. */
export function readWindow(previous: RateWindow | undefined, nowMs: number, spec: RateLimitSpec): RateLimitReading {
  const window = currentWindow(previous, nowMs, spec);
  return {
    used: window.used,
    remaining: Math.max(0, spec.budget - window.used),
    resetSeconds: Math.ceil((window.windowStartMs + spec.windowSeconds * 1000 - nowMs) / 1000),
  };
}

/** Counts one request; refused (and not counted) once the budget of the window is spent. */
export function consumeRequest(previous: RateWindow | undefined, nowMs: number, spec: RateLimitSpec): RateDecision {
  const window = currentWindow(previous, nowMs, spec);
  if (window.used >= spec.budget) return { allowed: false, window, reading: readWindow(window, nowMs, spec) };
  const next = { windowStartMs: window.windowStartMs, used: window.used + 1 };
  return { allowed: true, window: next, reading: readWindow(next, nowMs, spec) };
}

/** The three headers, formatted as Reddit sends them (`remaining` as a float string: `"997.0"`). */
export function rateLimitHeaders(reading: RateLimitReading): Record<string, string> {
  return {
    'x-ratelimit-used': String(reading.used),
    'x-ratelimit-remaining': reading.remaining.toFixed(1),
    'x-ratelimit-reset': String(reading.resetSeconds),
  };
}
