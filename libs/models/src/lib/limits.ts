/**
 * Rules every source's normalisation shares: which creation times we trust, and which counts
 * PostgreSQL can store. One definition, so that Reddit and Hacker News reject the same things alike.
 */

/**
 * How far ahead of our clock an item's creation time may be (clock skew between a source and us).
 * A later time is untrusted: stored, it would move a stream's checkpoint into the future and make
 * every later page look already read.
 */
export const MAX_FUTURE_SKEW_MS = 5 * 60_000;

/** The columns of counts are PostgreSQL `int` (32 bits): a larger number cannot be stored. */
export const INT4_MIN = -2_147_483_648;
export const INT4_MAX = 2_147_483_647;

/** True when the number, truncated, fits a PostgreSQL `int`. */
export const fitsInt4 = (n: number): boolean => Math.trunc(n) >= INT4_MIN && Math.trunc(n) <= INT4_MAX;

/** The reason to reject a creation time more than {@link MAX_FUTURE_SKEW_MS} after `now`, else null. */
export function futureTimeProblem(field: string, created: Date, now: Date): string | null {
  if (created.getTime() <= now.getTime() + MAX_FUTURE_SKEW_MS) return null;
  return `${field} ${created.toISOString()} is in the future (more than ${MAX_FUTURE_SKEW_MS / 60_000} minutes after ${now.toISOString()})`;
}
