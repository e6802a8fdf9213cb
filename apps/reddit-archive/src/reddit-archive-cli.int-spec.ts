import { ItemWriter, REDDIT_COMMENTS, poolConnectionSource } from '@sentiment-ingest/db';
import { createMigratedTestDatabase, makeRedditComment, type TestDatabase } from '@sentiment-ingest/db/testing';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { runArchive, startArchive, zstdCompress } from './testing/run-archive';

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

const comment = (id: string, subreddit: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id,
    name: `t1_${id}`,
    subreddit,
    subreddit_id: 't5_2th52',
    link_id: 't3_aa1',
    parent_id: 't3_aa1',
    author: 'commenter',
    body: `comment ${id}`,
    created_utc: CREATED,
    retrieved_on: RETRIEVED,
    score: 5,
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
    const observed = await query<{ observed_at: Date }>('select distinct observed_at from submission_engagement');
    expect(observed.map((r) => r.observed_at.toISOString())).toEqual(['2023-01-03T00:00:00.000Z']);

    const records = readFileSync(rejects, 'utf8').trimEnd().split('\n').slice(1).map((l) => l.split('\t').slice(0, 3));
    expect(records).toEqual([
      [zst, '4', 'blank line'],
      [zst, '5', 'not JSON'],
      [zst, '6', 'JSON is not an object'],
      [zst, '7', 'missing id'],
      [zst, '10', 'truncated last line'],
    ]);
    // the file's progress counts the bad lines too
    expect(await query("select lines, matched, inserted, rejected, finished_at is not null as finished from archive_imports where file_name = 'RS_2023-01.zst'")).toEqual([
      { lines: '10', matched: '4', inserted: '4', rejected: '5', finished: true },
    ]);

    const metricsBefore = await query<{ n: string }>('select count(*) as n from submission_engagement');
    // the same command again: the file was read to its end, so it is skipped
    const again = await runArchive(args, env, dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/RS_2023-01\.zst was already imported .*; skipped \(--reimport reads it again\)/);
    expect(again.stdout).toMatch(/^lines read +0$/m);
    // --reimport reads it again: nothing stored twice
    const second = await runArchive([...args, '--reimport'], env, dir);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^inserted +0$/m);
    expect(second.stdout).toMatch(/^updated +0$/m);
    expect(second.stdout).toMatch(/^unchanged \(already stored\) +4$/m);
    expect(await query<{ n: string }>('select count(*) as n from raw_submissions')).toEqual([{ n: '4' }]);
    expect(await query<{ n: string }>('select count(*) as n from submission_engagement')).toEqual(metricsBefore);
  });

  it('stores comments of an RC_ dump: mixed-case subreddits, redacted when deleted, NULL score, repaired text', async () => {
    const rc = [
      comment('ka1', 'WallStreetBets'), // 1
      comment('ka2', 'AskReddit'), // 2: another subreddit
      comment('ka3', 'stocks', { author: '[deleted]', body: '[deleted]' }), // 3: deleted: redacted
      comment('ka4', 'STOCKS', { score: null }), // 4: score unknown
      comment('ka5', 'wallstreetbets', { body: 'rocket \ud83d to the moon' }), // 5: a lone surrogate
      comment('ka6', 'wallstreetbets', { created_utc: Date.UTC(2022, 11, 31) / 1000 }), // 6: before --since
    ];
    const plain = join(dir, 'rc.ndjson');
    writeFileSync(plain, `${rc.join('\n')}\n`);
    const file = join(dir, 'RC_2023-01.zst');
    zstdCompress(plain, file);
    const run = await runArchive(['import', '--subreddits', 'wallstreetbets,stocks', '--since', '2023-01-01', '--rejects', join(dir, 'rc-rejects.tsv'), file], { DATABASE_URL: db.url }, dir);
    expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code: 0 });
    expect(run.stdout).toMatch(/^inserted +4$/m);
    expect(run.stdout).toMatch(/^rejected +0$/m);
    const rows = await query<Record<string, unknown>>("select id, subreddit, link_id, author, body, score from raw_comments where id like 'ka%' order by id");
    expect(rows).toEqual([
      { id: 'ka1', subreddit: 'WallStreetBets', link_id: 'aa1', author: 'commenter', body: 'comment ka1', score: 5 },
      { id: 'ka3', subreddit: 'stocks', link_id: 'aa1', author: '[deleted]', body: '[deleted]', score: 5 },
      { id: 'ka4', subreddit: 'STOCKS', link_id: 'aa1', author: 'commenter', body: 'comment ka4', score: null },
      { id: 'ka5', subreddit: 'wallstreetbets', link_id: 'aa1', author: 'commenter', body: 'rocket \ufffd to the moon', score: 5 },
    ]);
    const observed = await query<{ observed_at: Date }>("select distinct observed_at from comment_engagement where comment_id like 'ka%'");
    expect(observed.map((r) => r.observed_at.toISOString())).toEqual(['2023-01-03T00:00:00.000Z']);
    const [progress] = await query<Record<string, unknown>>("select kind, last_line, lines, matched, inserted, finished_at is not null as finished from archive_imports where file_name = 'RC_2023-01.zst'");
    expect(progress).toEqual({ kind: 'reddit-comments', last_line: '6', lines: '6', matched: '4', inserted: '4', finished: true });
  });

  it('resumes after kill -9: nothing lost, nothing doubled, the totals right', async () => {
    // posts and comments interleaved, in a file whose name says nothing: each line's content decides
    const n = 800;
    const lines = Array.from({ length: n }, (_, i) =>
      i % 2 === 0 ? post(`rp${i.toString(36)}`, 'wallstreetbets', { retrieved_on: RETRIEVED + i }) : comment(`rc${i.toString(36)}`, 'wallstreetbets'),
    );
    const file = join(dir, 'mixed-2023-01.ndjson');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const args = ['import', '--batch-size', '4', '--rejects', join(dir, 'resume-rejects.tsv'), file];
    const env = { DATABASE_URL: db.url };

    const first = startArchive(args, env, dir);
    const watcher = new Client({ connectionString: db.url });
    await watcher.connect();
    try {
      for (let tries = 0; tries < 2000; tries++) {
        const { rows } = await watcher.query<{ last_line: string }>("select last_line from archive_imports where file_name = 'mixed-2023-01.ndjson'");
        if (Number(rows[0]?.last_line ?? 0) > 0) break;
        await new Promise((r) => setTimeout(r, 5));
      }
      first.child.kill('SIGKILL');
    } finally {
      await watcher.end();
    }
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    const [stopped] = await query<{ last_line: string; finished: boolean }>("select last_line, finished_at is not null as finished from archive_imports where file_name = 'mixed-2023-01.ndjson'");
    expect(stopped?.finished).toBe(false);
    const stoppedAt = Number(stopped?.last_line);
    expect(stoppedAt).toBeGreaterThan(0);
    expect(stoppedAt).toBeLessThan(n);

    const second = await runArchive(args, env, dir);
    expect({ code: second.code, stderr: second.stderr }).toMatchObject({ code: 0 });
    expect(second.stderr).toContain(`resuming ${file} after line ${stoppedAt}`);
    expect(second.stdout).toMatch(/^lines passed over \(imported by an earlier run\) +[\d,]+$/m);

    const counts = await query<{ n: string; distinct: string }>(
      "select count(*) as n, count(distinct id) as distinct from (select id from raw_submissions where id like 'rp%' union all select id from raw_comments where id like 'rc%') x",
    );
    expect(counts).toEqual([{ n: String(n), distinct: String(n) }]);
    expect(await query("select count(*)::int as n from submission_engagement where submission_id like 'rp%'")).toEqual([{ n: n / 2 }]);
    const [done] = await query<Record<string, unknown>>(
      "select kind, last_line, lines, matched, inserted, updated, finished_at is not null as finished from archive_imports where file_name = 'mixed-2023-01.ndjson'",
    );
    expect(done).toEqual({ kind: 'reddit-mixed', last_line: String(n), lines: String(n), matched: String(n), inserted: String(n), updated: '0', finished: true });
  }, 180_000);

  it('stops on Ctrl-C (SIGINT to the process group, zstd included) after writing what it read, exits 130, and the same command finishes the file', async () => {
    const n = 3000;
    const plain = join(dir, 'RS_2023-04.ndjson');
    writeFileSync(plain, `${Array.from({ length: n }, (_, i) => post(`si${i.toString(36)}`, 'wallstreetbets')).join('\n')}\n`);
    const file = join(dir, 'RS_2023-04.zst');
    zstdCompress(plain, file);
    const rejects = join(dir, 'sigint-rejects.tsv');
    const args = ['import', '--batch-size', '4', '--rejects', rejects, file];
    const env = { DATABASE_URL: db.url };
    const progressOf = () => query<{ last_line: string; finished: boolean }>("select last_line, finished_at is not null as finished from archive_imports where file_name = 'RS_2023-04.zst'");

    const first = startArchive(args, env, dir, undefined, { processGroup: true });
    for (let tries = 0; tries < 2000; tries++) {
      if (Number((await progressOf())[0]?.last_line ?? 0) > 0) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    process.kill(-(first.child.pid as number), 'SIGINT');
    const stopped = await first.done;
    expect({ code: stopped.code, stderr: stopped.stderr }).toMatchObject({ code: 130, stderr: expect.stringContaining('run the same command again to continue') });
    expect(stopped.stdout).toMatch(/^lines read/m);
    const [progress] = await progressOf();
    expect(progress?.finished).toBe(false);
    const stoppedAt = Number(progress?.last_line);
    expect(stoppedAt).toBeGreaterThan(0);
    expect(stoppedAt).toBeLessThan(n);
    // every line up to the committed one is stored, and nothing after it
    expect(await query("select count(*)::int as n from raw_submissions where id like 'si%'")).toEqual([{ n: stoppedAt }]);

    const second = await runArchive(args, env, dir);
    expect({ code: second.code, stderr: second.stderr }).toMatchObject({ code: 0 });
    expect(second.stderr).toContain(`resuming ${file} after line ${stoppedAt}`);
    expect(await query("select count(*)::int as n, count(distinct id)::int as d from raw_submissions where id like 'si%'")).toEqual([{ n, d: n }]);
    expect(await progressOf()).toEqual([{ last_line: String(n), finished: true }]);
    // no line was cut short by the signal and rejected
    expect(existsSync(rejects) ? readFileSync(rejects, 'utf8') : '').not.toContain('truncated');
  }, 180_000);

  it('never lets an older archive line overwrite a newer live observation', async () => {
    const pool = new Pool({ connectionString: db.url, max: 1 });
    try {
      const live = makeRedditComment(1, { id: 'lv1', subreddit: 'wallstreetbets', linkId: 'aa1', parentId: 't3_aa1', score: 500, createdUtc: new Date(CREATED * 1000) });
      const writer = new ItemWriter({ connections: poolConnectionSource(pool), table: REDDIT_COMMENTS, source: 'reddit' });
      await writer.write({ items: [live], observedAt: new Date() });
    } finally {
      await pool.end();
    }
    const file = join(dir, 'RC_2023-03.ndjson');
    writeFileSync(file, `${comment('lv1', 'wallstreetbets', { score: 3, body: 'archived text' })}\n`);
    const run = await runArchive(['import', '--rejects', join(dir, 'live-rejects.tsv'), file], { DATABASE_URL: db.url }, dir);
    expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code: 0 });
    expect(run.stdout).toMatch(/^unchanged \(already stored\) +1$/m);
    expect(await query("select score, body from raw_comments where id = 'lv1'")).toEqual([{ score: 500, body: expect.not.stringContaining('archived') }]);
    // the archive's older reading is kept as engagement history beside the live one
    expect(await query("select score from comment_engagement where comment_id = 'lv1' order by observed_at")).toEqual([{ score: 3 }, { score: 500 }]);
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
