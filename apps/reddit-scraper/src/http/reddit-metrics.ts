import { Counter, Gauge, type Registry } from 'prom-client';
import type { HealMethod, HealObserver } from '../healing/gap-healer';
import type { RedditObserver, RedditResponseEvent } from '../reddit';

/**
 * Reddit's own metrics, beside the kit's shared `scrape_*` series on the same registry: requests by
 * endpoint and status, what is left of the rate-limit window (observing the Reddit client), and
 * comments read and stored per subreddit (told by the comments poller), and the gap healer's
 * requests and resolutions.
 */
export class RedditMetrics implements RedditObserver, HealObserver {
  readonly requests: Counter<'endpoint' | 'status'>;
  readonly rateLimitRemaining: Gauge;
  readonly commentsFetched: Counter<'subreddit'>;
  readonly commentsStored: Counter<'subreddit'>;
  readonly healRequests: Counter<'method'>;
  readonly gapsHealed: Counter<'resolution'>;
  readonly healRecovered: Counter<'resolution'>;

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
    this.healRequests = new Counter({
      name: 'reddit_heal_requests_total',
      help: 'Requests the gap healer made (within REDDIT_HEAL_BUDGET_PCT), by method: repoll (one subreddit alone) or id-walk (/api/info)',
      labelNames: ['method'] as const,
      registers: [registry],
    });
    this.gapsHealed = new Counter({
      name: 'reddit_gaps_healed_total',
      help: 'Gaps the healer resolved, by how (repoll, repoll+id-walk); open gaps: sentiment_db_gaps_open',
      labelNames: ['resolution'] as const,
      registers: [registry],
    });
    this.healRecovered = new Counter({
      name: 'reddit_heal_recovered_items_total',
      help: 'Posts and comments the healer stored that were missing, by how the gap was resolved',
      labelNames: ['resolution'] as const,
      registers: [registry],
    });
  }

  /** Counts one request of the gap healer. */
  onRequest(method: HealMethod): void {
    this.healRequests.inc({ method });
  }

  /** Counts a gap the healer resolved, and the items it recovered. */
  onResolved(resolution: string, recovered: number): void {
    this.gapsHealed.inc({ resolution });
    this.healRecovered.inc({ resolution }, recovered);
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
