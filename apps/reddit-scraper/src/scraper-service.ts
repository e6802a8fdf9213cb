import { ENGAGEMENT_STREAM, type EngagementRefresher } from './engagement/engagement-refresher';
import type { Log } from '@sentiment-ingest/runtime';
import type { Clock, StreamHealth } from '@sentiment-ingest/scraper-kit';
import { minIntervalForBudget, nextPollDelay, updateRate } from './polling/poll-interval';
import type { PollOutcome, StreamPoller } from './polling/stream-poller';
import { groupSubreddits, streamKey, type StreamGroup } from './polling/subreddit-groups';
import { RedditAuthError, RedditSubredditUnavailableError } from './reddit';

/** How long an unavailable (private, banned, missing) subreddit is skipped before it is tried again. */
export const UNAVAILABLE_RETRY_MS = 60 * 60_000;
/** How often due engagement refreshes are looked for. */
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

type Task = { kind: 'engagement'; at: number } | { kind: 'stream'; at: number; state: StreamState };

interface StreamState {
  group: StreamGroup;
  nextAt: number;
  lastPollAt: number | null;
  rate: number | null;
  failures: number;
}

/**
 * The scraper's scheduler: polls each stream when it is due (an interval that adapts to the
 * stream's post rate, within the configured bounds and the rate budget), refreshes engagement every
 * minute, and isolates unavailable subreddits by splitting their group. Runs until `signal` aborts;
 * the task in hand finishes and writes what it read. One task at a time: the rate limiter is the
 * real constraint, and the database sees one writer per process.
 */
export class ScraperService {
  private readonly o: ScraperServiceOptions;
  private readonly streams = new Map<string, StreamState>();
  private readonly skipped = new Map<string, number>();
  private engagementAt: number;

  constructor(options: ScraperServiceOptions) {
    this.o = options;
    const now = options.clock.now();
    for (const group of groupSubreddits(options.subreddits, options.subredditsPerRequest)) this.addStream(group, now);
    this.engagementAt = now + ENGAGEMENT_ROUND_MS;
  }

  /** The streams currently polled (their keys in scrape_checkpoints). */
  streamKeys(): string[] {
    return [...this.streams.keys()];
  }

  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      this.readmitSkipped();
      const next = this.nextTask();
      const wait = next.at - this.o.clock.now();
      if (wait > 0) {
        try {
          await this.o.clock.sleep(wait, signal);
        } catch {
          break; // aborted while idle: nothing in hand
        }
      }
      if (next.kind === 'engagement') await this.refreshEngagement(signal);
      else await this.pollStream(next.state, signal);
    }
    this.o.log.info({}, 'scraper stopped');
  }

  /** The earliest due task. The engagement round also wakes the loop when every stream is skipped. */
  private nextTask(): Task {
    let best: Task = { kind: 'engagement', at: this.engagementAt };
    for (const state of this.streams.values()) if (state.nextAt < best.at) best = { kind: 'stream', at: state.nextAt, state };
    return best;
  }

  private async pollStream(state: StreamState, signal: AbortSignal): Promise<void> {
    const started = this.o.clock.now();
    try {
      const outcome = await this.o.poller.poll(state.group, signal);
      if (!outcome.interrupted && state.lastPollAt !== null) {
        state.rate = updateRate(state.rate, outcome.inserted, started - state.lastPollAt);
      }
      if (!outcome.interrupted) state.lastPollAt = started;
      state.failures = 0;
      this.o.health?.success(state.group.stream, this.o.clock.now());
      state.nextAt = this.o.clock.now() + this.pollDelay(state.rate);
      this.o.onPoll?.(outcome);
    } catch (error) {
      if (error instanceof RedditAuthError) throw error;
      if (error instanceof RedditSubredditUnavailableError) {
        this.isolateUnavailable(state, error);
        return;
      }
      state.failures += 1;
      this.o.health?.failure(state.group.stream);
      const delay = Math.min(this.o.pollMaxIntervalMs, this.o.pollMinIntervalMs * 2 ** Math.min(state.failures, 6));
      state.nextAt = this.o.clock.now() + delay;
      this.o.log.warn({ stream: state.group.stream, err: error, failures: state.failures, retryInMs: delay }, 'poll failed');
    }
  }

  private pollDelay(rate: number | null): number {
    const budgetFloor = minIntervalForBudget(this.streams.size, this.o.budgetPerMinute ?? 100);
    return Math.max(budgetFloor, nextPollDelay(rate, this.o.pollMinIntervalMs, this.o.pollMaxIntervalMs));
  }

  /** A group answered 403/404/redirect: split it until the unavailable subreddit stands alone, then skip it. */
  private isolateUnavailable(state: StreamState, error: RedditSubredditUnavailableError): void {
    const { group } = state;
    this.streams.delete(group.stream);
    this.o.health?.forget(group.stream);
    const now = this.o.clock.now();
    if (group.subreddits.length === 1) {
      const name = group.subreddits[0] as string;
      this.skipped.set(name, now + UNAVAILABLE_RETRY_MS);
      this.o.log.warn({ subreddit: name, reason: error.reason, retryInMs: UNAVAILABLE_RETRY_MS }, 'subreddit unavailable; skipped');
      return;
    }
    const half = Math.ceil(group.subreddits.length / 2);
    for (const part of [group.subreddits.slice(0, half), group.subreddits.slice(half)]) {
      this.addStream({ stream: streamKey(part), subreddits: part }, now);
    }
    this.o.log.warn({ stream: group.stream, reason: error.reason }, 'a subreddit of this group is unavailable; splitting the group to find it');
  }

  private readmitSkipped(): void {
    const now = this.o.clock.now();
    for (const [name, at] of this.skipped) {
      if (at > now) continue;
      this.skipped.delete(name);
      this.addStream({ stream: streamKey([name]), subreddits: [name] }, now);
    }
  }

  private addStream(group: StreamGroup, now: number): void {
    this.streams.set(group.stream, { group, nextAt: now, lastPollAt: null, rate: null, failures: 0 });
  }

  private async refreshEngagement(signal: AbortSignal): Promise<void> {
    if (!this.o.refresher) {
      this.engagementAt = this.o.clock.now() + ENGAGEMENT_ROUND_MS;
      return;
    }
    try {
      await this.o.refresher.refreshDue(signal);
      this.o.health?.success(ENGAGEMENT_STREAM, this.o.clock.now());
    } catch (error) {
      if (error instanceof RedditAuthError) throw error;
      this.o.health?.failure(ENGAGEMENT_STREAM);
      this.o.log.warn({ err: error }, 'engagement refresh failed');
    }
    this.engagementAt = this.o.clock.now() + ENGAGEMENT_ROUND_MS;
  }
}
