/** How the walk treats an id the API answers `null` for. */
export interface NullAnswerPolicy {
  /** how long a fresh id is asked again before it is recorded absent */
  readonly retryMs: number;
}

/** An id answered `null`, waiting to be asked again. */
export interface PendingNull {
  readonly id: number;
  /** ms since the epoch of the first `null` */
  readonly firstNullAt: number;
  readonly attempts: number;
  /** ms since the epoch: when to ask again */
  readonly dueAt: number;
}

/** What to do after one more `null` for an id. */
export type NullVerdict = { readonly kind: 'retry'; readonly pending: PendingNull } | { readonly kind: 'absent' };

/** Waits between asks: 0.5 s, 1 s, 2 s, ... at most 8 s (fresh ids appear within seconds). */
export function nullRetryDelayMs(attempts: number): number {
  return Math.min(8_000, 500 * 2 ** Math.max(0, attempts - 1));
}

/**
 * The next step for an id answered `null` at `now` (`previous`: its earlier nulls). The API answers
 * `null` for a fresh id until the item propagates (seconds, now and then minutes), and for ids that
 * never exist. The id is asked again until `retryMs` has passed since its first `null`, then it is
 * absent. `olderThanRetry` cuts that short: a later id was created more than `retryMs` ago, so this
 * one (ids grow with time) has had every chance to appear; a backfill then does not wait on holes.
 */
export function afterNull(
  id: number,
  now: number,
  previous: PendingNull | undefined,
  policy: NullAnswerPolicy,
  evidence: { readonly laterIdCreatedAt: number | null },
): NullVerdict {
  const firstNullAt = previous?.firstNullAt ?? now;
  if (now - firstNullAt >= policy.retryMs) return { kind: 'absent' };
  if (evidence.laterIdCreatedAt !== null && now - evidence.laterIdCreatedAt >= policy.retryMs) return { kind: 'absent' };
  const attempts = (previous?.attempts ?? 0) + 1;
  const dueAt = Math.min(now + nullRetryDelayMs(attempts), firstNullAt + policy.retryMs);
  return { kind: 'retry', pending: { id, firstNullAt, attempts, dueAt } };
}
