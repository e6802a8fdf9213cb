import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Options of {@link ScrapeMetrics}. */
export interface ScrapeMetricsOptions {
  /** the `source` label of every series, as in scrape_checkpoints (`reddit`, `hn`, ...) */
  readonly source: string;
  /** also export Node's process metrics (what a scraper serves; tests leave them out) */
  readonly processMetrics?: boolean;
}

/**
 * The series every scraper reports the same way, labelled by `source` (and `stream`, `stage`), on a
 * registry of its own (tests create as many as they like). A source's own metrics (Reddit's
 * requests and rate-limit budget) register on {@link registry} beside them.
 */
export class ScrapeMetrics {
  readonly registry = new Registry();
  readonly source: string;
  private readonly fetched = new Counter({
    name: 'scrape_items_fetched_total',
    help: 'Items read from the source (listings and refreshes), by stream',
    labelNames: ['source', 'stream'] as const,
    registers: [this.registry],
  });
  private readonly inserted = new Counter({
    name: 'scrape_items_inserted_total',
    help: 'Items stored for the first time',
    labelNames: ['source', 'stream'] as const,
    registers: [this.registry],
  });
  private readonly updated = new Counter({
    name: 'scrape_items_updated_total',
    help: 'Stored items whose engagement, text or state changed',
    labelNames: ['source', 'stream'] as const,
    registers: [this.registry],
  });
  private readonly rejected = new Counter({
    name: 'scrape_items_rejected_total',
    help: 'Items that could not be stored, by stage (normalize: invalid payload; write: refused by PostgreSQL); quarantined in rejected_items',
    labelNames: ['source', 'stream', 'stage'] as const,
    registers: [this.registry],
  });
  private readonly gaps = new Counter({
    name: 'scrape_gaps_total',
    help: "Periods a stream could not see (the source's listing ended before its checkpoint)",
    labelNames: ['source', 'stream'] as const,
    registers: [this.registry],
  });
  private readonly lag = new Gauge({
    name: 'scrape_stream_lag_seconds',
    help: 'Seconds between now and the newest item stored for a stream',
    labelNames: ['source', 'stream'] as const,
    registers: [this.registry],
  });
  private readonly pollDuration = new Histogram({
    name: 'scrape_poll_duration_seconds',
    help: 'Duration of one poll of a stream, from first request to committed write',
    labelNames: ['source', 'stream'] as const,
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
  private readonly consecutiveFailures = new Gauge({
    name: 'scrape_stream_consecutive_failures',
    help: 'Polls of a stream that failed in a row (0 after a success); /readyz is not ready from the configured threshold on',
    labelNames: ['source', 'stream'] as const,
    registers: [this.registry],
  });
  private readonly lastSuccess = new Gauge({
    name: 'scrape_stream_last_success_timestamp_seconds',
    help: 'When a poll of a stream last completed, in seconds since the epoch',
    labelNames: ['source', 'stream'] as const,
    registers: [this.registry],
  });
  private readonly writeFailures = new Counter({
    name: 'scrape_db_write_failures_total',
    help: 'Failed batch writes; retryable ones are retried with backoff',
    labelNames: ['source', 'retryable'] as const,
    registers: [this.registry],
  });

  constructor(options: ScrapeMetricsOptions) {
    this.source = options.source;
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
  }

  /** `items` were read from the source for `stream` (0 still creates the series). */
  countFetched(stream: string, items: number): void {
    this.fetched.inc({ source: this.source, stream }, items);
  }

  /** `items` were stored for the first time. */
  countInserted(stream: string, items: number): void {
    this.inserted.inc({ source: this.source, stream }, items);
  }

  /** `items` already stored changed. */
  countUpdated(stream: string, items: number): void {
    this.updated.inc({ source: this.source, stream }, items);
  }

  /** One item could not be stored, refused at `stage` (`normalize`, `write`). */
  countRejected(stream: string, stage: string): void {
    this.rejected.inc({ source: this.source, stream, stage });
  }

  /** The stream recorded a gap. */
  countGap(stream: string): void {
    this.gaps.inc({ source: this.source, stream });
  }

  /** How far behind now the newest item stored for `stream` is. */
  setLag(stream: string, seconds: number): void {
    this.lag.set({ source: this.source, stream }, seconds);
  }

  /** One poll of `stream` took `seconds`. */
  observePollDuration(stream: string, seconds: number): void {
    this.pollDuration.observe({ source: this.source, stream }, seconds);
  }

  /** A batch write failed; `retryable` says whether it will be tried again. */
  countWriteFailure(retryable: boolean): void {
    this.writeFailures.inc({ source: this.source, retryable: String(retryable) });
  }

  /** Polls of `stream` that failed in a row (0 after a success). */
  setStreamFailures(stream: string, failures: number): void {
    this.consecutiveFailures.set({ source: this.source, stream }, failures);
  }

  /** A poll of `stream` completed at `atMs` (ms since the epoch). */
  setStreamLastSuccess(stream: string, atMs: number): void {
    this.lastSuccess.set({ source: this.source, stream }, atMs / 1000);
  }

  /** `stream` is no longer polled: its health series go away. */
  forgetStream(stream: string): void {
    this.consecutiveFailures.remove({ source: this.source, stream });
    this.lastSuccess.remove({ source: this.source, stream });
  }
}
