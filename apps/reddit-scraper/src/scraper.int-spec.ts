import { Client } from 'pg';
import { databaseEnvShape, parseEnv, toDatabaseConfig } from '@sentiment-ingest/db';
import { createMigratedTestDatabase, startTestPgBouncer, type TestDatabase } from '@sentiment-ingest/db/testing';
import { FakeReddit } from '@sentiment-ingest/fake-reddit';
import { groupSubreddits } from './polling/subreddit-groups';
import { ScraperService } from './scraper-service';
import { buildScraper, SharedTime, type ScraperUnderTest } from './testing/scraper-harness';

const START = Date.UTC(2026, 10, 29, 10, 0, 0);
const MINUTE = 60_000;
const SUBREDDITS = ['alpha', 'beta', 'gamma'];
const [GROUP] = groupSubreddits(SUBREDDITS, 50);

let database: TestDatabase;
let db: Client;
let fake: FakeReddit;
let time: SharedTime;
let scraper: ScraperUnderTest;
let address: { baseUrl: string; authUrl: string };

beforeEach(async () => {
  database = await createMigratedTestDatabase();
  db = new Client({ connectionString: database.url });
  await db.connect();
  time = new SharedTime(START);
  fake = new FakeReddit({
    clock: time.clockLike,
    seed: 7,
    startAt: START - 30 * MINUTE,
    subreddits: [
      { name: 'alpha', postsPerMinute: 6 },
      { name: 'beta', postsPerMinute: 3 },
      { name: 'gamma', postsPerMinute: 1 },
    ],
  });
  address = await fake.start(0);
  scraper = await buildScraper({ fake, address, database, time });
});

afterEach(async () => {
  await scraper.close();
  await fake.stop();
  await db.end();
  await database.drop();
});

const poll = () => scraper.poller.poll(GROUP!, new AbortController().signal);

async function storedIds(): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>('select id from raw_submissions order by id');
  return rows.map((r) => r.id);
}

const truthIds = () => fake.posts().map((p) => p.id).sort();

describe('reddit scraper against the fake Reddit and TimescaleDB', () => {
  it('stores every generated post exactly once, with the right fields', async () => {
    for (let i = 0; i < 6; i += 1) {
      await poll();
      time.advance(5 * MINUTE);
    }
    await poll();
    expect(await storedIds()).toEqual(truthIds());
    const truth = new Map(fake.posts().map((p) => [p.id, p]));
    const { rows } = await db.query('select id, subreddit, title, author, created_utc, is_self from raw_submissions');
    for (const row of rows) {
      const post = truth.get(row.id)!;
      expect({ subreddit: row.subreddit, created: row.created_utc.getTime(), isSelf: row.is_self }).toEqual({
        subreddit: post.subreddit,
        created: post.createdUtc * 1000,
        isSelf: post.isSelf,
      });
      // a post deleted after its last read keeps its title until the engagement refresh sees it
      if (!post.removedByCategory) expect(row.title).toBe(post.title);
    }
    const { rows: dup } = await db.query('select id, count(*) from raw_submissions group by id having count(*) > 1');
    expect(dup).toEqual([]);
  });

  it('captures a 350-post burst between two polls', async () => {
    await poll();
    fake.addBurst('alpha', 350, time.nowMs + 1_000);
    time.advance(2 * MINUTE);
    const outcome = await poll();
    expect(outcome.gap).toBeNull();
    expect(outcome.pages).toBeGreaterThanOrEqual(4);
    expect(await storedIds()).toEqual(truthIds());
  });

  it('records a gap when a burst goes past the listing end, and keeps every post it could see', async () => {
    await poll();
    const before = (await storedIds()).length;
    fake.addBurst('beta', 1_500, time.nowMs + 1_000);
    time.advance(2 * MINUTE);
    const outcome = await poll();
    expect(outcome.gap).not.toBeNull();
    const { rows } = await db.query('select stream, gap_start, gap_end from scrape_gaps');
    expect(rows).toHaveLength(1);
    expect(rows[0].stream).toBe(GROUP!.stream);
    const stored = new Set(await storedIds());
    // the whole listing window (its newest 1000 posts) was stored on top of what the first poll had
    expect(stored.size).toBe(before + 1_000);
    const afterGap = fake.posts().filter((p) => p.createdUtc * 1000 > rows[0].gap_end.getTime());
    expect(afterGap.every((p) => stored.has(p.id))).toBe(true);
  });

  it('resumes after a restart from the checkpoint: no gap, no duplicate', async () => {
    await poll();
    time.advance(10 * MINUTE);
    await scraper.close();
    scraper = await buildScraper({ fake, address, database, time });
    await poll();
    expect(await storedIds()).toEqual(truthIds());
    expect((await db.query('select * from scrape_gaps')).rows).toEqual([]);
  });

  it('survives 429 storms (with and without Retry-After) and 5xx errors', async () => {
    fake.injectFaults([
      { status: 429, retryAfterSeconds: 2, count: 3 },
      { status: 429, count: 2 },
      { status: 503, count: 2 },
      { status: 502 },
    ]);
    // the client retries each request a bounded number of times; the scheduler retries the poll
    let failures = 0;
    for (;;) {
      try {
        await poll();
        break;
      } catch (error) {
        failures += 1;
        if (failures > 3) throw error;
      }
    }
    expect(await storedIds()).toEqual(truthIds());
    expect(fake.pendingFaults()).toBe(0);
  });

  it('rejects malformed items without losing the rest of the batch', async () => {
    fake.injectFaults([{ malformedItems: 3, path: 'listing' }]);
    const outcome = await poll();
    expect(outcome.rejected).toBe(3);
    const rejected = scraper.log.lines.filter((l) => l.message === 'item rejected');
    expect(rejected).toHaveLength(3);
    const stored = await storedIds();
    expect(stored).toHaveLength(truthIds().length - 3);
    expect(truthIds()).toEqual(expect.arrayContaining(stored));
    // the next poll re-reads the overlap page, where the same posts now arrive intact
    await poll();
    expect(await storedIds()).toEqual(truthIds());
  });

  it('skips a banned subreddit of a group with a warning and keeps collecting the others', async () => {
    fake.setSubredditStatus('beta', 'banned');
    const controller = new AbortController();
    const polled: string[] = [];
    const service = new ScraperService({
      poller: scraper.poller,
      refresher: null,
      clock: { now: () => time.nowMs, sleep: async (ms: number) => time.advance(ms) },
      log: scraper.log,
      subreddits: SUBREDDITS,
      subredditsPerRequest: 50,
      pollMinIntervalMs: 15_000,
      pollMaxIntervalMs: 60_000,
      onPoll: (outcome) => {
        polled.push(outcome.stream);
        if (polled.length >= 4) controller.abort();
      },
    });
    await service.run(controller.signal);
    expect(scraper.log.lines.some((l) => l.message === 'subreddit unavailable; skipped' && l.fields['subreddit'] === 'beta')).toBe(true);
    expect(polled).toContain('new:alpha');
    const { rows } = await db.query<{ subreddit: string }>('select distinct subreddit from raw_submissions order by 1');
    expect(rows.map((r) => r.subreddit)).toEqual(['alpha', 'gamma']);
  });

  it('collects through PgBouncer in transaction mode exactly as directly', async () => {
    const pgbouncer = await startTestPgBouncer();
    const pooledUrl = pgbouncer.withPgBouncer(database.url);
    const pooled = { ...database, url: pooledUrl, config: toDatabaseConfig(parseEnv(databaseEnvShape, { DATABASE_URL: pooledUrl })) };
    await scraper.close();
    scraper = await buildScraper({ fake, address, database: pooled, time });
    await poll();
    fake.addBurst('gamma', 250, time.nowMs + 1_000);
    time.advance(5 * MINUTE);
    await poll();
    expect(await storedIds()).toEqual(truthIds());
    const [checkpoint] = (await db.query('select stream from scrape_checkpoints')).rows;
    expect(checkpoint).toEqual({ stream: GROUP!.stream });
  });

  it('refreshes engagement of recent posts: new observations and updated scores', async () => {
    await poll();
    const { rows: before } = await db.query<{ n: number }>('select count(*)::int as n from submission_metrics');
    time.advance(60 * MINUTE);
    const result = await scraper.refresher.refreshDue(new AbortController().signal);
    expect(result.checked).toBeGreaterThan(0);
    expect(result.updated).toBeGreaterThan(0);
    const { rows: after } = await db.query<{ n: number }>('select count(*)::int as n from submission_metrics');
    expect(after[0]!.n).toBe(before[0]!.n + result.updated);
    const truth = new Map(fake.posts().map((p) => [p.id, p]));
    const { rows } = await db.query<{ id: string; score: number }>('select id, score from raw_submissions');
    expect(rows.every((r) => r.score === truth.get(r.id)!.score)).toBe(true);
  });
});
