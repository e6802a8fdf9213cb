import type { Clock } from '../time/clock';

/** Options of {@link RateCap}. */
export interface RateCapOptions {
  /** requests per second, sustained */
  readonly perSecond: number;
  /** requests that may go at once after a quiet spell (default: one second's worth, at least 1) */
  readonly burst?: number;
  readonly clock: Clock;
}

/**
 * A requests-per-second cap for a source with no published rate limit (a token bucket on the injected
 * clock): `take` resolves at once while tokens remain and otherwise waits for the next one, so that
 * any number of concurrent callers together stay under the cap. Callers are served in order.
 */
export class RateCap {
  private readonly perMs: number;
  private readonly burst: number;
  private tokens: number;
  private updatedAt: number;
  /** the last caller in line: the next one waits for it first */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: RateCapOptions) {
    if (!(options.perSecond > 0)) throw new RangeError(`RateCap: perSecond must be above 0 (got ${options.perSecond})`);
    this.perMs = options.perSecond / 1000;
    this.burst = Math.max(1, options.burst ?? Math.floor(options.perSecond));
    this.tokens = this.burst;
    this.updatedAt = options.clock.now();
  }

  /** Resolves when one more request may go; rejects with an AbortError when `signal` aborts first. */
  take(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.takeInTurn(signal));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async takeInTurn(signal: AbortSignal | undefined): Promise<void> {
    this.refill();
    if (this.tokens < 1) {
      await this.options.clock.sleep(Math.ceil((1 - this.tokens) / this.perMs), signal);
      this.refill();
    }
    this.tokens -= 1;
  }

  private refill(): void {
    const now = this.options.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + (now - this.updatedAt) * this.perMs);
    this.updatedAt = now;
  }
}
