/**
 * Comments share the one client id's request budget with posts (Reddit's rules: one budget per
 * client id, never more ids to scale). Posts come first: a comments poll goes only when the rate
 * window, after what posts are expected to need until it resets, still has room for it.
 */

/** How far back the posts' request rate is measured. */
export const POSTS_USAGE_WINDOW_MS = 10 * 60_000;
/** Requests kept free in every window beyond the posts' measured need (their bursts and retries). */
export const POSTS_HEADROOM_REQUESTS = 10;
/** At least this long between two looks at the budget when a comments poll had to wait. */
export const MIN_BUDGET_WAIT_MS = 1_000;

/** The rate window and the posts' need, as the comments stream sees them before a poll. */
export interface CommentsBudgetInput {
  /** ms since the epoch */
  readonly now: number;
  /** requests left in the client id's current window (the rate limiter's reading) */
  readonly remaining: number;
  /** when the window resets (ms since the epoch) */
  readonly resetAt: number;
  /** requests per minute the posts (polls and engagement refreshes) spent lately */
  readonly postsRequestsPerMinute: number;
  /** requests the comments poll is expected to cost (its last poll's pages; at least 1) */
  readonly pollCost: number;
}

/**
 * How long a comments poll must wait for the budget: 0 when the window's remaining requests cover
 * the posts' expected need until the reset (at their recent rate, plus a headroom) and this poll;
 * otherwise until the window resets, when the budget is whole again. Pure.
 */
export function commentsBudgetWaitMs(input: CommentsBudgetInput): number {
  const untilReset = Math.max(0, input.resetAt - input.now);
  const postsNeed = (input.postsRequestsPerMinute * untilReset) / 60_000 + POSTS_HEADROOM_REQUESTS;
  const spare = input.remaining - postsNeed;
  if (spare >= Math.max(1, input.pollCost)) return 0;
  return Math.max(untilReset, MIN_BUDGET_WAIT_MS);
}

/** One task's spending: `requests` made by a posts poll or an engagement round that ended `at`. */
export interface RequestUsage {
  readonly at: number;
  readonly requests: number;
}

/**
 * Requests per minute over the usage of the last {@link POSTS_USAGE_WINDOW_MS}. n tasks seen over a
 * span s stand for n intervals of s/(n-1) (the first task's own interval is not seen yet), so a short
 * history is not read as a low rate; one task alone counts over a minute. Pure.
 */
export function requestsPerMinute(usage: readonly RequestUsage[], now: number): number {
  const recent = usage.filter((u) => now - u.at <= POSTS_USAGE_WINDOW_MS);
  if (recent.length === 0) return 0;
  const total = recent.reduce((sum, u) => sum + u.requests, 0);
  const n = recent.length;
  const seen = now - Math.min(...recent.map((u) => u.at));
  const span = n === 1 ? 60_000 : Math.min(POSTS_USAGE_WINDOW_MS, Math.max(MIN_USAGE_SPAN_MS, (seen * n) / (n - 1)));
  return (total * 60_000) / span;
}

/** The shortest span a rate is measured over (tasks at the same instant are not an infinite rate). */
const MIN_USAGE_SPAN_MS = 10_000;

/**
 * Requests a task made, from the window's `used` count before and after it; a window that reset
 * meanwhile counts from zero. Pure.
 */
export function requestsBetween(usedBefore: number, usedAfter: number): number {
  return usedAfter >= usedBefore ? usedAfter - usedBefore : usedAfter;
}
