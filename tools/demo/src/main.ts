import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadEnvironment } from '@sentiment-ingest/db';
import { FakeReddit } from '@sentiment-ingest/fake-reddit';
import { ACTIVITY_SQL, formatActivityTable, type ActivityRow } from './activity-table';

/**
 * The README's demo: runs the Reddit scraper against the database of `.env` and ends with a
 * per-subreddit, per-hour table queried with `time_bucket`. Without REDDIT_CLIENT_ID it starts the
 * fake Reddit (tools/fake-reddit) with three hours of history and stops after DEMO_SECONDS
 * (default 45); with real credentials it scrapes Reddit until Ctrl-C.
 */
const WORKSPACE = process.cwd();
const SCRAPER_MAIN = join(WORKSPACE, 'dist/apps/reddit-scraper/main.js');
const FAKE_RATES_PER_MINUTE = [12, 6, 3, 2, 1];

async function main(): Promise<number> {
  const loaded = loadEnvironment({ cwd: WORKSPACE, processEnv: process.env });
  const databaseUrl = loaded.env['DATABASE_URL'];
  if (!databaseUrl) {
    process.stderr.write('demo: DATABASE_URL is not set: copy .env.example to .env (npm start does it for you)\n');
    return 3;
  }
  const subreddits = (loaded.env['REDDIT_SUBREDDITS'] || 'news,worldnews,askreddit').split(/[\s,]+/).filter(Boolean);
  const real = Boolean(loaded.env['REDDIT_CLIENT_ID']);
  let fake: FakeReddit | null = null;
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl };
  if (!real) {
    fake = new FakeReddit({
      seed: 2026,
      startAt: Date.now() - 3 * 3_600_000,
      subreddits: subreddits.map((name, i) => ({ name, postsPerMinute: FAKE_RATES_PER_MINUTE[i % FAKE_RATES_PER_MINUTE.length] ?? 1 })),
    });
    const address = await fake.start(0);
    Object.assign(env, {
      REDDIT_CLIENT_ID: 'fake-client',
      REDDIT_CLIENT_SECRET: 'fake-secret',
      REDDIT_USERNAME: '',
      REDDIT_PASSWORD: '',
      REDDIT_API_BASE_URL: address.baseUrl,
      REDDIT_AUTH_URL: address.authUrl,
      REDDIT_USER_AGENT: 'demo:sentiment-ingest:0.1.0 (by /u/si_demo)',
      REDDIT_POLL_MIN_INTERVAL_S: '2',
      REDDIT_POLL_MAX_INTERVAL_S: '10',
    });
    say(`no REDDIT_CLIENT_ID in .env: offline demo against the fake Reddit at ${address.baseUrl} (${subreddits.join(', ')})`);
  } else {
    say('scraping real Reddit with the credentials of .env; press Ctrl-C to stop');
  }

  const scraper = spawn(process.execPath, [SCRAPER_MAIN], { env, stdio: 'inherit' });
  const exited = new Promise<number | null>((resolve) => scraper.on('close', resolve));
  const stop = () => scraper.kill('SIGTERM');
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const seconds = Number(process.env['DEMO_SECONDS'] ?? 45);
  const timer = real ? null : setTimeout(stop, seconds * 1000);
  const progress = setInterval(() => void reportProgress(databaseUrl, fake), 10_000);
  const code = await exited;
  clearInterval(progress);
  if (timer) clearTimeout(timer);
  await fake?.stop();

  const rows = await activity(databaseUrl);
  process.stdout.write(`\nPosts per subreddit per hour (time_bucket over raw_submissions, last 24 h):\n${formatActivityTable(rows)}\n`);
  if (fake) say(`the fake Reddit generated ${fake.posts().length} posts; the scraper exited with code ${code}`);
  return code ?? 1;
}

async function reportProgress(databaseUrl: string, fake: FakeReddit | null): Promise<void> {
  const counts = await withClient(databaseUrl, async (db) => {
    const { rows } = await db.query<{ posts: number; observations: number; gaps: number }>(
      `select (select count(*) from raw_submissions)::int as posts,
              (select count(*) from submission_metrics)::int as observations,
              (select count(*) from scrape_gaps)::int as gaps`,
    );
    return rows[0];
  }).catch(() => null);
  if (counts) {
    say(`stored ${counts.posts} posts, ${counts.observations} engagement observations, ${counts.gaps} gaps` + (fake ? ` (fake Reddit has ${fake.posts().length})` : ''));
  }
}

async function activity(databaseUrl: string): Promise<ActivityRow[]> {
  return withClient(databaseUrl, async (db) => {
    const { rows } = await db.query<{ hour: Date; subreddit: string; posts: number; mean_score: number; comments: number }>(ACTIVITY_SQL, [24, 40]);
    return rows.map((r) => ({ hour: r.hour, subreddit: r.subreddit, posts: r.posts, meanScore: r.mean_score, comments: r.comments }));
  });
}

async function withClient<T>(url: string, fn: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await db.connect();
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}

function say(text: string): void {
  process.stderr.write(`[demo] ${text}\n`);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
