import type { MikroORM } from '@mikro-orm/postgresql';
import {
  ItemWriter,
  ormConnectionSource,
  ormPoolState,
  REDDIT_COMMENTS,
  ScrapeStateRepository,
  SubmissionWriter,
  type ItemBatch,
  type SubmissionBatch,
} from '@sentiment-ingest/db';
import type { RedditComment } from '@sentiment-ingest/models';
import type { Log } from '@sentiment-ingest/runtime';
import { DurableWriter, type Clock, type ScrapeMetrics } from '@sentiment-ingest/scraper-kit';
import { EngagementRefresher } from './engagement/engagement-refresher';
import { GapHealer, type HealObserver } from './healing/gap-healer';
import { DEFAULT_HEAL_MAX_WALK_MS } from './healing/heal-plan';
import type { HistorySince } from './healing/history-since';
import type { RedditSource, ScrapeStateReader } from './ports';
import { COMMENTS } from './polling/stream-kinds';
import { REDDIT_SOURCE, StreamPoller, type SubredditCounts } from './polling/stream-poller';
import { redditScrapeState } from './storage/scrape-state-store';

/** The scraper's working parts over one Reddit source and one database. */
export interface ScraperComponents {
  /** the scraper's state in the database, and the ping, pool state and statistics of /readyz and /metrics */
  readonly repository: ScrapeStateRepository;
  readonly state: ScrapeStateReader;
  readonly writer: DurableWriter<SubmissionBatch>;
  readonly poller: StreamPoller;
  /** the comments stream of each group (`/r/a+b/comments` into raw_comments); null when comments are off */
  readonly commentsPoller: StreamPoller<RedditComment, ItemBatch<RedditComment>> | null;
  /** null when engagement refreshes are off (`engagementMaxAgeMs` 0) */
  readonly refresher: EngagementRefresher | null;
  /** works on open gaps (re-poll alone, id walk); the service gives it its budget share */
  readonly healer: GapHealer;
}

/**
 * Wires the pollers, the engagement refresher, the gap healer and the durable writers the same way for the service
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
  /** poll each group's comments too (`REDDIT_COMMENTS`; default false) */
  comments?: boolean;
  /** told per subreddit what the comments polls read and stored (the comments' metrics) */
  commentCounts?: SubredditCounts;
  /** a first run's history (`REDDIT_HISTORY_SINCE`); absent: none */
  historySince?: HistorySince | null;
  /** longest stretch of a gap the healer walks by id (`REDDIT_HEAL_MAX_HOURS`; default 6 h) */
  healMaxWalkMs?: number;
  /** told of the healer's requests and resolutions */
  healObserver?: HealObserver;
}): ScraperComponents {
  const { orm, source, clock, log, metrics, redactDeleted, maxBatchBytes } = options;
  const connections = ormConnectionSource(orm);
  const repository = options.repository ?? new ScrapeStateRepository({ connections, pool: ormPoolState(orm) });
  const state = redditScrapeState(repository);
  const durable = { clock, log, metrics, backoffMs: options.writeBackoffMs, shutdownGraceMs: options.shutdownGraceMs };
  const submissions = new SubmissionWriter({ connections });
  const writer = new DurableWriter<SubmissionBatch>({
    write: (batch) => submissions.write(batch),
    rowsOf: (batch) => batch.submissions.length,
    ...durable,
  });
  const common = { source, state, writer, clock, log, metrics, redactDeleted, maxBatchBytes, historySince: options.historySince ?? null };
  let commentsPoller: ScraperComponents['commentsPoller'] = null;
  let commentsWriter: DurableWriter<ItemBatch<RedditComment>> | null = null;
  if (options.comments) {
    const comments = new ItemWriter<RedditComment>({ connections, table: REDDIT_COMMENTS, source: REDDIT_SOURCE });
    commentsWriter = new DurableWriter<ItemBatch<RedditComment>>({
      write: (batch) => comments.write(batch),
      rowsOf: (batch) => batch.items.length,
      ...durable,
    });
    commentsPoller = new StreamPoller({ ...common, kind: COMMENTS, writer: commentsWriter, subredditCounts: options.commentCounts });
  }
  return {
    repository,
    state,
    writer,
    poller: new StreamPoller(common),
    commentsPoller,
    refresher: options.engagementMaxAgeMs > 0 ? new EngagementRefresher({ ...common, maxAgeMs: options.engagementMaxAgeMs }) : null,
    healer: new GapHealer({
      source,
      state: repository,
      posts: writer,
      comments: commentsWriter,
      clock,
      log,
      metrics,
      redactDeleted,
      maxWalkMs: options.healMaxWalkMs ?? DEFAULT_HEAL_MAX_WALK_MS,
      observer: options.healObserver,
    }),
  };
}
