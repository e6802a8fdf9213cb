import { Counter, Gauge, type Registry } from 'prom-client';
import type { RedditObserver, RedditResponseEvent } from '../reddit';

/**
 * Reddit's own metrics, beside the kit's shared `scrape_*` series on the same registry: requests by
 * endpoint and status, and what is left of the rate-limit window. Observes the Reddit client.
 */
export class RedditMetrics implements RedditObserver {
  readonly requests: Counter<'endpoint' | 'status'>;
  readonly rateLimitRemaining: Gauge;

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
  }

  /** Counts one response (or failure to get one) and the budget left after it. */
  onResponse(event: RedditResponseEvent): void {
    this.requests.inc({ endpoint: event.endpoint, status: String(event.status) });
    this.rateLimitRemaining.set(event.rateLimit.remaining);
  }
}
