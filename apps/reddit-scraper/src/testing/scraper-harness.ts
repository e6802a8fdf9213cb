import { afterEach, beforeEach } from '@jest/globals';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { openOrm, type ItemBatch } from '@sentiment-ingest/db';
import type { RedditComment } from '@sentiment-ingest/models';
import { createMigratedTestDatabase, type TestDatabase } from '@sentiment-ingest/db/testing';
import { FakeReddit, type SubredditSpec } from '@sentiment-ingest/fake-reddit';
import { ScrapeMetrics } from '@sentiment-ingest/scraper-kit';
import { FakeClock, MemoryLog } from '@sentiment-ingest/scraper-kit/testing';
import type { EngagementRefresher } from '../engagement/engagement-refresher';
import type { GapHealer } from '../healing/gap-healer';
import type { HistorySince } from '../healing/history-since';
import { REDDIT_SOURCE, type StreamPoller } from '../polling/stream-poller';
import { RedditClient } from '../reddit';
import { buildScraperComponents } from '../scraper-components';

/** Virtual time shared by the fake Reddit (post generation) and the scraper (observation times). */
export class SharedTime {
  constructor(public nowMs: number) {}
  readonly clockLike = { now: () => this.nowMs };
  advance(ms: number): void {
    this.nowMs += ms;
  }
}

/** The scraper's modules wired as main.ts wires them, against a fake Reddit and a real database. */
export interface ScraperUnderTest {
  readonly poller: StreamPoller;
  /** each group's comments stream into raw_comments */
  readonly commentsPoller: StreamPoller<RedditComment, ItemBatch<RedditComment>>;
  readonly refresher: EngagementRefresher;
  readonly healer: GapHealer;
  readonly client: RedditClient;
  readonly log: MemoryLog;
  readonly metrics: ScrapeMetrics;
  readonly orm: MikroORM;
  close(): Promise<void>;
}

/**
 * Builds the scraper in-process. Waits of the Reddit client (pacing, backoff, Retry-After) run on an
 * auto-advancing fake clock so storms of 429s cost no real time; observation times follow `time`.
 */
export async function buildScraper(options: {
  fake: FakeReddit;
  address: { baseUrl: string; authUrl: string };
  database: TestDatabase;
  time: SharedTime;
  /** a first run's history (`REDDIT_HISTORY_SINCE`) */
  historySince?: HistorySince | null;
  /** `REDDIT_HEAL_MAX_HOURS` in ms (default 6 h) */
  healMaxWalkMs?: number;
}): Promise<ScraperUnderTest> {
  const orm = await openOrm(options.database.config, { applicationName: 'reddit-scraper-test' });
  const log = new MemoryLog();
  const metrics = new ScrapeMetrics({ source: REDDIT_SOURCE });
  const waits = new FakeClock({ now: options.time.nowMs, autoAdvance: true });
  const client = new RedditClient({
    fetch: (url, init) => fetch(url, init),
    clock: waits,
    credentials: { kind: 'client_credentials', clientId: 'fake-client', clientSecret: 'fake-secret' },
    userAgent: 'test:sentiment-ingest:0.0.0 (by /u/tests)',
    apiBaseUrl: options.address.baseUrl,
    authUrl: options.address.authUrl,
    requestTimeoutMs: 5_000,
    maxRetries: 6,
    random: () => 0.5,
    log,
  });
  const clock = { now: () => options.time.nowMs, sleep: async () => undefined };
  const { poller, commentsPoller, refresher, healer } = buildScraperComponents({
    orm,
    source: client,
    clock,
    log,
    metrics,
    redactDeleted: true,
    engagementMaxAgeMs: 48 * 3_600_000,
    writeBackoffMs: () => 10,
    shutdownGraceMs: 1_000,
    comments: true,
    historySince: options.historySince ?? null,
    ...(options.healMaxWalkMs === undefined ? {} : { healMaxWalkMs: options.healMaxWalkMs }),
  });
  return {
    poller,
    healer,
    commentsPoller: commentsPoller as NonNullable<typeof commentsPoller>,
    refresher: refresher as EngagementRefresher,
    client,
    log,
    metrics,
    orm,
    close: () => orm.close(true),
  };
}

/** What {@link useScraperAgainstFake} sets up before each test; `scraper` may be replaced (a restart). */
export interface ScraperFixture {
  database: TestDatabase;
  /** a direct connection for assertions */
  db: Client;
  fake: FakeReddit;
  address: { baseUrl: string; authUrl: string };
  time: SharedTime;
  scraper: ScraperUnderTest;
}

/**
 * Registers Jest hooks that give each test a migrated database, a fake Reddit on virtual time
 * starting at `start` (with history from `historyMs` before), and the scraper wired against both;
 * everything is closed after the test. Read the fixture's fields inside tests.
 */
export function useScraperAgainstFake(options: {
  start: number;
  seed: number;
  historyMs: number;
  subreddits: readonly SubredditSpec[];
}): ScraperFixture {
  const fixture = {} as ScraperFixture;
  beforeEach(async () => {
    fixture.database = await createMigratedTestDatabase();
    fixture.db = new Client({ connectionString: fixture.database.url });
    await fixture.db.connect();
    fixture.time = new SharedTime(options.start);
    fixture.fake = new FakeReddit({
      clock: fixture.time.clockLike,
      seed: options.seed,
      startAt: options.start - options.historyMs,
      subreddits: options.subreddits,
    });
    fixture.address = await fixture.fake.start(0);
    fixture.scraper = await buildScraper(fixture);
  });
  afterEach(async () => {
    await fixture.scraper.close();
    await fixture.fake.stop();
    await fixture.db.end();
    await fixture.database.drop();
  });
  return fixture;
}
