import { ItemWriter, REDDIT_SUBMISSIONS, poolConnectionSource } from '@sentiment-ingest/db';
import { createMigratedTestDatabase, makeSubmission, type TestDatabase } from '@sentiment-ingest/db/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { runArchive } from './testing/run-archive';

const at = (hhmm: string) => Date.parse(`2023-01-02T${hhmm}:00Z`);
const post = (id: string, subreddit: string, hhmm: string) =>
  JSON.stringify({ id, subreddit, title: `post ${id}`, author: 'someone', created_utc: at(hhmm) / 1000, retrieved_on: at('23:00') / 1000, score: 1, num_comments: 0 });

const comment = (id: string, subreddit: string, hhmm: string) =>
  JSON.stringify({
    id,
    subreddit,
    link_id: 't3_h1',
    parent_id: 't3_h1',
    author: 'commenter',
    body: `comment ${id}`,
    created_utc: at(hhmm) / 1000,
    retrieved_on: at('23:00') / 1000,
    score: 2,
  });

describe('reddit-archive import resolves the scrape gaps it covers (built CLI, real TimescaleDB)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reddit-archive-gaps-'));
    db = await createMigratedTestDatabase();
    pool = new Pool({ connectionString: db.url, max: 1 });
  });

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const addGap = async (stream: string, from: string, to: string): Promise<string> => {
    const { rows } = await pool.query<{ id: string }>(
      `insert into scrape_gaps (source, stream, gap_start, gap_end, reason) values ('reddit', $1, $2, $3, 'listing end') returning id`,
      [stream, new Date(at(from)), new Date(at(to))],
    );
    return rows[0]!.id;
  };

  it('resolves a gap inside the covered range (archive, the posts it inserted), and leaves a partly covered one and one of unselected subreddits open', async () => {
    // the live scraper stored one post inside the gap before: it is not counted as recovered
    const live = makeSubmission(1, { id: 'pre1', subreddit: 'wallstreetbets', createdUtc: new Date(at('02:30')) });
    await new ItemWriter({ connections: poolConnectionSource(pool), table: REDDIT_SUBMISSIONS, source: 'reddit' }).write({ items: [live], observedAt: new Date() });
    const inside = await addGap('new:stocks+wallstreetbets', '01:00', '03:00');
    const partly = await addGap('new:stocks+wallstreetbets', '04:00', '06:00');
    const unselected = await addGap('new:askreddit+stocks', '01:00', '03:00');

    const file = join(dir, 'RS_2023-01.ndjson');
    writeFileSync(
      file,
      [
        post('g1', 'wallstreetbets', '00:00'), // the earliest selected line
        post('g2', 'AskReddit', '00:30'), // another subreddit
        post('g3', 'Stocks', '01:30'), // in the gap
        post('g4', 'WallStreetBets', '02:00'), // in the gap
        post('pre1', 'wallstreetbets', '02:30'), // in the gap, stored before
        post('g5', 'stocks', '05:00'), // the latest: the coverage ends before the second gap does
        post('g6', 'AskReddit', '07:00'), // another subreddit: does not widen the coverage
      ].join('\n') + '\n',
    );
    const run = await runArchive(['import', '--subreddits', 'WallStreetBets,stocks', '--rejects', join(dir, 'rejects.tsv'), file], { DATABASE_URL: db.url }, dir);
    expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code: 0 });
    expect(run.stdout).toMatch(/^inserted +4$/m);
    expect(run.stdout).toMatch(/^gaps resolved +1$/m);
    expect(run.stderr).toContain(`resolved gap ${inside} of new:stocks+wallstreetbets`);
    expect(run.stderr).toContain(`gap ${partly} of new:stocks+wallstreetbets is only partly covered`);

    const { rows } = await pool.query('select id, resolution, recovered_items, resolved_at is not null as resolved from scrape_gaps order by id');
    expect(rows).toEqual([
      { id: inside, resolution: 'archive', recovered_items: 2, resolved: true },
      { id: partly, resolution: null, recovered_items: null, resolved: false },
      { id: unselected, resolution: null, recovered_items: null, resolved: false },
    ]);
  });

  it('a per-subreddit file imported without --subreddits closes only the gaps of the subreddits it holds', async () => {
    await pool.query('delete from scrape_gaps');
    const own = await addGap('new:aww', '10:00', '11:00');
    const other = await addGap('new:pics', '10:00', '11:00');
    const group = await addGap('new:aww+pics', '10:00', '11:00');
    const file = join(dir, 'aww_submissions.ndjson');
    writeFileSync(file, [post('h1', 'aww', '09:00'), post('h2', 'Aww', '10:30'), post('h3', 'aww', '12:00')].join('\n') + '\n');
    const run = await runArchive(['import', '--kind', 'submissions', '--rejects', join(dir, 'rejects-aww.tsv'), file], { DATABASE_URL: db.url }, dir);
    expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code: 0 });
    expect(run.stdout).toMatch(/^gaps resolved +1$/m);
    expect(run.stderr).toContain(`gap ${other} of new:pics stays open: ${file} has no post of pics`);
    const { rows } = await pool.query('select id, resolution, recovered_items from scrape_gaps order by id');
    expect(rows).toEqual([
      { id: own, resolution: 'archive', recovered_items: 1 },
      { id: other, resolution: null, recovered_items: null },
      { id: group, resolution: null, recovered_items: null },
    ]);
  });

  it('a comments file closes the comments gaps the live healer left open, and no posts gap', async () => {
    await pool.query('delete from scrape_gaps');
    const comments = await addGap('comments:aww', '14:00', '15:00');
    const posts = await addGap('new:aww', '14:00', '15:00');
    const file = join(dir, 'RC_aww.ndjson');
    writeFileSync(file, [comment('c1', 'aww', '13:00'), comment('c2', 'aww', '14:10'), comment('c3', 'Aww', '14:50'), comment('c4', 'aww', '16:00')].join('\n') + '\n');
    const run = await runArchive(['import', '--kind', 'comments', '--rejects', join(dir, 'rejects-rc.tsv'), file], { DATABASE_URL: db.url }, dir);
    expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code: 0 });
    expect(run.stdout).toMatch(/^gaps resolved +1$/m);
    expect(run.stderr).toContain(`resolved gap ${comments} of comments:aww`);
    expect(run.stderr).toContain('2 comments recovered');
    const { rows } = await pool.query('select id, resolution, recovered_items from scrape_gaps order by id');
    expect(rows).toEqual([
      { id: comments, resolution: 'archive', recovered_items: 2 },
      { id: posts, resolution: null, recovered_items: null },
    ]);
  });
});
