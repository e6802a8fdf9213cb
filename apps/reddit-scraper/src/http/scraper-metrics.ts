import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The scraper's Prometheus metrics, on a registry of its own (tests create as many as they like). */
export class ScraperMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'reddit_requests_total',
    help: 'Requests to Reddit by endpoint and HTTP status (network-error when no response came)',
    labelNames: ['endpoint', 'status'] as const,
    registers: [this.registry],
  });
  readonly rateLimitRemaining = new Gauge({
    name: 'reddit_ratelimit_remaining',
    help: 'Requests left in the current rate-limit window (x-ratelimit-remaining)',
    registers: [this.registry],
  });
  readonly postsFetched = this.postCounter('fetched', 'Submissions read from Reddit listings and /api/info');
  readonly postsInserted = this.postCounter('inserted', 'Submissions stored for the first time');
  readonly postsUpdated = this.postCounter('updated', 'Submissions whose engagement, text or state changed');
  readonly postsRejected = new Counter({
    name: 'reddit_posts_rejected_total',
    help: 'Items that could not be stored, by stage (normalize: invalid payload; write: refused by PostgreSQL); quarantined in rejected_items',
    labelNames: ['stream', 'stage'] as const,
    registers: [this.registry],
  });
  readonly gaps = new Counter({
    name: 'scrape_gaps_total',
    help: 'Periods a stream could not see (the listing ended before its checkpoint)',
    labelNames: ['stream'] as const,
    registers: [this.registry],
  });
  readonly streamLag = new Gauge({
    name: 'scrape_stream_lag_seconds',
    help: 'Seconds between now and the newest submission stored for a stream',
    labelNames: ['stream'] as const,
    registers: [this.registry],
  });
  readonly pollDuration = new Histogram({
    name: 'scrape_poll_duration_seconds',
    help: 'Duration of one poll of a stream, from first request to committed write',
    labelNames: ['stream'] as const,
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
  readonly streamConsecutiveFailures = new Gauge({
    name: 'scrape_stream_consecutive_failures',
    help: 'Polls of a stream that failed in a row (0 after a success); /readyz is not ready at REDDIT_STREAM_FAILURES_NOT_READY',
    labelNames: ['stream'] as const,
    registers: [this.registry],
  });
  readonly streamLastSuccess = new Gauge({
    name: 'scrape_stream_last_success_timestamp_seconds',
    help: 'When a poll of a stream last completed, in seconds since the epoch',
    labelNames: ['stream'] as const,
    registers: [this.registry],
  });
  readonly writeFailures = new Counter({
    name: 'scrape_db_write_failures_total',
    help: 'Failed batch writes; retryable ones are retried with backoff',
    labelNames: ['retryable'] as const,
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
  }

  private postCounter(what: string, help: string): Counter<'stream'> {
    return new Counter({ name: `reddit_posts_${what}_total`, help, labelNames: ['stream'] as const, registers: [this.registry] });
  }
}
