import { throwIfAborted, type Clock, type HeaderSource } from '@sentiment-ingest/scraper-kit';

/** The rate-limit state, for metrics. */
export interface RateLimitSnapshot {
  /** Requests left in the current window (Reddit sends a float, e.g. "597.0"). */
  readonly remaining: number;
  /** Requests used in the current window. */
  readonly used: number;
  /** When the window resets, in ms since the epoch. */
  readonly resetAt: number;
}

/** Options of {@link RateLimiter}. */
export interface RateLimiterOptions {
  readonly clock: Clock;
  /** Requests per window assumed until Reddit's headers say otherwise (DESIGN §4: 100/min over 600 s). */
  readonly budget?: number;
  readonly windowMs?: number;
}

/** At zero remaining, never retry sooner than this (DESIGN §4). */
const MIN_EXHAUSTED_WAIT_MS = 1_000;

/**
 * Paces requests from Reddit's `x-ratelimit-*` headers (after prawcore's `rate_limit.py`): the next
 * request goes at `now + reset / remaining`, spreading the budget evenly over the rest of the window
 * instead of bursting to zero; at zero remaining it waits until the reset.
 */
export class RateLimiter {
  private readonly clock: Clock;
  private readonly budget: number;
  private readonly windowMs: number;
  private remaining: number;
  private used = 0;
  private resetAt: number;
  private nextAt: number;

  constructor(options: RateLimiterOptions) {
    this.clock = options.clock;
    this.budget = options.budget ?? 1000;
    this.windowMs = options.windowMs ?? 600_000;
    this.remaining = this.budget;
    this.resetAt = this.clock.now() + this.windowMs;
    this.nextAt = this.clock.now();
  }

  /**
   * Waits until the next request may go. Each caller reserves its own slot, so concurrent callers
   * are spaced out rather than released together.
   */
  async waitForTurn(signal?: AbortSignal): Promise<void> {
    throwIfAborted(signal);
    const now = this.clock.now();
    this.rollWindow(now);
    // Whole milliseconds, rounded up: never early.
    const at = Math.max(now, Math.ceil(this.nextAt));
    this.nextAt = at + this.spacing(at);
    if (at > now) await this.clock.sleep(at - now, signal);
  }

  /** Takes in a response's headers; a response without rate-limit headers (or null) is counted locally. */
  update(headers: HeaderSource | null): void {
    const now = this.clock.now();
    const fresh = headers ? parseHeaders(headers) : null;
    if (fresh) {
      this.remaining = fresh.remaining;
      this.used = fresh.used ?? this.used + 1;
      this.resetAt = now + fresh.resetMs;
    } else {
      this.rollWindow(now);
      this.remaining = Math.max(0, this.remaining - 1);
      this.used += 1;
    }
    // Never earlier than a slot already handed out to a concurrent caller.
    this.nextAt = Math.max(this.nextAt, now + this.spacing(now));
  }

  /** The current window as last reported by Reddit (or counted locally). */
  snapshot(): RateLimitSnapshot {
    return { remaining: this.remaining, used: this.used, resetAt: this.resetAt };
  }

  /** Time from `at` to the request after it. */
  private spacing(at: number): number {
    if (this.remaining < 1) return Math.max(this.resetAt - at, MIN_EXHAUSTED_WAIT_MS);
    if (at >= this.resetAt) return this.windowMs / this.budget;
    return (this.resetAt - at) / this.remaining;
  }

  /** Without fresh headers, assume the full budget again once the window has passed. */
  private rollWindow(now: number): void {
    if (now < this.resetAt) return;
    this.remaining = this.budget;
    this.used = 0;
    this.resetAt = now + this.windowMs;
  }
}

function parseHeaders(headers: HeaderSource): { remaining: number; used: number | null; resetMs: number } | null {
  const remaining = parseNumber(headers.get('x-ratelimit-remaining'));
  const reset = parseNumber(headers.get('x-ratelimit-reset'));
  if (remaining === null || reset === null) return null;
  return { remaining, used: parseNumber(headers.get('x-ratelimit-used')), resetMs: reset * 1000 };
}

function parseNumber(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : null;
}
