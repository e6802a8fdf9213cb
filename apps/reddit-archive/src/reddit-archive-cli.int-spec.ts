import { createMigratedTestDatabase, type TestDatabase } from '@sentiment-ingest/db/testing';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { runArchive, zstdCompress } from './testing/run-archive';

const CREATED = 1672617600; // 2023-01-02T00:00:00Z
const RETRIEVED = 1672704000; // 2023-01-03T00:00:00Z

const post = (id: string, subreddit: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id,
    name: `t3_${id}`,
    subreddit,
    subreddit_id: 't5_2th52',
    title: `post ${id}`,
    selftext: 'text',
    author: 'someone',
    created_utc: CREATED,
    retrieved_on: RETRIEVED,
    score: 10,
    num_comments: 2,
    permalink: `/r/${subreddit}/comments/${id}/`,
    ...extra,
  });

/** A month's dump in miniature: good posts in two wanted subreddits (mixed case), others, and every kind of bad line. */
const LINES = [
  post('aa1', 'WallStreetBets'), // 1
  post('aa2', 'AskReddit'), // 2: another subreddit, skipped unparsed
  post('aa3', 'wallstreetbets'), // 3
  '', // 4: blank
  'this is not json', // 5
  '["an","array"]', // 6
  JSON.stringify({ subreddit: 'stocks', title: 'no id', created_utc: CREATED }), // 7
  post('aa4', 'Stocks'), // 8
  post('aa5', 'STOCKS', { created_utc: CREATED + 60 }), // 9
  post('aa6', 'wallstreetbets').slice(0, 80), // 10: truncated last line, no newline
];

describe('reddit-archive import (built CLI, real TimescaleDB, a .zst made by zstd --long=31)', () => {
  let db: TestDatabase;
  let dir: string;
  let zst: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reddit-archive-'));
    const plain = join(dir, 'fixture.ndjson');
    writeFileSync(plain, LINES.join('\n'));
    zst = join(dir, 'RS_2023-01.zst');
    zstdCompress(plain, zst);
    db = await createMigratedTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const query = async <T>(sql: string): Promise<T[]> => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  };

  it('stores the wanted posts, writes the rejects with line numbers, and stores nothing twice on a re-run', async () => {
    const rejects = join(dir, 'rejects.tsv');
    const args = ['import', '--subreddits', 'wallstreetbets,Stocks', '--rejects', rejects, '--batch-size', '2', zst];
    const env = { DATABASE_URL: db.url, ARCHIVE_PROGRESS_INTERVAL_MS: '100' };

    const first = await runArchive(args, env, dir);
    expect({ code: first.code, stderr: first.stderr }).toMatchObject({ code: 0 });
    expect(first.stdout).toMatch(/^lines read +10$/m);
    expect(first.stdout).toMatch(/^matched +4$/m);
    expect(first.stdout).toMatch(/^inserted +4$/m);
    expect(first.stdout).toMatch(/^rejected +5$/m);
    expect(first.stdout).toContain(`rejected lines: ${rejects}`);
    // not a terminal: progress as JSON log lines on stderr
    expect(first.stderr).toMatch(/"msg":"progress"/);

    const rows = await query<{ id: string; subreddit: string }>('select id, subreddit from raw_submissions order by id');
    expect(rows).toEqual([
      { id: 'aa1', subreddit: 'WallStreetBets' },
      { id: 'aa3', subreddit: 'wallstreetbets' },
      { id: 'aa4', subreddit: 'Stocks' },
      { id: 'aa5', subreddit: 'STOCKS' },
    ]);
    const observed = await query<{ observed_at: Date }>('select distinct observed_at from submission_metrics');
    expect(observed.map((r) => r.observed_at.toISOString())).toEqual(['2023-01-03T00:00:00.000Z']);

    const records = readFileSync(rejects, 'utf8').trimEnd().split('\n').slice(1).map((l) => l.split('\t').slice(0, 3));
    expect(records).toEqual([
      [zst, '4', 'blank line'],
      [zst, '5', 'not JSON'],
      [zst, '6', 'JSON is not an object'],
      [zst, '7', 'missing id'],
      [zst, '10', 'truncated last line'],
    ]);

    const metricsBefore = await query<{ n: string }>('select count(*) as n from submission_metrics');
    const second = await runArchive(args, env, dir);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^inserted +0$/m);
    expect(second.stdout).toMatch(/^updated +0$/m);
    expect(second.stdout).toMatch(/^unchanged \(already stored\) +4$/m);
    expect(await query<{ n: string }>('select count(*) as n from raw_submissions')).toEqual([{ n: '4' }]);
    expect(await query<{ n: string }>('select count(*) as n from submission_metrics')).toEqual(metricsBefore);
  });

  it('reads lines from stdin, the kind from the content', async () => {
    const run = await runArchive(['import', '--subreddits', 'pennystocks', '--rejects', join(dir, 'stdin-rejects.tsv'), '-'], { DATABASE_URL: db.url }, dir, `${post('bb1', 'PennyStocks')}\n`);
    expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code: 0 });
    expect(run.stdout).toMatch(/^inserted +1$/m);
  });

  it('exits 5 on a corrupt .zst, after the summary', async () => {
    const corrupt = join(dir, 'RS_2023-02.zst');
    const good = readFileSync(zst);
    writeFileSync(corrupt, Buffer.concat([good.subarray(0, 20), Buffer.from('garbage that is not zstd at all')]));
    const run = await runArchive(['import', '--rejects', join(dir, 'corrupt-rejects.tsv'), corrupt], { DATABASE_URL: db.url }, dir);
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(/zstd could not decode it/);
    expect(run.stdout).toMatch(/^lines read/m);
  });
});
