import { ENGAGEMENT_STREAM, type EngagementRefresher } from './engagement/engagement-refresher';
import type { Log } from '@sentiment-ingest/runtime';
import { TaskScheduler, type Clock, type StreamHealth, type TaskErrorVerdict } from '@sentiment-ingest/scraper-kit';
import { commentsBudgetWaitMs, POSTS_USAGE_WINDOW_MS, requestsBetween, requestsPerMinute, type RequestUsage } from './polling/comments-budget';
import { minIntervalForBudget, nextPollDelay, updateRate } from './polling/poll-interval';
import type { GapHealer } from './healing/gap-healer';
import { DEFAULT_HEAL_BUDGET_PCT, HEAL_ROUND_MS, healRequestsPerRound } from './healing/heal-plan';
import type { PollOutcome } from './polling/stream-poller';
import { groupSubreddits, streamKey, type StreamGroup } from './polling/subreddit-groups';
import { RedditAuthError, RedditSubredditUnavailableError, type RateLimitSnapshot } from './reddit';

/** The healer's task in logs and health. */
export const HEAL_TASK = 'heal';

/** How long an unavailable (private, banned, missing) subreddit is skipped before it is tried again. */
export const UNAVAILABLE_RETRY_MS = 60 * 60_000;
/** How often due engagement refreshes are looked for (also the wait after a failed round). */
export const ENGAGEMENT_ROUND_MS = 60_000;

/** What the service needs of a stream poller (posts or comments). */
export interface GroupPoller {
  poll(group: StreamGroup, signal: AbortSignal): Promise<PollOutcome>;
  /** the stream's key for a group (also its task's key) */
  streamOf(group: StreamGroup): string;
}

export interface ScraperServiceOptions {
  readonly poller: Pick<GroupPoller, 'poll'>;
  /** each group's comments stream (`REDDIT_COMMENTS`); null or absent: posts only */
  readonly commentsPoller?: GroupPoller | null;
  /** the client id's rate window as last seen (the Reddit client's); comments take what posts leave of it */
  readonly rateLimit?: () => RateLimitSnapshot;
  readonly refresher: Pick<EngagementRefresher, 'refreshDue'> | null;
  /** works on open gaps every {@link HEAL_ROUND_MS}, within `healBudgetPct` of the budget; null or absent: off */
  readonly healer?: Pick<GapHealer, 'healRound'> | null;
  /** share of the per-minute budget the healer may spend (`REDDIT_HEAL_BUDGET_PCT`, default 30) */
  readonly healBudgetPct?: number;
  readonly clock: Clock;
  readonly log: Log;
  readonly subreddits: readonly string[];
  readonly subredditsPerRequest: number;
  readonly pollMinIntervalMs: number;
  readonly pollMaxIntervalMs: number;
  /** requests per minute allowed for this client id (Reddit's free tier: 100) */
  readonly budgetPerMinute?: number;
  /** called after every poll (tests and the benchmark observe progress through it) */
  readonly onPoll?: (outcome: PollOutcome) => void;
  /** told of each stream's successes and failures (for /readyz and /metrics) */
  readonly health?: Pick<StreamHealth, 'success' | 'failure' | 'forget'>;
}

/** A polled stream and what the post-rate model knows of it. */
interface StreamState {
  readonly group: StreamGroup;
  lastPollAt: number | null;
  rate: number | null;
}

/** A group's comments stream: its rate model, and what its last poll cost. */
interface CommentsState extends StreamState {
  lastPages: number;
}

/**
 * Reddit's tasks over the kit's scheduler: polls each stream when it is due (an interval that adapts
 * to the stream's post rate, within the configured bounds and the rate budget), refreshes engagement
 * every minute, isolates unavailable subreddits by splitting their group, and gives up when Reddit
 * refuses the credentials. Failed polls are backed off from `pollMinIntervalMs` to
 * `pollMaxIntervalMs`. One task at a time: the rate limiter is the real constraint, and the
 * database sees one writer per process.
 */
export class ScraperService {
  private readonly o: ScraperServiceOptions;
  private readonly scheduler: TaskScheduler;
  /** The streams polled now; a skipped subreddit joins again when its readmission is due. */
  private readonly streams = new Map<string, StreamState>();
  /** The comments streams polled now, by their key (`comments:<group>`). */
  private readonly commentStreams = new Map<string, CommentsState>();
  /** Requests spent lately by posts' polls and engagement rounds (what comments must leave them). */
  private postsUsage: RequestUsage[] = [];

  constructor(options: ScraperServiceOptions) {
    this.o = options;
    this.scheduler = new TaskScheduler({
      clock: options.clock,
      log: options.log,
      failureBackoff: { minMs: options.pollMinIntervalMs, maxMs: options.pollMaxIntervalMs },
      health: options.health,
      onError: (error, key) => this.onError(error, key),
    });
    const now = options.clock.now();
    // Added first, so that a round due at the same moment as a stream goes first.
    if (options.refresher) this.scheduleEngagement(options.refresher, now + ENGAGEMENT_ROUND_MS);
    const healRequests = healRequestsPerRound(options.budgetPerMinute ?? 100, options.healBudgetPct ?? DEFAULT_HEAL_BUDGET_PCT);
    if (options.healer && healRequests > 0) this.scheduleHealing(options.healer, healRequests, now + HEAL_ROUND_MS);
    for (const group of groupSubreddits(options.subreddits, options.subredditsPerRequest)) this.addStream(group, now);
  }

  /** The streams currently polled (their keys in scrape_checkpoints): posts, then comments. */
  streamKeys(): string[] {
    return [...this.streams.keys(), ...this.commentStreams.keys()];
  }

  /** Runs until `signal` aborts (the task in hand finishes); rejects with RedditAuthError. */
  run(signal: AbortSignal): Promise<void> {
    return this.scheduler.run(signal);
  }

  private addStream(group: StreamGroup, at: number): void {
    this.admit(group);
    this.schedulePolls(group, at);
  }

  /** Counts `group` (and its comments stream) among the polled streams, its post rate not known yet. */
  private admit(group: StreamGroup): StreamState {
    const state: StreamState = { group, lastPollAt: null, rate: null };
    this.streams.set(group.stream, state);
    if (this.o.commentsPoller) this.admitComments(group, this.o.commentsPoller.streamOf(group));
    return state;
  }

  private admitComments(group: StreamGroup, key: string): CommentsState {
    const state: CommentsState = { group, lastPollAt: null, rate: null, lastPages: 1 };
    this.commentStreams.set(key, state);
    return state;
  }

  /** Schedules the group's posts poll and, after it (ties go to the task added first), its comments poll. */
  private schedulePolls(group: StreamGroup, at: number): void {
    this.scheduler.add(group.stream, (signal) => this.postsTask(() => this.poll(group, signal)), { at });
    const comments = this.o.commentsPoller;
    if (comments) {
      const key = comments.streamOf(group);
      this.scheduler.add(key, (signal) => this.pollComments(comments, group, key, signal), { at });
    }
  }

  /** Unschedules both streams of a group. */
  private unschedule(group: StreamGroup): void {
    this.streams.delete(group.stream);
    this.scheduler.remove(group.stream);
    const comments = this.o.commentsPoller;
    if (comments) {
      const key = comments.streamOf(group);
      this.commentStreams.delete(key);
      this.scheduler.remove(key);
    }
  }

  /** One poll; resolves to the delay until the next. A skipped subreddit's first poll readmits it afresh. */
  private async poll(group: StreamGroup, signal: AbortSignal): Promise<number> {
    const state = this.streams.get(group.stream) ?? this.admit(group);
    const started = this.o.clock.now();
    const outcome = await this.o.poller.poll(group, signal);
    if (!outcome.interrupted) {
      if (state.lastPollAt !== null) state.rate = updateRate(state.rate, outcome.inserted, started - state.lastPollAt);
      state.lastPollAt = started;
    }
    const delay = this.pollDelay(state.rate);
    this.o.onPoll?.(outcome);
    return delay;
  }

  /**
   * One comments poll, when the budget allows it: posts come first, so it waits (without a request)
   * while the rate window has no room beyond what posts are expected to need until it resets.
   */
  private async pollComments(poller: GroupPoller, group: StreamGroup, key: string, signal: AbortSignal): Promise<number> {
    const state = this.commentStreams.get(key) ?? this.admitComments(group, key);
    const now = this.o.clock.now();
    const wait = this.spareBudgetWait(state.lastPages, now);
    if (wait > 0) {
      this.o.log.debug({ stream: key, waitMs: wait }, 'comments poll deferred: the rate budget is kept for posts');
      return wait;
    }
    const outcome = await poller.poll(state.group, signal);
    if (!outcome.interrupted) {
      if (state.lastPollAt !== null) state.rate = updateRate(state.rate, outcome.inserted, now - state.lastPollAt);
      state.lastPollAt = now;
      state.lastPages = Math.max(1, outcome.pages);
    }
    this.o.onPoll?.(outcome);
    return nextPollDelay(state.rate, this.o.pollMinIntervalMs, this.o.pollMaxIntervalMs);
  }

  /**
   * The wait the budget imposes now on a task of lower priority than posts (a comments poll, a heal
   * request) expected to cost `cost` requests: 0 when it may go; none without a rate reading.
   */
  private spareBudgetWait(cost: number, now: number): number {
    if (!this.o.rateLimit) return 0;
    const window = this.o.rateLimit();
    return commentsBudgetWaitMs({
      now,
      remaining: window.remaining,
      resetAt: window.resetAt,
      postsRequestsPerMinute: requestsPerMinute(this.postsUsage, now),
      pollCost: cost,
    });
  }

  /** Runs a posts poll or engagement round, counting the requests it made against the posts' share (with comments on). */
  private async postsTask<T>(run: () => Promise<T>): Promise<T> {
    const rateLimit = this.o.commentsPoller ? this.o.rateLimit : undefined;
    if (!rateLimit) return run();
    const before = rateLimit().used;
    try {
      return await run();
    } finally {
      const now = this.o.clock.now();
      this.postsUsage = this.postsUsage.filter((u) => now - u.at <= POSTS_USAGE_WINDOW_MS);
      this.postsUsage.push({ at: now, requests: requestsBetween(before, rateLimit().used) });
    }
  }

  private pollDelay(rate: number | null): number {
    const budgetFloor = minIntervalForBudget(this.streams.size, this.o.budgetPerMinute ?? 100);
    return Math.max(budgetFloor, nextPollDelay(rate, this.o.pollMinIntervalMs, this.o.pollMaxIntervalMs));
  }

  /** Refused credentials end the service; an unavailable subreddit is isolated; anything else is backed off. */
  private onError(error: unknown, key: string): TaskErrorVerdict {
    if (error instanceof RedditAuthError) return 'fatal';
    const state = this.streams.get(key) ?? this.commentStreams.get(key);
    if (error instanceof RedditSubredditUnavailableError && state) {
      this.isolateUnavailable(state.group, error);
      return 'handled';
    }
    return 'failure';
  }

  /** A group answered 403/404/redirect: split it until the unavailable subreddit stands alone, then skip it. */
  private isolateUnavailable(group: StreamGroup, error: RedditSubredditUnavailableError): void {
    this.unschedule(group);
    const now = this.o.clock.now();
    if (group.subreddits.length === 1) {
      const name = group.subreddits[0] as string;
      this.schedulePolls(group, now + UNAVAILABLE_RETRY_MS);
      this.o.log.warn({ subreddit: name, reason: error.reason, retryInMs: UNAVAILABLE_RETRY_MS }, 'subreddit unavailable; skipped');
      return;
    }
    const half = Math.ceil(group.subreddits.length / 2);
    for (const part of [group.subreddits.slice(0, half), group.subreddits.slice(half)]) {
      this.addStream({ stream: streamKey(part), subreddits: part }, now);
    }
    this.o.log.warn({ stream: group.stream, reason: error.reason }, 'a subreddit of this group is unavailable; splitting the group to find it');
  }

  /**
   * The healer's round: at most `requests` (its budget share over a round), and only while the rate
   * window has room beyond what posts are expected to need (as for comments: posts come first).
   */
  private scheduleHealing(healer: Pick<GapHealer, 'healRound'>, requests: number, at: number): void {
    const mayRequest = (): boolean => this.spareBudgetWait(1, this.o.clock.now()) === 0;
    const round = async (signal: AbortSignal): Promise<number> => {
      const outcome = await healer.healRound(signal, { requests, mayRequest });
      if (outcome.requests > 0 || outcome.resolved > 0) this.o.log.debug({ ...outcome }, 'healing round');
      return HEAL_ROUND_MS;
    };
    this.scheduler.add(HEAL_TASK, round, { at, retryDelayMs: () => HEAL_ROUND_MS });
  }

  private scheduleEngagement(refresher: Pick<EngagementRefresher, 'refreshDue'>, at: number): void {
    const round = async (signal: AbortSignal): Promise<number> => {
      await this.postsTask(() => refresher.refreshDue(signal));
      return ENGAGEMENT_ROUND_MS;
    };
    this.scheduler.add(ENGAGEMENT_STREAM, round, { at, retryDelayMs: () => ENGAGEMENT_ROUND_MS });
  }
}
