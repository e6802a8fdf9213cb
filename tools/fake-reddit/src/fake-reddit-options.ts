import { FakeRedditConfigError } from './errors';
import type { FakeClientSpec, FakeClockLike, FakeRedditOptions, RateLimitSpec, SubredditSpec } from './fake-reddit.types';
import { DEFAULT_CLIENT } from './oauth';
import { DEFAULT_RATE_LIMIT } from './rate-limit-window';

/** Defaults of the options, next to their checks. */
export const FAKE_REDDIT_DEFAULTS = Object.freeze({ seed: 42, listingLimit: 1000, tokenExpiresInSeconds: 3600 });

/** Options with every default applied, checked and frozen. */
export interface ResolvedOptions {
  readonly clock: FakeClockLike;
  readonly seed: number;
  readonly subreddits: readonly SubredditSpec[];
  readonly listingLimit: number;
  readonly rateLimit: RateLimitSpec | false;
  readonly tokenExpiresInSeconds: number;
  readonly clients: readonly FakeClientSpec[];
  readonly startAt: number;
  readonly hideRemovedFromListings: boolean;
}

/** Reddit's subreddit names: 2-21 letters, digits and underscores (3 minimum for new ones). */
const SUBREDDIT_NAME = /^[A-Za-z0-9][A-Za-z0-9_]{1,20}$/;
const SYSTEM_CLOCK: FakeClockLike = { now: () => Date.now() };

/** Applies defaults and reports every invalid option at once. */
export function resolveOptions(options: FakeRedditOptions): ResolvedOptions {
  const problems: string[] = [];
  const clock = options.clock ?? SYSTEM_CLOCK;
  const seen = new Set<string>();
  for (const spec of options.subreddits) {
    if (!SUBREDDIT_NAME.test(spec.name)) problems.push(`subreddit name "${spec.name}" must be 2-21 letters, digits or underscores`);
    if (seen.has(spec.name.toLowerCase())) problems.push(`subreddit "${spec.name}" is listed twice (names ignore case)`);
    seen.add(spec.name.toLowerCase());
    if (!Number.isFinite(spec.postsPerMinute) || spec.postsPerMinute < 0) {
      problems.push(`postsPerMinute of "${spec.name}" must be a number >= 0, got ${spec.postsPerMinute}`);
    }
    if (spec.commentsPerMinute !== undefined && (!Number.isFinite(spec.commentsPerMinute) || spec.commentsPerMinute < 0)) {
      problems.push(`commentsPerMinute of "${spec.name}" must be a number >= 0, got ${spec.commentsPerMinute}`);
    }
  }
  const seed = options.seed ?? FAKE_REDDIT_DEFAULTS.seed;
  if (!Number.isInteger(seed)) problems.push(`seed must be an integer, got ${seed}`);
  const listingLimit = options.listingLimit ?? FAKE_REDDIT_DEFAULTS.listingLimit;
  if (!Number.isInteger(listingLimit) || listingLimit < 1) problems.push(`listingLimit must be a whole number >= 1, got ${listingLimit}`);
  const rateLimit = options.rateLimit === false ? false : { ...DEFAULT_RATE_LIMIT, ...options.rateLimit };
  if (rateLimit !== false && !(Number.isInteger(rateLimit.budget) && rateLimit.budget >= 1)) {
    problems.push(`rateLimit.budget must be a whole number >= 1, got ${rateLimit.budget}`);
  }
  if (rateLimit !== false && !(Number.isInteger(rateLimit.windowSeconds) && rateLimit.windowSeconds >= 1)) {
    problems.push(`rateLimit.windowSeconds must be a whole number >= 1, got ${rateLimit.windowSeconds}`);
  }
  const tokenExpiresInSeconds = options.tokenExpiresInSeconds ?? FAKE_REDDIT_DEFAULTS.tokenExpiresInSeconds;
  if (!(tokenExpiresInSeconds > 0)) problems.push(`tokenExpiresInSeconds must be > 0, got ${tokenExpiresInSeconds}`);
  const clients = options.clients ?? [DEFAULT_CLIENT];
  if (clients.length === 0) problems.push('clients must hold at least one client (or be left out for fake-client/fake-secret)');
  if (new Set(clients.map((c) => c.clientId)).size !== clients.length) problems.push('clients must have distinct clientId values');
  if (problems.length > 0) throw new FakeRedditConfigError(problems);
  return Object.freeze({
    clock,
    seed,
    subreddits: Object.freeze([...options.subreddits]),
    listingLimit,
    rateLimit: rateLimit === false ? false : Object.freeze(rateLimit),
    tokenExpiresInSeconds,
    clients: Object.freeze([...clients]),
    startAt: options.startAt ?? clock.now(),
    hideRemovedFromListings: options.hideRemovedFromListings ?? false,
  });
}
