import { ENGAGEMENT_STREAM, type EngagementRefresher } from './engagement/engagement-refresher';
import type { Log } from '@sentiment-ingest/runtime';
import { TaskScheduler, type Clock, type StreamHealth, type TaskErrorVerdict } from '@sentiment-ingest/scraper-kit';
import { minIntervalForBudget, nextPollDelay, updateRate } from './polling/poll-interval';
import type { PollOutcome, StreamPoller } from './polling/stream-poller';
import { groupSubreddits, streamKey, type StreamGroup } from './polling/subreddit-groups';
import { RedditAuthError, RedditSubredditUnavailableError } from './reddit';

/** How long an unavailable (private, banned, missing) subreddit is skipped before it is tried again. */
export const UNAVAILABLE_RETRY_MS = 60 * 60_000;
/** How often due engagement refreshes are looked for (also the wait after a failed round). */
export const ENGAGEMENT_ROUND_MS = 60_000;

export interface ScraperServiceOptions {
  readonly poller: Pick<StreamPoller, 'poll'>;
  readonly refresher: Pick<EngagementRefresher, 'refreshDue'> | null;
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
    for (const group of groupSubreddits(options.subreddits, options.subredditsPerRequest)) this.addStream(group, now);
  }

  /** The streams currently polled (their keys in scrape_checkpoints). */
  streamKeys(): string[] {
    return [...this.streams.keys()];
  }

  /** Runs until `signal` aborts (the task in hand finishes); rejects with RedditAuthError. */
  run(signal: AbortSignal): Promise<void> {
    return this.scheduler.run(signal);
  }

  private addStream(group: StreamGroup, at: number): void {
    this.admit(group);
    this.schedulePolls(group, at);
  }

  /** Counts `group` among the polled streams, its post rate not known yet. */
  private admit(group: StreamGroup): StreamState {
    const state: StreamState = { group, lastPollAt: null, rate: null };
    this.streams.set(group.stream, state);
    return state;
  }

  private schedulePolls(group: StreamGroup, at: number): void {
    this.scheduler.add(group.stream, (signal) => this.poll(group, signal), { at });
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

  private pollDelay(rate: number | null): number {
    const budgetFloor = minIntervalForBudget(this.streams.size, this.o.budgetPerMinute ?? 100);
    return Math.max(budgetFloor, nextPollDelay(rate, this.o.pollMinIntervalMs, this.o.pollMaxIntervalMs));
  }

  /** Refused credentials end the service; an unavailable subreddit is isolated; anything else is backed off. */
  private onError(error: unknown, key: string): TaskErrorVerdict {
    if (error instanceof RedditAuthError) return 'fatal';
    const state = this.streams.get(key);
    if (error instanceof RedditSubredditUnavailableError && state) {
      this.isolateUnavailable(state.group, error);
      return 'handled';
    }
    return 'failure';
  }

  /** A group answered 403/404/redirect: split it until the unavailable subreddit stands alone, then skip it. */
  private isolateUnavailable(group: StreamGroup, error: RedditSubredditUnavailableError): void {
    this.streams.delete(group.stream);
    this.scheduler.remove(group.stream);
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

  private scheduleEngagement(refresher: Pick<EngagementRefresher, 'refreshDue'>, at: number): void {
    const round = async (signal: AbortSignal): Promise<number> => {
      await refresher.refreshDue(signal);
      return ENGAGEMENT_ROUND_MS;
    };
    this.scheduler.add(ENGAGEMENT_STREAM, round, { at, retryDelayMs: () => ENGAGEMENT_ROUND_MS });
  }
}
