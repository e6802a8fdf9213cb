import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import { loadEnvironment } from '@sentiment-ingest/db';
import { FakeReddit } from '@sentiment-ingest/fake-reddit';
import {
  ACTIVITY_SQL,
  formatActivityTable,
  formatSourceActivityTable,
  SOURCE_ACTIVITY_SQL,
  type ActivityRow,
  type SourceActivityRow,
} from './activity-table';

/**
 * The README's demo: runs both scrapers against the database of `.env` and ends with a table of
 * items per source per hour read from the shared read model (`text_items`), after the Reddit table
 * per subreddit per hour. Without REDDIT_CLIENT_ID it is offline: the fake Reddit (tools/fake-reddit,
 * in this process) with three hours of history, and the fake Hacker News (tools/fake-hn, its own
 * process on its own port) with three hours of history, the Hacker News scraper starting at
 * DEMO_HN_START (default `2h`); both scrapers stop with SIGTERM after DEMO_SECONDS (default 45).
 * With real Reddit credentials it scrapes Reddit and the real Hacker News API (no credentials, the
 * HN_* settings of `.env`) until Ctrl-C. The Hacker News scraper's health server listens on
 * DEMO_HN_HTTP_PORT (default 9465), never on the Reddit scraper's HTTP_PORT.
 */
const WORKSPACE = process.cwd();
const REDDIT_SCRAPER_MAIN = join(WORKSPACE, 'dist/apps/reddit-scraper/main.js');
const HN_SCRAPER_MAIN = join(WORKSPACE, 'dist/apps/hn-scraper/main.js');
const FAKE_HN_MAIN = join(WORKSPACE, 'dist/tools/fake-hn/main.js');
const FAKE_RATES_PER_MINUTE = [12, 6, 3, 2, 1];
const HISTORY_MINUTES = 180;
/**
 * The Reddit scraper's first run asks for three hours of history (REDDIT_HISTORY_SINCE) and heals the
 * gap its listings cannot reach; the fake Reddit's history goes ten minutes further back, as Reddit
 * has older posts, so the id walk meets posts from before the history's start and ends there.
 */
const REDDIT_HISTORY = '3h';
const FAKE_REDDIT_HISTORY_MINUTES = HISTORY_MINUTES + 10;
/** Comments per post on the fake Reddit: about Reddit's site-wide mean in 2026. */
const FAKE_COMMENTS_PER_POST = 7.7;

/** How long the offline demo runs: long enough for the first healing rounds to close the posts' history gap. */
const DEFAULT_DEMO_SECONDS = 60;

/** A child process and its exit code (null: killed by a signal). */
interface Child {
  readonly name: string;
  readonly process: ChildProcess;
  readonly exited: Promise<number | null>;
}

/** What `--help` prints: the demo is normally started by `npm start`, which prepares `.env` and the database. */
const USAGE = `Usage: npm start   (or: npx nx run demo:serve, once .env and the database are ready)

Runs the Reddit and the Hacker News scrapers against the database of .env (DATABASE_URL) and prints
items per source per hour from text_items, and the scrape gaps opened and healed. Without
REDDIT_CLIENT_ID it is offline: the fake Reddit and the fake Hacker News, three hours of history each,
for DEMO_SECONDS, the Reddit scraper asking for the three hours (REDDIT_HISTORY_SINCE=3h) and healing
what its listings cannot reach; with it, real Reddit and the real Hacker News API until Ctrl-C.

settings (environment, or .env in the working directory):
  DATABASE_URL          the database to write to (npm start sets it: <PG_DB>_demo when offline)
  REDDIT_CLIENT_ID      empty: offline, against the fakes
  REDDIT_SUBREDDITS     subreddits to scrape (default news,worldnews,askreddit)
  DEMO_SECONDS          how long the offline demo runs before both scrapers stop (default 60)
  DEMO_HN_START         where the Hacker News scraper starts, back from now (default 2h)
  DEMO_HN_HTTP_PORT     the Hacker News scraper's health port (default 9465)
`;

async function main(): Promise<number> {
  if (process.argv.slice(2).some((arg) => arg === '--help' || arg === '-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const loaded = loadEnvironment({ cwd: WORKSPACE, processEnv: process.env });
  const databaseUrl = loaded.env['DATABASE_URL'];
  if (!databaseUrl) {
    process.stderr.write('demo: DATABASE_URL is not set: copy .env.example to .env (npm start does it for you)\n');
    return 3;
  }
  const subreddits = (loaded.env['REDDIT_SUBREDDITS'] || 'news,worldnews,askreddit').split(/[\s,]+/).filter(Boolean);
  const real = Boolean(loaded.env['REDDIT_CLIENT_ID']);
  const base: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl };
  const redditEnv: NodeJS.ProcessEnv = { ...base };
  // its own port: an HTTP_PORT of .env applies to every scraper started from the workspace
  const hnEnv: NodeJS.ProcessEnv = { ...base, HTTP_PORT: process.env['DEMO_HN_HTTP_PORT'] ?? '9465' };
  let fakeReddit: FakeReddit | null = null;
  let fakeHn: { child: Child; baseUrl: string } | null = null;
  if (!real) {
    fakeReddit = new FakeReddit({
      seed: 2026,
      startAt: Date.now() - FAKE_REDDIT_HISTORY_MINUTES * 60_000,
      subreddits: subreddits.map((name, i) => {
        const postsPerMinute = FAKE_RATES_PER_MINUTE[i % FAKE_RATES_PER_MINUTE.length] ?? 1;
        return { name, postsPerMinute, commentsPerMinute: postsPerMinute * FAKE_COMMENTS_PER_POST };
      }),
    });
    const address = await fakeReddit.start(0);
    Object.assign(redditEnv, {
      REDDIT_CLIENT_ID: 'fake-client',
      REDDIT_CLIENT_SECRET: 'fake-secret',
      REDDIT_USERNAME: '',
      REDDIT_PASSWORD: '',
      REDDIT_API_BASE_URL: address.baseUrl,
      REDDIT_AUTH_URL: address.authUrl,
      REDDIT_USER_AGENT: 'demo:sentiment-ingest:0.1.0 (by /u/si_demo)',
      REDDIT_POLL_MIN_INTERVAL_S: '2',
      REDDIT_POLL_MAX_INTERVAL_S: '10',
      REDDIT_HISTORY_SINCE: REDDIT_HISTORY,
      // a short demo: the whole spare budget heals the first run's history gap
      REDDIT_HEAL_BUDGET_PCT: '100',
    });
    try {
      fakeHn = await startFakeHn();
    } catch (error) {
      await fakeReddit.stop();
      throw error;
    }
    Object.assign(hnEnv, {
      HN_API_BASE_URL: fakeHn.baseUrl,
      HN_START: process.env['DEMO_HN_START'] ?? '2h',
      // a local fake: no need for the real API's politeness, and the demo is short
      HN_MAX_REQUESTS_PER_S: '500',
      HN_CONCURRENCY: '16',
      HN_POLL_INTERVAL_S: '5',
      HN_NULL_RETRY_S: '10',
    });
    say(`no REDDIT_CLIENT_ID in .env: offline demo against the fake Reddit at ${address.baseUrl} (${subreddits.join(', ')})`);
    say(`and the fake Hacker News at ${fakeHn.baseUrl}, the Hacker News scraper starting ${hnEnv['HN_START']} back (health server on port ${hnEnv['HTTP_PORT']})`);
  } else {
    say(`scraping real Reddit with the credentials of .env, and Hacker News at ${loaded.env['HN_API_BASE_URL'] || 'https://hacker-news.firebaseio.com/v0'}; press Ctrl-C to stop`);
  }

  const scrapers = [startChild('reddit-scraper', [REDDIT_SCRAPER_MAIN], redditEnv), startChild('hn-scraper', [HN_SCRAPER_MAIN], hnEnv)];
  // one SIGTERM each: a second one makes a scraper exit at once, without writing the batch in hand
  const stopped = new Set<Child>();
  const stop = () => {
    for (const s of scrapers) {
      if (stopped.has(s) || s.process.exitCode !== null || s.process.signalCode !== null) continue;
      stopped.add(s);
      s.process.kill('SIGTERM');
    }
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // one scraper failing (a bad setting, the database gone) stops the other: the demo then ends
  for (const s of scrapers) void s.exited.then(stop);
  const seconds = Number(process.env['DEMO_SECONDS'] ?? DEFAULT_DEMO_SECONDS);
  const timer = real ? null : setTimeout(stop, seconds * 1000);
  const progress = setInterval(() => void reportProgress(databaseUrl, fakeReddit, fakeHn?.baseUrl ?? null), 10_000);
  const codes = await Promise.all(scrapers.map((s) => s.exited));
  clearInterval(progress);
  if (timer) clearTimeout(timer);
  await fakeReddit?.stop();
  if (fakeHn) {
    fakeHn.child.process.kill('SIGTERM');
    await fakeHn.child.exited;
  }

  const [perSubreddit, perSource, gaps] = await Promise.all([subredditActivity(databaseUrl), sourceActivity(databaseUrl), gapSummary(databaseUrl)]);
  process.stdout.write(`\nPosts per subreddit per hour (time_bucket over raw_submissions, last 24 h):\n${formatActivityTable(perSubreddit)}\n`);
  process.stdout.write(`\nItems per source per hour of creation (time_bucket over the read model text_items, last 24 h):\n${formatSourceActivityTable(perSource)}\n`);
  process.stdout.write(`\nScrape gaps (scrape_gaps):\n${gaps.length === 0 ? '(none)' : gaps.join('\n')}\n`);
  const exits = scrapers.map((s, i) => `${s.name} ${codes[i] ?? 'killed'}`).join(', ');
  if (fakeReddit) say(`the fake Reddit generated ${fakeReddit.posts().length} posts; exit codes: ${exits}`);
  else say(`exit codes: ${exits}`);
  const failed = codes.filter((code) => code !== 0);
  return failed.length === 0 ? 0 : (failed[0] ?? 1);
}

/** Starts a node program with the demo's output. */
function startChild(name: string, args: readonly string[], env: NodeJS.ProcessEnv, stdout: 'inherit' | 'pipe' = 'inherit'): Child {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', stdout, 'inherit'] });
  const exited = new Promise<number | null>((resolve) => {
    child.once('error', (error) => {
      say(`${name} could not start: ${error.message}`);
      resolve(1);
    });
    child.once('close', (code) => resolve(code));
  });
  return { name, process: child, exited };
}

/**
 * Starts the fake Hacker News (`dist/tools/fake-hn/main.js`) on a free port of 127.0.0.1 with
 * HISTORY_MINUTES of history, and reads where it listens from the JSON line it prints.
 */
async function startFakeHn(): Promise<{ child: Child; baseUrl: string }> {
  const child = startChild(
    'fake-hn',
    [FAKE_HN_MAIN, '--port', '0', '--seed', '2026', '--history-minutes', String(HISTORY_MINUTES)],
    { ...process.env },
    'pipe',
  );
  const stdout = child.process.stdout;
  if (stdout === null) throw new Error('the fake Hacker News has no stdout to read its address from');
  const lines = createInterface({ input: stdout });
  const listening = new Promise<string>((resolve, reject) => {
    lines.once('line', (line) => {
      try {
        const { baseUrl } = JSON.parse(line) as { baseUrl?: unknown };
        if (typeof baseUrl === 'string') resolve(baseUrl);
        else reject(new Error(`the fake Hacker News printed no baseUrl: ${line}`));
      } catch {
        reject(new Error(`the fake Hacker News printed no JSON line: ${line}`));
      }
    });
  });
  const failed = child.exited.then((code) => {
    throw new Error(`the fake Hacker News exited with code ${code} before listening (npx nx run fake-hn:serve -- --help)`);
  });
  try {
    return { child, baseUrl: await Promise.race([listening, failed]) };
  } catch (error) {
    child.process.kill('SIGTERM');
    throw error;
  } finally {
    failed.catch(() => undefined);
  }
}

async function reportProgress(databaseUrl: string, fake: FakeReddit | null, fakeHnBaseUrl: string | null): Promise<void> {
  const counts = await withClient(databaseUrl, async (db) => {
    const { rows } = await db.query<{ posts: number; observations: number; gaps: number; healed: number; hn: number }>(
      `select (select count(*) from raw_submissions)::int as posts,
              (select count(*) from submission_engagement)::int as observations,
              (select count(*) from scrape_gaps)::int as gaps,
              (select count(*) from scrape_gaps where resolved_at is not null)::int as healed,
              (select count(*) from hn_items)::int as hn`,
    );
    return rows[0];
  }).catch(() => null);
  if (!counts) return;
  const maxItem = fakeHnBaseUrl ? await fetchJson(`${fakeHnBaseUrl}/maxitem.json`) : null;
  say(
    `stored ${counts.posts} Reddit posts, ${counts.observations} engagement observations, ${counts.gaps} gaps (${counts.healed} healed)` +
      (fake ? ` (fake Reddit has ${fake.posts().length})` : '') +
      `; ${counts.hn} Hacker News items` +
      (typeof maxItem === 'number' ? ` (fake HN maxitem ${maxItem})` : ''),
  );
}

async function fetchJson(url: string): Promise<unknown> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}

/** One line per gap: its stream and period, and how it was resolved or why it is open. */
async function gapSummary(databaseUrl: string): Promise<string[]> {
  return withClient(databaseUrl, async (db) => {
    // why the healer left a gap open, when it did: its progress row (heal:<gap id>) says
    const { rows } = await db.query<{ stream: string; gap_start: Date; gap_end: Date; resolution: string | null; recovered_items: number | null; reason: string }>(
      `select g.stream, g.gap_start, g.gap_end, g.resolution, g.recovered_items, coalesce(h.state ->> 'reason', g.reason) as reason
         from scrape_gaps g left join scrape_checkpoints h on h.source = g.source and h.stream = 'heal:' || g.id
        order by g.id`,
    );
    return rows.map((r) => {
      const period = `${r.stream}  ${r.gap_start.toISOString().slice(11, 19)} to ${r.gap_end.toISOString().slice(11, 19)} UTC`;
      return r.resolution ? `${period}  healed (${r.resolution}): ${r.recovered_items ?? 0} recovered` : `${period}  open: ${r.reason}`;
    });
  }).catch(() => []);
}

async function subredditActivity(databaseUrl: string): Promise<ActivityRow[]> {
  return withClient(databaseUrl, async (db) => {
    const { rows } = await db.query<{ hour: Date; subreddit: string; posts: number; mean_score: number; comments: number }>(ACTIVITY_SQL, [24, 40]);
    return rows.map((r) => ({ hour: r.hour, subreddit: r.subreddit, posts: r.posts, meanScore: r.mean_score, comments: r.comments }));
  });
}

async function sourceActivity(databaseUrl: string): Promise<SourceActivityRow[]> {
  return withClient(databaseUrl, async (db) => {
    const { rows } = await db.query<{ hour: Date; source: string; items: number; posts: number; comments: number }>(SOURCE_ACTIVITY_SQL, [24, 60]);
    return rows.map((r) => ({ hour: r.hour, source: r.source, items: r.items, posts: r.posts, comments: r.comments }));
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
