/** How many new posts a poll aims to find: half a page, so one request usually covers it. */
export const TARGET_NEW_PER_POLL = 50;

/** Weight of the latest observation in the post-rate estimate (exponential moving average). */
const RATE_SMOOTHING = 0.3;

/** Updates a stream's estimated rate of new posts (per second) after a poll found `newPosts` in `elapsedMs`. */
export function updateRate(previous: number | null, newPosts: number, elapsedMs: number): number {
  const observed = newPosts / Math.max(elapsedMs / 1000, 1);
  return previous === null ? observed : previous + RATE_SMOOTHING * (observed - previous);
}

/**
 * Delay until a stream's next poll: long enough to expect about {@link TARGET_NEW_PER_POLL} new posts,
 * within [minMs, maxMs]. A quiet stream is polled at maxMs, a busy one at minMs.
 */
export function nextPollDelay(ratePerSecond: number | null, minMs: number, maxMs: number): number {
  if (ratePerSecond === null) return minMs;
  if (ratePerSecond <= 0) return maxMs;
  const ideal = (TARGET_NEW_PER_POLL / ratePerSecond) * 1000;
  return Math.round(Math.min(maxMs, Math.max(minMs, ideal)));
}

/**
 * The smallest poll interval the rate budget allows: `streams` polls per interval must leave
 * `reserve` of the budget for paging back and engagement refreshes (Reddit allows 100 queries/min).
 */
export function minIntervalForBudget(streams: number, budgetPerMinute: number, reserve = 0.4): number {
  const forPolls = budgetPerMinute * (1 - reserve);
  return Math.ceil((streams / forPolls) * 60_000);
}
