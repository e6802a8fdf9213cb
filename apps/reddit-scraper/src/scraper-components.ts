import type { MikroORM } from '@mikro-orm/postgresql';
import { ormConnectionSource, ormPoolState, ScrapeStateRepository, SubmissionWriter, type SubmissionBatch } from '@sentiment-ingest/db';
import type { Log } from '@sentiment-ingest/runtime';
import { DurableWriter, type Clock, type ScrapeMetrics } from '@sentiment-ingest/scraper-kit';
import { EngagementRefresher } from './engagement/engagement-refresher';
import type { RedditSource, ScrapeStateReader } from './ports';
import { StreamPoller } from './polling/stream-poller';
import { redditScrapeState } from './storage/scrape-state-store';

/** The scraper's working parts over one Reddit source and one database. */
export interface ScraperComponents {
  /** the scraper's state in the database, and the ping, pool state and statistics of /readyz and /metrics */
  readonly repository: ScrapeStateRepository;
  readonly state: ScrapeStateReader;
  readonly writer: DurableWriter<SubmissionBatch>;
  readonly poller: StreamPoller;
  /** null when engagement refreshes are off (`engagementMaxAgeMs` 0) */
  readonly refresher: EngagementRefresher | null;
}

/**
 * Wires the poller, the engagement refresher and the durable writer the same way for the service
 * (reddit-scraper.ts), the end-to-end tests and the simulated-day benchmark.
 */
export function buildScraperComponents(options: {
  orm: MikroORM;
  /** the scrape-state repository the kit built (the service); one over `orm` when absent (tests) */
  repository?: ScrapeStateRepository;
  source: RedditSource;
  clock: Clock;
  log: Log;
  metrics: ScrapeMetrics;
  redactDeleted: boolean;
  engagementMaxAgeMs: number;
  /** delay before write retry `attempt` (1-based) */
  writeBackoffMs: (attempt: number) => number;
  shutdownGraceMs: number;
  /** bytes of pages a poll holds before writing them (default 8 MiB) */
  maxBatchBytes?: number;
}): ScraperComponents {
  const { orm, source, clock, log, metrics, redactDeleted, maxBatchBytes } = options;
  const connections = ormConnectionSource(orm);
  const repository = options.repository ?? new ScrapeStateRepository({ connections, pool: ormPoolState(orm) });
  const state = redditScrapeState(repository);
  const submissions = new SubmissionWriter({ connections });
  const writer = new DurableWriter<SubmissionBatch>({
    write: (batch) => submissions.write(batch),
    rowsOf: (batch) => batch.submissions.length,
    clock,
    log,
    metrics,
    backoffMs: options.writeBackoffMs,
    shutdownGraceMs: options.shutdownGraceMs,
  });
  const common = { source, state, writer, clock, log, metrics, redactDeleted, maxBatchBytes };
  return {
    repository,
    state,
    writer,
    poller: new StreamPoller(common),
    refresher: options.engagementMaxAgeMs > 0 ? new EngagementRefresher({ ...common, maxAgeMs: options.engagementMaxAgeMs }) : null,
  };
}
