import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createEmptyTestDatabase, startTestPgBouncer, testEditions, type TestDatabase, type TimescaleEdition } from '@sentiment-ingest/db/testing';
import { EXPECTED_HYPERTABLES, MIGRATIONS, MIGRATIONS_SOURCE_DIR } from '@sentiment-ingest/db';
import { runMigrator } from './testing/run-migrator';

const databases: TestDatabase[] = [];

async function freshDatabase(edition: TimescaleEdition = 'oss'): Promise<TestDatabase> {
  const database = await createEmptyTestDatabase(edition);
  databases.push(database);
  return database;
}

afterAll(async () => {
  for (const database of databases) await database.drop();
});

async function query<T extends Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const appliedNames = (url: string) =>
  query<{ name: string }>(url, 'select name from mikro_orm_migrations order by id').then((rows) => rows.map((r) => r.name));

describe('migrator up', () => {
  it('creates the extension, the tables and the hypertables with 1-day chunks on a fresh database', async () => {
    const db = await freshDatabase();
    const run = await runMigrator(['up'], { DATABASE_URL: db.url });
    expect(run.stderr).toContain('migrations applied');
    expect(run.code).toBe(0);
    const dimensions = await query<{ hypertable_name: string; column_name: string; interval: string }>(
      db.url,
      `select hypertable_name, column_name, time_interval::text as interval
         from timescaledb_information.dimensions order by hypertable_name`,
    );
    expect(dimensions).toEqual(
      expect.arrayContaining([
        { hypertable_name: 'raw_submissions', column_name: 'created_utc', interval: '1 day' },
        { hypertable_name: 'submission_metrics', column_name: 'observed_at', interval: '1 day' },
      ]),
    );
    // exactly the hypertables `verify` expects (a generated scraper's item table adds one to both)
    const expected = EXPECTED_HYPERTABLES.map((h) => ({ hypertable_name: h.table, column_name: h.timeColumn, interval: h.chunkInterval }));
    const byName = (a: { hypertable_name: string }, b: { hypertable_name: string }) => a.hypertable_name.localeCompare(b.hypertable_name);
    expect([...dimensions].sort(byName)).toEqual(expected.sort(byName));
    const tables = await query<{ t: string }>(
      db.url,
      `select table_name as t from information_schema.tables where table_schema = 'public' order by 1`,
    );
    expect(tables.map((r) => r.t)).toEqual(
      expect.arrayContaining(['raw_submissions', 'submission_metrics', 'scrape_checkpoints', 'scrape_gaps']),
    );
    expect(await appliedNames(db.url)).toEqual(MIGRATIONS.map((m) => m.name));
  });

  it('is a no-op the second time', async () => {
    const db = await freshDatabase();
    expect((await runMigrator(['up'], { DATABASE_URL: db.url })).code).toBe(0);
    const second = await runMigrator(['serve'], { DATABASE_URL: db.url });
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('nothing to apply');
    expect(await appliedNames(db.url)).toHaveLength(MIGRATIONS.length);
  });

  it('applies each migration exactly once when three migrators start together, and all exit 0', async () => {
    const db = await freshDatabase();
    const runs = await Promise.all([1, 2, 3].map(() => runMigrator(['up'], { DATABASE_URL: db.url })));
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    expect(await appliedNames(db.url)).toEqual(MIGRATIONS.map((m) => m.name));
    const applying = runs.filter((r) => r.stderr.includes('"migrations applied"'));
    expect(applying).toHaveLength(1);
  });
});

describe('migrator status, plan, verify, check', () => {
  it('plan prints the pending SQL and changes nothing', async () => {
    const db = await freshDatabase();
    const run = await runMigrator(['plan'], { DATABASE_URL: db.url });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('-- Migration20261129000200_raw_submissions');
    expect(run.stdout).toMatch(/create_hypertable\('raw_submissions', by_range\('created_utc', interval '1 day'\)/);
    const tables = await query(db.url, `select 1 from information_schema.tables where table_name = 'raw_submissions'`);
    expect(tables).toHaveLength(0);
  });

  it('status lists applied and pending migrations one per line', async () => {
    const db = await freshDatabase();
    const pending = await runMigrator(['status'], { DATABASE_URL: db.url });
    expect(pending.stdout.trim().split('\n')).toHaveLength(MIGRATIONS.length);
    expect(pending.stdout).toMatch(/^pending {2}Migration20261129000100_timescaledb_extension$/m);
    await runMigrator(['up'], { DATABASE_URL: db.url });
    const applied = await runMigrator(['status'], { DATABASE_URL: db.url });
    expect(applied.stdout).toMatch(/^applied {2}Migration20261129000400_scrape_state {2}\(applied /m);
    expect(applied.stdout.trim().split('\n')).toHaveLength(MIGRATIONS.length);
  });

  it('check reports no drift after up, and drift with the aligning SQL after a manual change', async () => {
    const db = await freshDatabase();
    await runMigrator(['up'], { DATABASE_URL: db.url });
    const clean = await runMigrator(['check'], { DATABASE_URL: db.url });
    expect(clean.stdout).toContain('no drift');
    expect(clean.code).toBe(0);
    await query(db.url, 'alter table scrape_checkpoints add column sneaky text');
    const drifted = await runMigrator(['check'], { DATABASE_URL: db.url });
    expect(drifted.code).toBe(7);
    expect(drifted.stdout).toMatch(/alter table "scrape_checkpoints" drop column "sneaky"/);
  });
});

/** Runs every policy job of a community-edition database now, as its scheduler would (the test servers run no background workers). */
async function runPolicyJobs(url: string, procs: readonly string[]): Promise<void> {
  for (const proc of procs) {
    const jobs = await query<{ id: number }>(url, `select job_id as id from timescaledb_information.jobs where proc_name = '${proc}' order by job_id`);
    for (const job of jobs) await query(url, `call run_job(${job.id})`);
  }
}

describe.each(testEditions())('migrator verify on the %s edition', (edition) => {
  it('fails with the fix on an unmigrated database, and passes after up, naming the edition and how the rollup exists', async () => {
    const db = await freshDatabase(edition);
    const before = await runMigrator(['verify'], { DATABASE_URL: db.url });
    expect(before.code).toBe(6);
    expect(before.stdout).toContain('PROBLEM  extension timescaledb is not installed');
    await runMigrator(['up'], { DATABASE_URL: db.url });
    const after = await runMigrator(['verify'], { DATABASE_URL: db.url });
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('hypertable raw_submissions on created_utc, chunk interval 1 day');
    if (edition === 'community') {
      expect(after.stdout).toMatch(/ok {7}timescaledb 2\.19\.3 installed, license timescale \(community edition/);
      expect(after.stdout).toContain('hourly rollup subreddit_activity_hourly: continuous aggregate, refreshed by its policy');
    } else {
      expect(after.stdout).toMatch(/ok {7}timescaledb \d+\.\d+\.\d+ installed, license apache \(OSS edition/);
      expect(after.stdout).toContain('hourly rollup subreddit_activity_hourly: table refreshed by `migrator maintain`');
    }
  });
});

describe.each(testEditions())('migrator stats on the %s edition', (edition) => {
  it('prints real figures: chunks, rows, time range and compression of each hypertable, and each stream\'s lag', async () => {
    const db = await freshDatabase(edition);
    await runMigrator(['up'], { DATABASE_URL: db.url });
    await query(
      db.url,
      `insert into raw_submissions (id, created_utc, subreddit, author, title, selftext, permalink, is_self, over_18, spoiler, stickied, locked, score, num_comments, raw)
       select 'p' || g, timestamptz '2026-11-27 00:00Z' + g * interval '1 hour', 'news', 'u', 't', '', '/p', true, false, false, false, false, g, 0, '{}'
         from generate_series(0, 49) g`,
    );
    await query(db.url, 'analyze raw_submissions');
    if (edition === 'community') {
      // compress everything older than a day: the two chunks before today's (2026-11-29, beside now)
      expect((await runMigrator(['maintain'], { DATABASE_URL: db.url, COMPRESS_AFTER_DAYS: '1' })).code).toBe(0);
      await runPolicyJobs(db.url, ['policy_compression']);
    }
    await query(db.url, `insert into scrape_checkpoints (source, stream, newest_created_utc) values ('reddit', 'new:news', now() - interval '90 seconds')`);
    const run = await runMigrator(['stats'], { DATABASE_URL: db.url });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(edition === 'community' ? 'TimescaleDB license: timescale (community edition)' : 'TimescaleDB license: apache (OSS edition)');
    const [chunks] = await query<{ compressed: number }>(
      db.url,
      `select count(*) filter (where is_compressed)::int as compressed from timescaledb_information.chunks where hypertable_name = 'raw_submissions'`,
    );
    const compression = edition === 'community' ? `on, ${chunks!.compressed}/3 chunks` : 'n/a on OSS';
    if (edition === 'community') expect(chunks!.compressed).toBeGreaterThan(0);
    // 50 hourly rows from 2026-11-27 00:00 span three 1-day chunks
    expect(run.stdout).toMatch(
      new RegExp(`raw_submissions\\s+created_utc\\s+3\\s+\\S+ \\S+\\s+~50\\s+2026-11-27T00:00:00Z\\s+2026-11-29T01:00:00Z\\s+${compression.replace('/', '\\/')}`),
    );
    expect(run.stdout).toMatch(/submission_metrics\s+observed_at\s+0\s/);
    expect(run.stdout).toMatch(/reddit\/new:news\s+\S+\s+1m 3\ds/);
  });

  it('prints the gaps of each stream (recorded, resolved, items recovered, open, the oldest open) and the last day\'s comments by subreddit', async () => {
    const db = await freshDatabase();
    await runMigrator(['up'], { DATABASE_URL: db.url });
    await query(
      db.url,
      `insert into scrape_gaps (source, stream, gap_start, gap_end, reason, resolved_at, resolution, recovered_items) values
         ('reddit', 'new:news', '2026-11-29 08:00Z', '2026-11-29 08:10Z', 'listing end', null, null, null),
         ('reddit', 'new:news', '2026-11-29 09:00Z', '2026-11-29 09:05Z', 'listing end', null, null, null),
         ('reddit', 'new:news', '2026-11-29 07:00Z', '2026-11-29 07:05Z', 'listing end', now(), 'repoll+id-walk', 57),
         ('reddit', 'comments:news', '2026-11-29 07:00Z', '2026-11-29 07:05Z', 'listing end', now(), 'archive', 12)`,
    );
    await query(
      db.url,
      `insert into raw_comments (id, created_utc, subreddit, link_id, parent_id, author, body, stickied, raw)
       select 'c' || g, now() - g * interval '1 hour', case when g % 3 = 0 then 'news' else 'tech' end, 't3_p', 't3_p', 'u', 'b', false, '{}'
         from generate_series(0, 29) g`,
    );
    const run = await runMigrator(['stats'], { DATABASE_URL: db.url });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/reddit\/comments:news\s+1\s+1\s+12\s+0\s+-/);
    expect(run.stdout).toMatch(/reddit\/new:news\s+3\s+1\s+57\s+2\s+2026-11-29T08:00:00Z/);
    // hours 0..23 are within the last day: 8 of them in news (0, 3, ..., 21), 16 in tech
    expect(run.stdout).toMatch(/reddit\/r\/news\s+8\n/);
    expect(run.stdout).toMatch(/reddit\/r\/tech\s+16(\n|$)/);
  });
});

describe.each(testEditions())('migrator maintain on the %s edition', (edition) => {
  // The community edition's continuous aggregate is refreshed up to its policy's end_offset (1 hour)
  // and reads only what was materialized: compare the hours before that.
  const settled = edition === 'community' ? `where bucket < time_bucket('1 hour', now() - interval '1 hour')` : '';
  const ROLLUP = `select bucket, subreddit, posts, mean_score, comments::int as comments from subreddit_activity_hourly ${settled} order by 1, 2`;
  const TRUTH = `select * from (select time_bucket('1 hour', created_utc) as bucket, subreddit, count(*)::int as posts, avg(score)::float8 as mean_score,
                        sum(num_comments)::int as comments from raw_submissions group by 1, 2) t ${settled} order by 1, 2`;
  const logLine = (stderr: string, msg: string) =>
    stderr.split('\n').filter((l) => l.includes(`"msg":"${msg}"`)).map((l) => JSON.parse(l) as Record<string, unknown>);
  const POLICIES = ['policy_retention', 'policy_compression', 'policy_refresh_continuous_aggregate'] as const;
  const policyJobs = (url: string) =>
    query<{ proc: string; target: string }>(
      url,
      `select proc_name as proc, coalesce(ca.view_name, j.hypertable_name) as target
         from timescaledb_information.jobs j
         left join timescaledb_information.continuous_aggregates ca on ca.materialization_hypertable_name = j.hypertable_name
        where proc_name like 'policy_%' and j.hypertable_name is not null order by 1, 2`,
    );

  it('drops only chunks past the retention window and keeps the hourly rollup equal to time_bucket over the raw table', async () => {
    const db = await freshDatabase(edition);
    await runMigrator(['up'], { DATABASE_URL: db.url });
    await query(
      db.url,
      `insert into raw_submissions (id, created_utc, subreddit, author, title, selftext, permalink, is_self, over_18, spoiler, stickied, locked, score, num_comments, raw)
       select 'p' || g, now() - interval '10 days' + g * interval '1 hour', case when g % 3 = 0 then 'news' else 'worldnews' end,
              'u', 't', '', '/p', true, false, false, false, false, g, g % 7, '{}'
         from generate_series(0, 239) g`,
    );
    // as the scraper writes them: a few minutes after each post appeared
    await query(db.url, `update raw_submissions set updated_at = created_utc + interval '5 minutes', first_seen_at = created_utc + interval '5 minutes'`);
    await query(db.url, `insert into submission_keys (id, created_utc) select id, created_utc from raw_submissions`);
    const recent = `select count(*)::int as n from raw_submissions where created_utc > now() - interval '3 days'`;
    const [before] = await query<{ n: number }>(db.url, recent);
    const env = { DATABASE_URL: db.url, RETENTION_RAW_SUBMISSIONS_DAYS: '3', COMPRESS_AFTER_DAYS: '7' };
    const first = await runMigrator(['maintain'], env);
    expect(first.code).toBe(0);
    let pruning = first;
    if (edition === 'oss') {
      expect(logLine(first.stderr, 'retention: chunks dropped')[0]).toMatchObject({ table: 'raw_submissions' });
      expect((logLine(first.stderr, 'retention: chunks dropped')[0]?.['dropped'] as number) > 0).toBe(true);
      // compression is Timescale-licensed: on OSS maintain says so and does nothing
      expect(logLine(first.stderr, 'compression: unavailable on the OSS edition').map((l) => l['table'])).toEqual(['raw_submissions', 'submission_metrics']);
      expect(await policyJobs(db.url)).toEqual([]);
    } else {
      expect(logLine(first.stderr, 'retention: policy in place')).toEqual([expect.objectContaining({ table: 'raw_submissions', dropAfterDays: 3 })]);
      expect(logLine(first.stderr, 'compression: policy in place').map((l) => [l['table'], l['compressAfterDays']])).toEqual([
        ['raw_submissions', 7],
        ['submission_metrics', 7],
      ]);
      expect(logLine(first.stderr, 'rollup refreshed')[0]).toMatchObject({ mode: 'continuous aggregate' });
      // the rollup is a continuous aggregate with its refresh policy, and each policy is a job
      expect(await query(db.url, `select view_name from timescaledb_information.continuous_aggregates`)).toEqual([{ view_name: 'subreddit_activity_hourly' }]);
      expect(await policyJobs(db.url)).toEqual([
        { proc: 'policy_compression', target: 'raw_submissions' },
        { proc: 'policy_compression', target: 'submission_metrics' },
        { proc: 'policy_refresh_continuous_aggregate', target: 'subreddit_activity_hourly' },
        { proc: 'policy_retention', target: 'raw_submissions' },
      ]);
      await runPolicyJobs(db.url, POLICIES);
      // keys are forgotten once their rows are gone: the next maintain after the retention job
      pruning = await runMigrator(['maintain'], env);
      expect(pruning.code).toBe(0);
    }
    const [range] = await query<{ oldest: Date }>(db.url, `select min(created_utc) as oldest from raw_submissions`);
    // whole 1-day chunks go: nothing older than the window plus one chunk stays, nothing inside it is lost
    expect(range!.oldest.getTime()).toBeGreaterThan(Date.now() - 4 * 86_400_000 - 60_000);
    expect(await query(db.url, recent)).toEqual([before]);
    expect(await query(db.url, ROLLUP)).toEqual(await query(db.url, TRUTH));
    expect((await query(db.url, ROLLUP)).length).toBeGreaterThan(0);
    // the ids of dropped rows are forgotten with them; every kept row keeps its key
    const keysOfKept = `select count(*)::int as n from submission_keys k join raw_submissions r using (id, created_utc)`;
    expect(await query(db.url, `select count(*)::int as n from submission_keys`)).toEqual(await query(db.url, keysOfKept));
    expect(await query(db.url, keysOfKept)).toEqual(await query(db.url, `select count(*)::int as n from raw_submissions`));
    expect((logLine(pruning.stderr, 'retention: keys of dropped submissions forgotten')[0]?.['pruned'] as number) > 0).toBe(true);

    await query(db.url, `update raw_submissions set score = score + 100, updated_at = now() where id in ('p230', 'p231', 'p200')`);
    await query(
      db.url,
      `insert into raw_submissions (id, created_utc, subreddit, author, title, selftext, permalink, is_self, over_18, spoiler, stickied, locked, score, num_comments, raw)
       values ('late', now() - interval '30 minutes', 'news', 'u', 't', '', '/p', true, false, false, false, false, 5, 1, '{}')`,
    );
    const second = await runMigrator(['maintain'], env);
    expect(second.code).toBe(0);
    const rollup = logLine(second.stderr, 'rollup refreshed')[0];
    if (edition === 'oss') {
      expect(rollup).toMatchObject({ mode: 'table' });
      expect(rollup?.['buckets']).toBeLessThanOrEqual(5);
    } else {
      expect(rollup).toMatchObject({ mode: 'continuous aggregate' });
      await runPolicyJobs(db.url, ['policy_refresh_continuous_aggregate']);
    }
    expect(await query(db.url, ROLLUP)).toEqual(await query(db.url, TRUTH));

    // idempotent: nothing more to drop, no policy added twice; only the hours written within the watermark's overlap are looked at again
    const jobs = await policyJobs(db.url);
    const third = await runMigrator(['maintain'], env);
    expect(third.code).toBe(0);
    if (edition === 'oss') {
      expect(logLine(third.stderr, 'retention: chunks dropped')[0]).toMatchObject({ dropped: 0 });
      expect(logLine(third.stderr, 'rollup refreshed')[0]?.['buckets']).toBeLessThanOrEqual(5);
    } else {
      await runPolicyJobs(db.url, POLICIES);
    }
    expect(await policyJobs(db.url)).toEqual(jobs);
    expect(await query(db.url, ROLLUP)).toEqual(await query(db.url, TRUTH));
  });
});

describe('migrator down', () => {
  it('reverts the last migration, which up then re-applies', async () => {
    const db = await freshDatabase();
    await runMigrator(['up'], { DATABASE_URL: db.url });
    const down = await runMigrator(['down'], { DATABASE_URL: db.url });
    expect(down.code).toBe(0);
    expect(down.stdout).toBe(`reverted ${MIGRATIONS.at(-1)!.name}\n`);
    // the last migration is no longer applied, and it is the only one
    const applied = await appliedNames(db.url);
    expect(applied).toHaveLength(MIGRATIONS.length - 1);
    expect(applied).not.toContain(MIGRATIONS.at(-1)!.name);
    expect((await runMigrator(['up'], { DATABASE_URL: db.url })).code).toBe(0);
    expect((await runMigrator(['verify'], { DATABASE_URL: db.url })).code).toBe(0);
  });
});

describe('migrator create', () => {
  it('writes a migration from the entity diff and lists it in index.ts', async () => {
    const db = await freshDatabase();
    await runMigrator(['up'], { DATABASE_URL: db.url });
    await query(db.url, 'alter table scrape_checkpoints drop column newest_id');
    const workspace = mkdtempSync(join(tmpdir(), 'create-'));
    cpSync(join(__dirname, '../../..', MIGRATIONS_SOURCE_DIR), join(workspace, MIGRATIONS_SOURCE_DIR), { recursive: true });
    const run = await runMigrator(['create', '--name', 'restore_newest_id'], { DATABASE_URL: db.url }, workspace);
    expect(run.code).toBe(0);
    const created = readdirSync(join(workspace, MIGRATIONS_SOURCE_DIR)).find((f) => f.endsWith('_restore_newest_id.ts'));
    expect(created).toBeDefined();
    const source = readFileSync(join(workspace, MIGRATIONS_SOURCE_DIR, created as string), 'utf8');
    expect(source).toMatch(/this\.addSql\("alter table \\"scrape_checkpoints\\" add column \\"newest_id\\" text null;"\)/);
    const index = readFileSync(join(workspace, MIGRATIONS_SOURCE_DIR, 'index.ts'), 'utf8');
    expect(index).toContain(`{ name: '${(created as string).replace(/\.ts$/, '')}', class:`);
  });

  it('writes nothing when the entities match the database', async () => {
    const db = await freshDatabase();
    await runMigrator(['up'], { DATABASE_URL: db.url });
    const workspace = mkdtempSync(join(tmpdir(), 'create-'));
    const run = await runMigrator(['create', '--name', 'nothing'], { DATABASE_URL: db.url }, workspace);
    expect(run.stdout).toContain('no changes');
    expect(existsSync(join(workspace, MIGRATIONS_SOURCE_DIR))).toBe(false);
  });
});

describe('migrator failures', () => {
  let silentServer: Server;
  let silentPort: number;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    // Accepts TCP connections and never answers: a hung server or a black-holing firewall.
    silentServer = createServer((socket) => {
      sockets.add(socket);
    });
    await new Promise<void>((resolve) => silentServer.listen(0, '127.0.0.1', resolve));
    silentPort = (silentServer.address() as { port: number }).port;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silentServer.close(() => resolve()));
  });

  it('fails fast with exit 4 and what to check when nothing listens on the port', async () => {
    const run = await runMigrator(['up'], { DATABASE_URL: 'postgres://u:secret-pw@127.0.0.1:1/db' });
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('Cannot reach the database at 127.0.0.1:1/db as u: connection refused');
    expect(run.stderr).not.toContain('secret-pw');
  });

  it('does not hang on a server that never answers: exit 4 after the connect timeout', async () => {
    const run = await runMigrator(['up'], {
      DATABASE_URL: `postgres://u:p@127.0.0.1:${silentPort}/db`,
      DB_CONNECT_TIMEOUT_MS: '1000',
    });
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('DB_CONNECT_TIMEOUT_MS');
    expect(run.ms).toBeLessThan(10_000);
  });

  it('names a wrong password without printing it', async () => {
    const db = await freshDatabase();
    const url = new URL(db.url);
    url.password = 'definitely-wrong';
    const run = await runMigrator(['up'], { DATABASE_URL: url.toString() });
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('the password was rejected (SQLSTATE 28P01)');
    expect(run.stderr).not.toContain('definitely-wrong');
  });

  it('refuses to migrate through PgBouncer (exit 10), whose pooling breaks the advisory lock', async () => {
    const db = await freshDatabase();
    const pgbouncer = await startTestPgBouncer();
    const run = await runMigrator(['up'], { DATABASE_URL: pgbouncer.withPgBouncer(db.url) });
    expect(run.code).toBe(10);
    expect(run.stderr).toContain('goes through a connection pooler');
    expect(await query(db.url, `select 1 from pg_extension where extname = 'timescaledb'`)).toHaveLength(0);
  });

  it('lists every configuration problem at once with exit 3', async () => {
    const run = await runMigrator(['up'], { DB_POOL_MAX: 'many', MIGRATOR_LOCK_TIMEOUT_MS: '5' });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('DATABASE_URL is not set');
    expect(run.stderr).toContain('DB_POOL_MAX must be a whole number');
    expect(run.stderr).toContain('MIGRATOR_LOCK_TIMEOUT_MS must be at least 1000');
  });
});
