/** Bounds of the wait before a failed task runs again. */
export interface FailureBackoff {
  /** the unit: the first retry waits twice this */
  readonly minMs: number;
  /** no retry waits longer */
  readonly maxMs: number;
}

/** At most 2^6 = 64 times the minimum: beyond that only the maximum bounds the wait. */
const MAX_DOUBLINGS = 6;

/**
 * Wait before a task runs again after its `failures`-th failure in a row: `minMs * 2^failures`
 * (at most 6 doublings), never more than `maxMs`. No jitter: one process runs its tasks one at a
 * time, so there is no herd of clients to spread.
 */
export function failureBackoffMs(failures: number, backoff: FailureBackoff): number {
  return Math.min(backoff.maxMs, backoff.minMs * 2 ** Math.min(Math.max(0, failures), MAX_DOUBLINGS));
}
