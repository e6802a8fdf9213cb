import { AbortError } from './abort';

/**
 * Time, injected into every scraper part (pacing, backoff, schedules), so that tests run them on
 * virtual time against exact deadlines (docs/design-notes.md, "Code conventions").
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Resolves after `ms` (at once for `ms <= 0`); rejects with an AbortError when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock: `Date.now()` and `setTimeout`. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(new AbortError({ cause: signal.reason }));
      // Not unref'd: a service that is only waiting for its next turn must stay alive.
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, Math.max(0, ms));
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(new AbortError({ cause: signal?.reason }));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};
