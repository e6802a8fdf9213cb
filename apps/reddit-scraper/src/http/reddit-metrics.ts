import { Counter, Gauge, type Registry } from 'prom-client';
import type { RedditObserver, RedditResponseEvent } from '../reddit';

/**
 * Reddit's own metrics, beside the kit's shared `scrape_*` series on the same registry: requests by
 * endpoint and status, what is left of the rate-limit window (observing the Reddit client), and
 * comments read and stored per subreddit (told by the comments poller).
 */
export class RedditMetrics implements RedditObserver {
  readonly requests: Counter<'endpoint' | 'status'>;
  readonly rateLimitRemaining: Gauge;
  readonly commentsFetched: Counter<'subreddit'>;
  readonly commentsStored: Counter<'subreddit'>;

  constructor(registry: Registry) {
    this.requests = new Counter({
      name: 'reddit_requests_total',
      help: 'Requests to Reddit by endpoint and HTTP status (network-error when no response came)',
      labelNames: ['endpoint', 'status'] as const,
      registers: [registry],
    });
    this.rateLimitRemaining = new Gauge({
      name: 'reddit_ratelimit_remaining',
      help: 'Requests left in the current rate-limit window (x-ratelimit-remaining)',
      registers: [registry],
    });
    this.commentsFetched = new Counter({
      name: 'reddit_comments_fetched_total',
      help: 'Comments read from /r/<group>/comments that normalised, by subreddit (refused ones: scrape_items_rejected_total)',
      labelNames: ['subreddit'] as const,
      registers: [registry],
    });
    this.commentsStored = new Counter({
      name: 'reddit_comments_stored_total',
      help: 'Comments written to raw_comments by subreddit: new ones, and those read again where polls overlap (an idempotent upsert)',
      labelNames: ['subreddit'] as const,
      registers: [registry],
    });
  }

  /** Counts what a comments poll read (`fetched`) or stored, per subreddit. */
  countComments(stage: 'fetched' | 'stored', bySubreddit: ReadonlyMap<string, number>): void {
    const counter = stage === 'fetched' ? this.commentsFetched : this.commentsStored;
    for (const [subreddit, count] of bySubreddit) counter.inc({ subreddit }, count);
  }

  /** Counts one response (or failure to get one) and the budget left after it. */
  onResponse(event: RedditResponseEvent): void {
    this.requests.inc({ endpoint: event.endpoint, status: String(event.status) });
    this.rateLimitRemaining.set(event.rateLimit.remaining);
  }
}
