import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createEmptyTestDatabase, createMigratedTestDatabase, type TestDatabase } from '@sentiment-ingest/db/testing';
import { FakeReddit } from '@sentiment-ingest/fake-reddit';

const MAIN = join(__dirname, '../../../dist/apps/reddit-scraper/main.js');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The built scraper as a process, with output collected and a way to wait for a log line. */
function startScraper(env: Record<string, string>) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [MAIN], {
    cwd: mkdtempSync(join(tmpdir(), 'scraper-')),
    env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'info', ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const waitFor = async (text: string, ms = 20_000) => {
    const deadline = Date.now() + ms;
    while (!output.includes(text)) {
      if (Date.now() > deadline) throw new Error(`no "${text}" within ${ms} ms; output:\n${output}`);
      if (child.exitCode !== null) throw new Error(`scraper exited ${child.exitCode} before "${text}"; output:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return { child, exited, waitFor, output: () => output };
}

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
        { name: 'alpha', postsPerMinute: 30 },
        { name: 'beta', postsPerMinute: 10 },
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
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', reddit: 'ok', streams: 'ok' } });
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(/reddit_posts_inserted_total\{stream="new:alpha\+beta"\} [1-9]/);
    expect(metrics).toMatch(/reddit_requests_total\{endpoint="listing",status="200"\} [1-9]/);
    expect(metrics).toContain('sentiment_db_up 1');
    expect(metrics).toMatch(/sentiment_db_hypertable_chunks\{table="raw_submissions"\} [1-9]/);
    expect(metrics).toMatch(/sentiment_db_pool_connections\{state="free"\} \d/);
    scraper.child.kill('SIGTERM');
    expect(await scraper.exited).toBe(0);
    expect(scraper.output()).toContain('scraper stopped');
    const db = new Client({ connectionString: database.url });
    await db.connect();
    const { rows } = await db.query<{ n: number }>('select count(distinct id)::int as n from raw_submissions');
    const { rows: checkpoints } = await db.query('select stream from scrape_checkpoints');
    await db.end();
    expect(rows[0]!.n).toBeGreaterThan(100);
    expect(checkpoints).toEqual([{ stream: 'new:alpha+beta' }]);
  });

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
