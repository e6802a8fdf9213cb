import { databaseEnvShape, parseEnv, toDatabaseConfig } from '@sentiment-ingest/db';
import { startTestPgBouncer } from '@sentiment-ingest/db/testing';
import { groupSubreddits } from './polling/subreddit-groups';
import { ScraperService } from './scraper-service';
import { buildScraper, useScraperAgainstFake } from './testing/scraper-harness';

const START = Date.UTC(2026, 10, 29, 10, 0, 0);
const MINUTE = 60_000;
const SUBREDDITS = ['alpha', 'beta', 'gamma'];
const [GROUP] = groupSubreddits(SUBREDDITS, 50);

const env = useScraperAgainstFake({
  start: START,
  seed: 7,
  historyMs: 30 * MINUTE,
  subreddits: [
    { name: 'alpha', postsPerMinute: 6 },
    { name: 'beta', postsPerMinute: 3 },
    { name: 'gamma', postsPerMinute: 1 },
  ],
});

const poll = () => env.scraper.poller.poll(GROUP!, new AbortController().signal);

async function storedIds(): Promise<string[]> {
  const { rows } = await env.db.query<{ id: string }>('select id from raw_submissions order by id');
  return rows.map((r) => r.id);
}

const truthIds = () => env.fake.posts().map((p) => p.id).sort();

describe('reddit scraper against the fake Reddit and TimescaleDB', () => {
  it('stores every generated post exactly once, with the right fields', async () => {
    for (let i = 0; i < 6; i += 1) {
      await poll();
      env.time.advance(5 * MINUTE);
    }
    await poll();
    expect(await storedIds()).toEqual(truthIds());
    const truth = new Map(env.fake.posts().map((p) => [p.id, p]));
    const { rows } = await env.db.query('select id, subreddit, title, author, created_utc, is_self from raw_submissions');
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
    const { rows: dup } = await env.db.query('select id, count(*) from raw_submissions group by id having count(*) > 1');
    expect(dup).toEqual([]);
  });

  it('captures a 350-post burst between two polls', async () => {
    await poll();
    env.fake.addBurst('alpha', 350, env.time.nowMs + 1_000);
    env.time.advance(2 * MINUTE);
    const outcome = await poll();
    expect(outcome.gap).toBeNull();
    expect(outcome.pages).toBeGreaterThanOrEqual(4);
    expect(await storedIds()).toEqual(truthIds());
  });

  it('records a gap when a burst goes past the listing end, and keeps every post it could see', async () => {
    await poll();
    const before = (await storedIds()).length;
    env.fake.addBurst('beta', 1_500, env.time.nowMs + 1_000);
    env.time.advance(2 * MINUTE);
    const outcome = await poll();
    expect(outcome.gap).not.toBeNull();
    const { rows } = await env.db.query('select stream, gap_start, gap_end from scrape_gaps');
    expect(rows).toHaveLength(1);
    expect(rows[0].stream).toBe(GROUP!.stream);
    const stored = new Set(await storedIds());
    // the whole listing window (its newest 1000 posts) was stored on top of what the first poll had
    expect(stored.size).toBe(before + 1_000);
    const afterGap = env.fake.posts().filter((p) => p.createdUtc * 1000 > rows[0].gap_end.getTime());
    expect(afterGap.every((p) => stored.has(p.id))).toBe(true);
  });

  it('resumes after a restart from the checkpoint: no gap, no duplicate', async () => {
    await poll();
    env.time.advance(10 * MINUTE);
    await env.scraper.close();
    env.scraper = await buildScraper(env);
    await poll();
    expect(await storedIds()).toEqual(truthIds());
    expect((await env.db.query('select * from scrape_gaps')).rows).toEqual([]);
  });

  it('survives 429 storms (with and without Retry-After) and 5xx errors', async () => {
    env.fake.injectFaults([
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
    expect(env.fake.pendingFaults()).toBe(0);
  });

  it('rejects malformed items without losing the rest of the batch', async () => {
    env.fake.injectFaults([{ malformedItems: 3, path: 'listing' }]);
    const outcome = await poll();
    expect(outcome.rejected).toBe(3);
    const rejected = env.scraper.log.lines.filter((l) => l.message === 'item rejected');
    expect(rejected).toHaveLength(3);
    const stored = await storedIds();
    expect(stored).toHaveLength(truthIds().length - 3);
    expect(truthIds()).toEqual(expect.arrayContaining(stored));
    // the next poll re-reads the overlap page, where the same posts now arrive intact
    await poll();
    expect(await storedIds()).toEqual(truthIds());
  });

  it('skips a banned subreddit of a group with a warning and keeps collecting the others', async () => {
    env.fake.setSubredditStatus('beta', 'banned');
    const controller = new AbortController();
    const polled: string[] = [];
    const service = new ScraperService({
      poller: env.scraper.poller,
      refresher: null,
      clock: { now: () => env.time.nowMs, sleep: async (ms: number) => env.time.advance(ms) },
      log: env.scraper.log,
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
    expect(env.scraper.log.lines.some((l) => l.message === 'subreddit unavailable; skipped' && l.fields['subreddit'] === 'beta')).toBe(true);
    expect(polled).toContain('new:alpha');
    const { rows } = await env.db.query<{ subreddit: string }>('select distinct subreddit from raw_submissions order by 1');
    expect(rows.map((r) => r.subreddit)).toEqual(['alpha', 'gamma']);
  });

  it('collects through PgBouncer in transaction mode exactly as directly', async () => {
    const pgbouncer = await startTestPgBouncer();
    const pooledUrl = pgbouncer.withPgBouncer(env.database.url);
    const pooled = { ...env.database, url: pooledUrl, config: toDatabaseConfig(parseEnv(databaseEnvShape, { DATABASE_URL: pooledUrl })) };
    await env.scraper.close();
    env.scraper = await buildScraper({ ...env, database: pooled });
    await poll();
    env.fake.addBurst('gamma', 250, env.time.nowMs + 1_000);
    env.time.advance(5 * MINUTE);
    await poll();
    expect(await storedIds()).toEqual(truthIds());
    const [checkpoint] = (await env.db.query('select stream from scrape_checkpoints')).rows;
    expect(checkpoint).toEqual({ stream: GROUP!.stream });
  });

  it('refreshes engagement of recent posts: new observations and updated scores', async () => {
    await poll();
    const { rows: before } = await env.db.query<{ n: number }>('select count(*)::int as n from submission_engagement');
    env.time.advance(60 * MINUTE);
    const result = await env.scraper.refresher.refreshDue(new AbortController().signal);
    expect(result.checked).toBeGreaterThan(0);
    expect(result.updated).toBeGreaterThan(0);
    const { rows: after } = await env.db.query<{ n: number }>('select count(*)::int as n from submission_engagement');
    expect(after[0]!.n).toBe(before[0]!.n + result.updated);
    const truth = new Map(env.fake.posts().map((p) => [p.id, p]));
    const { rows } = await env.db.query<{ id: string; score: number }>('select id, score from raw_submissions');
    expect(rows.every((r) => r.score === truth.get(r.id)!.score)).toBe(true);
  });

  it('keeps engagement state across a restart: the next process makes no /api/info request for posts refreshed just before', async () => {
    await poll();
    env.time.advance(10 * MINUTE);
    const first = await env.scraper.refresher.refreshDue(new AbortController().signal);
    expect(first.checked).toBeGreaterThan(0);
    const infoRequests = () => Object.values(env.fake.stats().requests['info'] ?? {}).reduce((sum, n) => sum + n, 0);
    const before = infoRequests();
    const { rows: checkpoint } = await env.db.query('select newest_id, state from scrape_checkpoints where stream = $1', ['engagement']);
    expect(checkpoint).toHaveLength(1);
    await env.scraper.close();
    env.time.advance(2 * MINUTE);
    env.scraper = await buildScraper(env);
    const second = await env.scraper.refresher.refreshDue(new AbortController().signal);
    expect(second.checked).toBe(0);
    expect(infoRequests()).toBe(before);
    // and they come due again on their cadence (5 min in a post's first hour)
    env.time.advance(3 * MINUTE);
    expect((await env.scraper.refresher.refreshDue(new AbortController().signal)).checked).toBe(first.checked);
  });
});
