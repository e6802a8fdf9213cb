import { join } from 'node:path';
import { Client } from 'pg';
import { createEmptyTestDatabase, createMigratedTestDatabase, type TestDatabase } from '@sentiment-ingest/db/testing';
import { FakeReddit } from '@sentiment-ingest/fake-reddit';
import { freePort, startScraperProcess } from '@sentiment-ingest/scraper-kit/testing';

const MAIN = join(__dirname, '../../../dist/apps/reddit-scraper/main.js');

/** The built scraper as a process, with output collected and a way to wait for a log line. */
const startScraper = (env: Record<string, string>) => startScraperProcess(MAIN, env);

function redditEnv(address: { baseUrl: string; authUrl: string }, httpPort: number): Record<string, string> {
  return {
    REDDIT_CLIENT_ID: 'fake-client',
    REDDIT_CLIENT_SECRET: 'fake-secret',
    REDDIT_USER_AGENT: 'test:sentiment-ingest:0.0.0 (by /u/tests)',
    REDDIT_API_BASE_URL: address.baseUrl,
    REDDIT_AUTH_URL: address.authUrl,
    REDDIT_SUBREDDITS: 'alpha,beta',
    REDDIT_POLL_MIN_INTERVAL_S: '1',
    REDDIT_POLL_MAX_INTERVAL_S: '2',
    HTTP_PORT: String(httpPort),
  };
}

describe('reddit-scraper process', () => {
  let fake: FakeReddit;
  let address: { baseUrl: string; authUrl: string };
  const databases: TestDatabase[] = [];

  beforeAll(async () => {
    fake = new FakeReddit({
      seed: 3,
      startAt: Date.now() - 20 * 60_000,
      subreddits: [
        { name: 'alpha', postsPerMinute: 30, commentsPerMinute: 60 },
        { name: 'beta', postsPerMinute: 10, commentsPerMinute: 20 },
      ],
    });
    address = await fake.start(0);
  });

  afterAll(async () => {
    await fake.stop();
    for (const database of databases) await database.drop();
  });

  it('scrapes, serves /readyz and /metrics, and on SIGTERM writes what it has and exits 0', async () => {
    const database = await createMigratedTestDatabase();
    databases.push(database);
    const port = await freePort();
    const scraper = startScraper({ DATABASE_URL: database.url, ...redditEnv(address, port) });
    await scraper.waitFor('poll complete');
    await scraper.waitFor('"stream":"comments:alpha+beta"');
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', reddit: 'ok', streams: 'ok' } });
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(/scrape_items_inserted_total\{source="reddit",stream="new:alpha\+beta"\} [1-9]/);
    expect(metrics).toMatch(/reddit_requests_total\{endpoint="listing",status="200"\} [1-9]/);
    // REDDIT_COMMENTS is on by default: the group's comments stream was polled after its posts
    expect(metrics).toMatch(/reddit_requests_total\{endpoint="comments",status="200"\} [1-9]/);
    expect(metrics).toMatch(/reddit_comments_stored_total\{subreddit="alpha"\} [1-9]/);
    expect(metrics).toContain('sentiment_db_up 1');
    expect(metrics).toMatch(/sentiment_db_hypertable_chunks\{table="raw_submissions"\} [1-9]/);
    expect(metrics).toMatch(/sentiment_db_pool_connections\{state="free"\} \d/);
    scraper.child.kill('SIGTERM');
    expect(await scraper.exited).toBe(0);
    expect(scraper.output()).toContain('scraper stopped');
    const db = new Client({ connectionString: database.url });
    await db.connect();
    const { rows } = await db.query<{ n: number }>('select count(distinct id)::int as n from raw_submissions');
    const { rows: comments } = await db.query<{ n: number }>('select count(distinct id)::int as n from raw_comments');
    // the polled streams' checkpoints (a complete engagement round, due a minute after start, adds `engagement`)
    const { rows: checkpoints } = await db.query("select stream from scrape_checkpoints where stream <> 'engagement' order by stream");
    await db.end();
    expect(rows[0]!.n).toBeGreaterThan(100);
    expect(comments[0]!.n).toBeGreaterThan(100);
    expect(checkpoints).toEqual([{ stream: 'comments:alpha+beta' }, { stream: 'new:alpha+beta' }]);
  });

  it('stores a page of 100 posts of 1 MB each under the 128 MB heap compose sets, without dying or looping', async () => {
    // no rate limit: the pacing of a real budget would only make the test slow
    const huge = new FakeReddit({ seed: 9, startAt: Date.now() - 30 * 60_000, subreddits: [{ name: 'huge', postsPerMinute: 5 }], rateLimit: false });
    const hugeAddress = await huge.start(0);
    const database = await createMigratedTestDatabase();
    databases.push(database);
    const db = new Client({ connectionString: database.url });
    await db.connect();
    const megabyte = 'x'.repeat(1_000_000);
    const victims = huge.posts().slice(-100);
    expect(victims).toHaveLength(100);
    for (const post of victims) huge.corruptPost(post.id, { data: { selftext: megabyte } });
    const scraper = startScraper({
      DATABASE_URL: database.url,
      ...redditEnv(hugeAddress, await freePort()),
      REDDIT_SUBREDDITS: 'huge',
      NODE_OPTIONS: '--max-old-space-size=128',
    });
    const alive = () => {
      if (scraper.child.exitCode !== null) throw new Error(`scraper exited ${scraper.child.exitCode}:\n${scraper.output().slice(-3000)}`);
    };
    try {
      const ids = victims.map((p) => p.id);
      // generous: CI runs this beside other projects' heavy tests (the generator's workspace test
      // lints, type-checks and tests a whole generated app), and alone it takes 36-53 s
      const deadline = Date.now() + 180_000;
      for (let stored = 0; stored < ids.length; ) {
        alive();
        if (Date.now() > deadline) throw new Error(`only ${stored} of 100 large posts stored in 180 s:\n${scraper.output().slice(-3000)}`);
        await new Promise((resolve) => setTimeout(resolve, 500));
        const { rows } = await db.query<{ n: number }>('select count(*)::int as n from raw_submissions where id = any($1)', [ids]);
        stored = rows[0]!.n;
      }
      // whole, except the text of posts deleted on Reddit meanwhile (redacted by design)
      const { rows: lengths } = await db.query<{ id: string; n: number }>('select id, length(selftext) as n from raw_submissions where id = any($1)', [ids]);
      const removed = new Set(huge.posts().filter((p) => p.removedByCategory !== null).map((p) => p.id));
      for (const row of lengths) expect(row.n).toBe(removed.has(row.id) ? 0 : 1_000_000);
      expect(scraper.output()).toContain('Reddit page too large; asking for fewer items');
      // the stream goes on: another poll completes from the checkpoint
      const polls = () => scraper.output().split('"poll complete"').length - 1;
      const before = polls();
      while (polls() <= before) {
        alive();
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      scraper.child.kill('SIGTERM');
      expect(await scraper.exited).toBe(0);
    } finally {
      if (scraper.child.exitCode === null) scraper.child.kill('SIGKILL');
      await db.end();
      await huge.stop();
    }
  }, 300_000);

  it('refuses to start while migrations are pending, telling to run the migrator', async () => {
    const database = await createEmptyTestDatabase();
    databases.push(database);
    const scraper = startScraper({ DATABASE_URL: database.url, ...redditEnv(address, await freePort()) });
    expect(await scraper.exited).toBe(6);
    expect(scraper.output()).toContain('Run the migrator first: npx nx run migrator:serve');
    const db = new Client({ connectionString: database.url });
    await db.connect();
    const { rows } = await db.query(`select table_name from information_schema.tables where table_schema = 'public'`);
    await db.end();
    expect(rows).toEqual([]);
  });

  it('exits 3 and names every configuration problem', async () => {
    const scraper = startScraper({ DATABASE_URL: 'postgres://u:p@127.0.0.1:1/x', REDDIT_SUBREDDITS: 'news' });
    expect(await scraper.exited).toBe(3);
    expect(scraper.output()).toContain('REDDIT_CLIENT_ID is not set');
    expect(scraper.output()).toContain('REDDIT_USER_AGENT is not set');
  });
});
