import { join } from 'node:path';
import { Client } from 'pg';
import { createMigratedTestDatabase, type TestDatabase } from '@sentiment-ingest/db/testing';
import { FakeReddit } from '@sentiment-ingest/fake-reddit';
import { freePort, startScraperProcess } from '@sentiment-ingest/scraper-kit/testing';

const MAIN = join(__dirname, '../../../dist/apps/reddit-scraper/main.js');
const MINUTE = 60_000;
const TWELVE = Array.from({ length: 12 }, (_, i) => `sub${String(i + 1).padStart(2, '0')}`);
const POSTS_STREAM = `new:${TWELVE.join('+')}`;

function redditEnv(address: { baseUrl: string; authUrl: string }, database: TestDatabase, extra: Record<string, string> = {}): Promise<Record<string, string>> {
  return freePort().then((port) => ({
    DATABASE_URL: database.url,
    REDDIT_CLIENT_ID: 'fake-client',
    REDDIT_CLIENT_SECRET: 'fake-secret',
    REDDIT_USER_AGENT: 'test:sentiment-ingest:0.0.0 (by /u/tests)',
    REDDIT_API_BASE_URL: address.baseUrl,
    REDDIT_AUTH_URL: address.authUrl,
    REDDIT_SUBREDDITS: TWELVE.join(','),
    REDDIT_POLL_MIN_INTERVAL_S: '1',
    REDDIT_POLL_MAX_INTERVAL_S: '2',
    // the whole spare budget: a heal round of 25 requests every 15 s
    REDDIT_HEAL_BUDGET_PCT: '100',
    HTTP_PORT: String(port),
    ...extra,
  }));
}

/** Waits until `check` holds, polling the database; fails with what it last saw. */
async function until<T>(what: string, read: () => Promise<T>, check: (value: T) => boolean, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms; last seen ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('reddit-scraper process healing gaps (end to end, with kill -9)', () => {
  const databases: TestDatabase[] = [];
  const fakes: FakeReddit[] = [];
  let db: Client;

  async function setUp(history: number, rates: (name: string, i: number) => { postsPerMinute: number; commentsPerMinute?: number }) {
    const database = await createMigratedTestDatabase();
    databases.push(database);
    const fake = new FakeReddit({
      seed: 31,
      startAt: Date.now() - history,
      subreddits: TWELVE.map((name, i) => ({ name, ...rates(name, i) })),
      // generous: the budget share, not the window, is what this test is about
      rateLimit: { budget: 100_000, windowSeconds: 600 },
    });
    fakes.push(fake);
    const address = await fake.start(0);
    db = new Client({ connectionString: database.url });
    await db.connect();
    return { database, fake, address };
  }

  const gapRows = async () =>
    (await db.query('select stream, gap_start, resolved_at, resolution, recovered_items from scrape_gaps order by id')).rows;
  const storedIds = async (table: string) => new Set((await db.query<{ id: string }>(`select id from ${table}`)).rows.map((r) => r.id));
  const duplicates = async (table: string) => (await db.query(`select id from ${table} group by id having count(*) > 1`)).rows;
  /** Where a stream stands: items created two seconds before its checkpoint have all been listed. */
  const settledUntil = async (stream: string) => {
    const { rows } = await db.query<{ t: Date }>('select newest_created_utc as t from scrape_checkpoints where stream = $1', [stream]);
    return (rows[0]?.t.getTime() ?? 0) - 2_000;
  };

  afterEach(async () => {
    await db?.end();
    for (const fake of fakes.splice(0)) await fake.stop();
    for (const database of databases.splice(0)) await database.drop();
  });

  it('recovers a 1,500-post burst in one subreddit of a group of 12 completely, killed with -9 mid-heal, and marks the gap resolved', async () => {
    const { database, fake, address } = await setUp(30 * MINUTE, () => ({ postsPerMinute: 1, commentsPerMinute: 2 }));
    const env = await redditEnv(address, database);
    const first = startScraperProcess(MAIN, env);
    await first.waitFor('"stream":"comments:sub01', 60_000);
    fake.addBurst('sub05', 1_500, Date.now());
    await first.waitFor('gap recorded', 60_000);
    // the first heal round re-polls the twelve alone (21 requests) and starts the id walk
    await first.waitFor('walking post ids through the gap', 90_000);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    expect((await gapRows())[0]).toMatchObject({ stream: POSTS_STREAM, resolved_at: null });

    const second = startScraperProcess(MAIN, env);
    try {
      await second.waitFor('resuming the id walk of a gap', 90_000);
      const [gap] = await until('the gap resolved', gapRows, (rows) => rows[0]?.resolved_at !== null, 120_000);
      expect(gap).toMatchObject({ resolution: 'repoll+id-walk' });
      expect(gap.recovered_items).toBeGreaterThanOrEqual(400);
      // every post the fake made up to where the posts stream stands is stored, exactly once
      const postsUntil = await settledUntil(POSTS_STREAM);
      const posts = await storedIds('raw_submissions');
      const missingPosts = fake.posts({ until: postsUntil }).filter((p) => !posts.has(p.id));
      expect(missingPosts.map((p) => p.id)).toEqual([]);
      expect(fake.posts().filter((p) => p.subreddit === 'sub05').length).toBeGreaterThan(1_500);
      expect(await duplicates('raw_submissions')).toEqual([]);
      // comments (no over-cap burst): every one up to where their stream stands, exactly once
      const commentsUntil = await settledUntil(`comments:${TWELVE.join('+')}`);
      const comments = await storedIds('raw_comments');
      expect(fake.comments({ until: commentsUntil }).filter((c) => !comments.has(c.id)).map((c) => c.id)).toEqual([]);
      expect(comments.size).toBeGreaterThan(500);
      expect(await duplicates('raw_comments')).toEqual([]);
      const metrics = await (await fetch(`http://127.0.0.1:${env['HTTP_PORT']}/metrics`)).text();
      expect(metrics).toMatch(/reddit_heal_requests_total\{method="id-walk"\} [1-9]/);
      expect(metrics).toMatch(/reddit_gaps_healed_total\{resolution="repoll\+id-walk"\} 1/);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  }, 420_000);

  it('stores every post of the fake three-hour history on a first run with REDDIT_HISTORY_SINCE=3h', async () => {
    // sub01 alone has ~1,440 posts in three hours, more than its own listing holds; the fake's history
    // reaches ten minutes further back, as Reddit has older posts
    const { database, fake, address } = await setUp(190 * MINUTE, (_name, i) => ({ postsPerMinute: i === 0 ? 8 : 1, commentsPerMinute: 1 }));
    const scraper = startScraperProcess(MAIN, await redditEnv(address, database, { REDDIT_HISTORY_SINCE: '3h' }));
    try {
      await scraper.waitFor('gap recorded', 60_000);
      const gaps = await until('the history gap resolved', gapRows, (rows) => rows.some((r) => r.stream === POSTS_STREAM && r.resolved_at !== null), 180_000);
      const historyGap = gaps.find((r) => r.stream === POSTS_STREAM);
      expect(historyGap).toMatchObject({ resolution: 'repoll+id-walk' });
      const since = (historyGap.gap_start as Date).getTime();
      expect(since).toBeGreaterThan(Date.now() - 3 * 60 * MINUTE - 5 * MINUTE);
      const postsUntil = await settledUntil(POSTS_STREAM);
      const stored = await storedIds('raw_submissions');
      const wanted = fake.posts({ until: postsUntil }).filter((p) => p.createdUtc * 1000 >= since);
      expect(wanted.length).toBeGreaterThan(3_000);
      expect(wanted.filter((p) => !stored.has(p.id)).map((p) => p.id)).toEqual([]);
      expect(await duplicates('raw_submissions')).toEqual([]);
    } finally {
      scraper.child.kill('SIGTERM');
      await scraper.exited;
    }
  }, 300_000);
});
