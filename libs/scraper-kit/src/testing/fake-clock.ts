import { AbortError } from '../lib/time/abort';
import type { Clock } from '../lib/time/clock';

/** One call to {@link FakeClock.sleep}: when it was asked, for how long, and until when. */
export interface SleepRecord {
  readonly start: number;
  readonly ms: number;
  readonly deadline: number;
}

interface Sleeper {
  readonly deadline: number;
  readonly resolve: () => void;
}

/** Options of {@link FakeClock}. */
export interface FakeClockOptions {
  /** Virtual start time in ms since the epoch (default 2024-01-01T00:00:00Z). */
  readonly now?: number;
  /**
   * When true, `sleep` moves virtual time to its deadline at once and resolves (for benchmarks and
   * for tests that only check which waits were asked). Concurrent sleeps then add up, as for a
   * single sequential caller.
   */
  readonly autoAdvance?: boolean;
}

/**
 * A virtual {@link Clock} for tests. It records every sleep; in manual mode sleeps resolve only
 * when the test calls {@link advance}, so a test can assert exact deadlines.
 */
export class FakeClock implements Clock {
  /** Every sleep requested so far, in call order. */
  readonly sleeps: SleepRecord[] = [];
  private current: number;
  private readonly autoAdvance: boolean;
  private sleepers: Sleeper[] = [];
  private sleepListeners: Array<() => void> = [];

  constructor(options: FakeClockOptions = {}) {
    this.current = options.now ?? Date.UTC(2024, 0, 1);
    this.autoAdvance = options.autoAdvance ?? false;
  }

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new AbortError({ cause: signal.reason }));
    const wait = Math.max(0, ms);
    const record = { start: this.current, ms: wait, deadline: this.current + wait };
    this.sleeps.push(record);
    if (this.autoAdvance || wait === 0) {
      this.current = record.deadline;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        reject(new AbortError({ cause: signal?.reason }));
      };
      const sleeper: Sleeper = {
        deadline: record.deadline,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.sleepers.push(sleeper);
      this.notifySleep();
    });
  }

  /** Number of sleeps waiting for virtual time to move. */
  pending(): number {
    return this.sleepers.length;
  }

  /** Resolves once at least `count` sleeps are waiting (so a test can act while the code waits). */
  async whenSleeping(count = 1): Promise<void> {
    while (this.sleepers.length < count) await new Promise<void>((r) => this.sleepListeners.push(r));
  }

  /** Moves virtual time forward by `ms`, waking due sleepers in deadline order. */
  advance(ms: number): Promise<void> {
    return this.advanceTo(this.current + ms);
  }

  /** Moves virtual time to `target`, waking each due sleeper at its own deadline, in order. */
  async advanceTo(target: number): Promise<void> {
    for (;;) {
      await flushAsyncWork();
      const due = this.sleepers
        .filter((s) => s.deadline <= target)
        .sort((a, b) => a.deadline - b.deadline)[0];
      if (!due) break;
      this.sleepers = this.sleepers.filter((s) => s !== due);
      this.current = Math.max(this.current, due.deadline);
      due.resolve();
    }
    this.current = Math.max(this.current, target);
    await flushAsyncWork();
  }

  private notifySleep(): void {
    const listeners = this.sleepListeners;
    this.sleepListeners = [];
    for (const listener of listeners) listener();
  }
}

/** Lets promise chains run (response bodies, awaits) before virtual time moves on. */
async function flushAsyncWork(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
