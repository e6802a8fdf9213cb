import { Pool, type ClientBase } from 'pg';
import { makeRedditComment, makeSubmission } from '../../testing';
import { useWriterDatabase } from '../../testing/writer-database';
import { REDDIT_COMMENTS } from '../sources/reddit-comments';
import { REDDIT_SUBMISSIONS } from '../sources/reddit-submissions';
import { poolConnectionSource } from '../write/connection-sources';
import type { ConnectionSource } from './item-writer';
import { defineItemTable } from './item-table';
import { ItemWriter } from './item-writer';

const db = useWriterDatabase();

describe('ItemWriter precedence (Reddit submissions)', () => {
  const at = (iso: string) => new Date(iso);

  it('never replaces values observed later with values observed earlier, and records no observation for them', async () => {
    const live = makeSubmission(1, { score: 100, numComments: 40 });
    await db.writer.write({ submissions: [live], observedAt: at('2026-11-30T12:00:00Z') });
    // an archive line retrieved before the live read, with its older figures
    const archived = makeSubmission(1, { score: 3, numComments: 1 });
    const result = await db.writer.write({ submissions: [archived], observedAt: at('2025-01-01T00:00:00Z') });
    expect(result).toMatchObject({ inserted: 0, updated: 0, unchanged: 1, observations: 0 });
    const { rows } = await db.pool.query('select score, num_comments, updated_at from raw_submissions');
    expect(rows).toEqual([{ score: 100, num_comments: 40, updated_at: at('2026-11-30T12:00:00Z') }]);
    // the one observation is the live read, held by the row itself
    expect(await db.count('submission_metrics')).toBe(0);
    const { rows: series } = await db.pool.query('select observed_at, score from submission_engagement');
    expect(series).toEqual([{ observed_at: at('2026-11-30T12:00:00Z'), score: 100 }]);
  });

  it('with keepOlderObservations, adds an older reading to the engagement history and leaves the row alone, once', async () => {
    const writer = new ItemWriter({ connections: poolConnectionSource(db.pool), table: REDDIT_SUBMISSIONS, source: 'reddit' });
    await writer.write({ items: [makeSubmission(4, { score: 100 })], observedAt: at('2026-11-30T12:00:00Z') });
    const older = { items: [makeSubmission(4, { score: 3 })], observedAt: at('2025-01-01T00:00:00Z'), keepOlderObservations: true };
    expect(await writer.write(older)).toMatchObject({ inserted: 0, updated: 0, unchanged: 1, observations: 1 });
    expect(await writer.write(older)).toMatchObject({ unchanged: 1, observations: 0 });
    const { rows } = await db.pool.query('select score, updated_at from raw_submissions');
    expect(rows).toEqual([{ score: 100, updated_at: at('2026-11-30T12:00:00Z') }]);
    const { rows: history } = await db.pool.query('select observed_at, score from submission_engagement order by observed_at');
    expect(history).toEqual([
      { observed_at: at('2025-01-01T00:00:00Z'), score: 3 },
      { observed_at: at('2026-11-30T12:00:00Z'), score: 100 },
    ]);
  });

  it('applies a later observation, moving the one it supersedes to the observation table', async () => {
    await db.writer.write({ submissions: [makeSubmission(2, { score: 5 })], observedAt: at('2026-11-30T12:00:00Z') });
    const result = await db.writer.write({ submissions: [makeSubmission(2, { score: 9 })], observedAt: at('2026-11-30T13:00:00Z') });
    expect(result).toMatchObject({ updated: 1, observations: 1 });
    const { rows: superseded } = await db.pool.query('select observed_at, score from submission_metrics');
    expect(superseded).toEqual([{ observed_at: at('2026-11-30T12:00:00Z'), score: 5 }]);
    const { rows: series } = await db.pool.query('select observed_at, score from submission_engagement order by observed_at');
    expect(series).toEqual([
      { observed_at: at('2026-11-30T12:00:00Z'), score: 5 },
      { observed_at: at('2026-11-30T13:00:00Z'), score: 9 },
    ]);
  });

  it('stores an item first seen in an archive, and lets the live scraper update it', async () => {
    const archived = await db.writer.write({ submissions: [makeSubmission(3, { score: 1 })], observedAt: at('2024-06-01T00:00:00Z') });
    expect(archived.inserted).toBe(1);
    const live = await db.writer.write({ submissions: [makeSubmission(3, { score: 50 })], observedAt: at('2026-11-30T12:00:00Z') });
    expect(live.updated).toBe(1);
  });
});

describe('ItemWriter firstSeenAt (an import of old observations)', () => {
  const at = (iso: string) => new Date(iso);
  const retrieved = at('2023-03-01T00:00:00Z');
  const imported = at('2026-11-30T12:00:00.123Z');
  const writer = () => new ItemWriter({ connections: poolConnectionSource(db.pool), table: REDDIT_SUBMISSIONS, source: 'reddit' });
  const stored = async (index: number) => {
    const { rows } = await db.pool.query('select score, first_seen_at, updated_at from raw_submissions where id = $1', [makeSubmission(index).id]);
    return rows[0];
  };

  it('stores a new row first seen at firstSeenAt and updated at its observation time; a later write never moves first_seen_at', async () => {
    const first = await writer().write({ items: [makeSubmission(1, { score: 3 })], observedAt: retrieved, firstSeenAt: imported });
    expect(first.inserted).toBe(1);
    expect(await stored(1)).toEqual({ score: 3, first_seen_at: imported, updated_at: retrieved });
    const { rows: listed } = await db.pool.query(`select first_seen_at, updated_at from text_items where source = 'reddit' and id = $1`, [makeSubmission(1).id]);
    expect(listed).toEqual([{ first_seen_at: imported, updated_at: retrieved }]);

    const later = at('2026-12-01T08:00:00Z');
    const again = await writer().write({ items: [makeSubmission(1, { score: 7 })], observedAt: at('2024-01-01T00:00:00Z'), firstSeenAt: later });
    expect(again.updated).toBe(1);
    expect(await stored(1)).toEqual({ score: 7, first_seen_at: imported, updated_at: at('2024-01-01T00:00:00Z') });
  });

  it('uses firstSeenAt for the rows stored when a refused row sends the batch to isolation', async () => {
    const result = await writer().write({
      items: [makeSubmission(2), makeSubmission(3, { score: 2 ** 40 }), makeSubmission(4)],
      observedAt: retrieved,
      firstSeenAt: imported,
    });
    expect(result).toMatchObject({ inserted: 2, rejected: [expect.objectContaining({ sqlState: '22003' })] });
    const { rows } = await db.pool.query('select first_seen_at, updated_at from raw_submissions order by id');
    expect(rows).toEqual([
      { first_seen_at: imported, updated_at: retrieved },
      { first_seen_at: imported, updated_at: retrieved },
    ]);
  });

  it('without firstSeenAt, first sees a new row at its observation time (a live scraper)', async () => {
    await writer().write({ items: [makeSubmission(5)], observedAt: retrieved });
    expect(await stored(5)).toMatchObject({ first_seen_at: retrieved, updated_at: retrieved });
  });
});

describe('ItemWriter for another source', () => {
  interface Story {
    id: number;
    time: Date;
    title: string;
    points: number;
    retrievedAt: Date;
  }

  const STORIES = defineItemTable<Story>({
    kind: 'story',
    table: 'test_stories',
    idColumn: 'id',
    timeColumn: 'created_at',
    keysTable: 'test_story_keys',
    firstSeenColumn: 'first_seen_at',
    updatedColumn: 'updated_at',
    columns: [
      { name: 'id', type: 'bigint', value: (s) => s.id },
      { name: 'created_at', type: 'timestamptz', value: (s) => s.time },
      { name: 'title', type: 'text', value: (s) => s.title, mutable: true },
      { name: 'points', type: 'int', value: (s) => s.points, mutable: true },
    ],
    observations: {
      table: 'test_story_points',
      itemIdColumn: 'story_id',
      itemTimeColumn: 'story_created_at',
      observedAtColumn: 'observed_at',
      copied: { points: 'points' },
    },
    idOf: (s) => String(s.id),
    payloadOf: (s) => s,
  });

  beforeAll(async () => {
    await db.pool.query(`
      create table test_stories (id bigint not null, created_at timestamptz not null, title text not null, points int not null,
        first_seen_at timestamptz not null, updated_at timestamptz not null, primary key (id, created_at));
      select create_hypertable('test_stories', by_range('created_at', interval '1 day'));
      create table test_story_keys (id bigint primary key, created_at timestamptz not null);
      create table test_story_points (story_id bigint not null, observed_at timestamptz not null, story_created_at timestamptz not null,
        points int not null, primary key (story_id, observed_at));
      select create_hypertable('test_story_points', by_range('observed_at', interval '1 day'));`);
  });

  const story = (id: number, points: number, retrievedAt = new Date('2026-11-30T10:00:00Z')): Story => ({
    id,
    time: new Date(Date.UTC(2026, 10, 29) + id * 60_000),
    title: `story ${id}`,
    points,
    retrievedAt,
  });

  it('stores its items through the same core: idempotent, per-item observation times, observations, quarantine', async () => {
    const writer = new ItemWriter({ connections: poolConnectionSource(db.pool), table: STORIES, source: 'hn' });
    const first = await writer.write({ items: [story(1, 10), story(2, 20), story(3, 2 ** 40)], observedAt: (s) => s.retrievedAt, stream: 'items' });
    expect(first).toMatchObject({ inserted: 2, observations: 0 });
    expect(first.rejected).toEqual([expect.objectContaining({ source: 'hn', itemKind: 'story', itemId: '3', sqlState: '22003', stream: 'items' })]);
    const again = await writer.write({ items: [story(1, 10), story(2, 25, new Date('2026-11-30T11:00:00Z'))], observedAt: (s) => s.retrievedAt });
    expect(again).toMatchObject({ inserted: 0, updated: 1, unchanged: 1, observations: 1 });
    const { rows } = await db.pool.query('select id::int, points from test_stories order by id');
    expect(rows).toEqual([{ id: 1, points: 10 }, { id: 2, points: 25 }]);
    // the superseded observation only: each row holds its current one
    const { rows: points } = await db.pool.query('select story_id::int, points, observed_at from test_story_points order by story_id, observed_at');
    expect(points).toEqual([{ story_id: 2, points: 20, observed_at: new Date('2026-11-30T10:00:00Z') }]);
    const { rows: quarantined } = await db.pool.query(`select source, item_kind, item_id from rejected_items`);
    expect(quarantined).toEqual([{ source: 'hn', item_kind: 'story', item_id: '3' }]);
  });
});

/** Polls `condition` until it holds (at most ~5 s). */
async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('condition not met within 5 s');
}

describe('ItemWriter new-rows path (a batch of ids not stored yet)', () => {
  const at = (iso: string) => new Date(iso);

  type Query = (...args: unknown[]) => unknown;

  /** The pool's connections, every query passing through `around` (given the client's own query). */
  const intercepted = (around: (query: Query, first: unknown, rest: unknown[]) => unknown): ConnectionSource => {
    const pool = poolConnectionSource(db.pool);
    return {
      acquire: async () => {
        const client = await pool.acquire();
        const query = client.query.bind(client) as Query;
        (client as { query: unknown }).query = (first: unknown, ...rest: unknown[]) => around(query, first, rest);
        return client;
      },
      release: (client: ClientBase, error?: Error) => {
        delete (client as { query?: unknown }).query; // back to the prototype's query
        pool.release(client, error);
      },
    };
  };

  /** The pool's connections, with the text of every statement they run. */
  const recording = (): { connections: ConnectionSource; statements: string[] } => {
    const statements: string[] = [];
    const connections = intercepted((query, first, rest) => {
      statements.push(typeof first === 'string' ? first : String((first as { text?: string }).text));
      return query(first, ...rest);
    });
    return { statements, connections };
  };

  it('copies new ids straight into their tables and stores what the staged upsert stores (keys, first_seen_at, engagement, skipped null scores)', async () => {
    const { connections, statements } = recording();
    const writer = new ItemWriter({ connections, table: REDDIT_COMMENTS, source: 'reddit' });
    const retrieved = at('2023-03-01T00:00:00Z');
    const imported = at('2026-11-30T12:00:00Z');
    // all new: the copy path
    const fresh = await writer.write({ items: [makeRedditComment(1), makeRedditComment(2, { score: null })], observedAt: retrieved, firstSeenAt: imported });
    expect(fresh).toMatchObject({ inserted: 2, updated: 0, unchanged: 0, observations: 0 });
    expect(statements.some((s) => s.startsWith('copy raw_comments '))).toBe(true);
    expect(statements.some((s) => s.startsWith('create temp table'))).toBe(false);
    // one id already stored: the staged upsert, for rows shaped like the first two
    statements.length = 0;
    const mixed = await writer.write({ items: [makeRedditComment(1), makeRedditComment(3), makeRedditComment(4, { score: null })], observedAt: retrieved, firstSeenAt: imported });
    expect(mixed).toMatchObject({ inserted: 2, updated: 0, unchanged: 1, observations: 0 });
    expect(statements.some((s) => s.startsWith('create temp table'))).toBe(true);

    const { rows } = await db.pool.query(`
      select c.id, c.score, c.first_seen_at, c.updated_at, k.created_utc = c.created_utc as keyed, count(m.*)::int as observations
        from raw_comments c left join comment_keys k on k.id = c.id left join comment_engagement m on m.comment_id = c.id
       group by c.id, c.score, c.first_seen_at, c.updated_at, k.created_utc, c.created_utc order by c.id`);
    const shape = (index: number, score: number | null, observations: number) => ({
      id: makeRedditComment(index).id,
      score,
      first_seen_at: imported,
      updated_at: retrieved,
      keyed: true,
      observations,
    });
    expect(rows).toEqual([shape(1, 1, 1), shape(2, null, 0), shape(3, 3, 1), shape(4, null, 0)]);
    expect(await db.count('comment_metrics')).toBe(0);
    const { rows: observed } = await db.pool.query('select comment_id, observed_at, comment_created_utc, subreddit, score from comment_engagement order by comment_id');
    expect(observed).toEqual([
      { comment_id: makeRedditComment(1).id, observed_at: retrieved, comment_created_utc: makeRedditComment(1).createdUtc, subreddit: 'sub1', score: 1 },
      { comment_id: makeRedditComment(3).id, observed_at: retrieved, comment_created_utc: makeRedditComment(3).createdUtc, subreddit: 'sub1', score: 3 },
    ]);
  });

  it('falls back to the staged upsert when a copy meets a row the probe could not see, and quarantines nothing', async () => {
    const first = makeSubmission(7, { score: 1 });
    await db.writer.write({ submissions: [first], observedAt: at('2026-11-30T10:00:00Z') });
    // the row stays, its key goes: the probe says "new", the copy then hits the row's primary key
    await db.pool.query('delete from submission_keys');
    const writer = new ItemWriter({ connections: poolConnectionSource(db.pool), table: REDDIT_SUBMISSIONS, source: 'reddit' });
    const result = await writer.write({ items: [makeSubmission(7, { score: 9 }), makeSubmission(8)], observedAt: at('2026-11-30T11:00:00Z') });
    expect(result).toMatchObject({ inserted: 1, updated: 1, rejected: [] });
    const { rows } = await db.pool.query('select id, score from raw_submissions order by id');
    expect(rows).toEqual([
      { id: first.id, score: 9 },
      { id: makeSubmission(8).id, score: expect.any(Number) },
    ]);
    expect(await db.count('submission_keys')).toBe(2);
    expect(await db.count('rejected_items')).toBe(0);
  });

  it('waits for a concurrent writer of the same new id, then stores the batch the staged way without doubling it', async () => {
    // the other writer's commit waits for a gate: its rows are written, not yet committed
    let openGate = (): void => undefined;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const held = intercepted((query, first, rest) => (first === 'commit' ? gate.then(() => query(first, ...rest)) : query(first, ...rest)));
    const theirs = new ItemWriter({ connections: held, table: REDDIT_SUBMISSIONS, source: 'reddit' }).write({ items: [makeSubmission(14, { score: 1 })], observedAt: at('2026-11-30T10:00:00Z') });
    await until(async () => (await db.pool.query(`select count(*)::int as n from pg_stat_activity where state = 'idle in transaction' and datname = current_database()`)).rows[0].n === 1);
    const ours = new ItemWriter({ connections: poolConnectionSource(db.pool), table: REDDIT_SUBMISSIONS, source: 'reddit' }).write({ items: [makeSubmission(14, { score: 5 }), makeSubmission(15)], observedAt: at('2026-11-30T11:00:00Z') });
    await new Promise((resolve) => setTimeout(resolve, 300));
    openGate();
    expect(await theirs).toMatchObject({ inserted: 1 });
    expect(await ours).toMatchObject({ inserted: 1, updated: 1, rejected: [] });
    const { rows } = await db.pool.query('select id, score from raw_submissions order by id');
    expect(rows).toEqual([
      { id: makeSubmission(14).id, score: 5 },
      { id: makeSubmission(15).id, score: expect.any(Number) },
    ]);
    expect(await db.count('submission_keys')).toBe(2);
  });

  it('keeps the connection when a refused row sends the batch to isolation (the connection is healthy)', async () => {
    const pool = new Pool({ connectionString: db.database.url, max: 1 });
    let opened = 0;
    pool.on('connect', () => opened++);
    try {
      const writer = new ItemWriter({ connections: poolConnectionSource(pool), table: REDDIT_SUBMISSIONS, source: 'reddit' });
      const result = await writer.write({ items: [makeSubmission(12), makeSubmission(13, { score: 2 ** 40 })], observedAt: at('2026-11-30T10:00:00Z') });
      expect(result).toMatchObject({ inserted: 1, rejected: [expect.objectContaining({ sqlState: '22003' })] });
      expect(opened).toBe(1);
    } finally {
      await pool.end();
    }
  });

  it('sets aside a new row whose value cannot be encoded before any table sees it', async () => {
    const writer = new ItemWriter({ connections: poolConnectionSource(db.pool), table: REDDIT_SUBMISSIONS, source: 'reddit' });
    const result = await writer.write({ items: [makeSubmission(9), makeSubmission(10, { score: Number.NaN }), makeSubmission(11)], observedAt: at('2026-11-30T10:00:00Z') });
    expect(result).toMatchObject({ inserted: 2, observations: 0, rejected: [expect.objectContaining({ itemId: makeSubmission(10).id })] });
    expect(await db.count('raw_submissions')).toBe(2);
    expect(await db.count('submission_keys')).toBe(2);
    expect(await db.count('submission_engagement')).toBe(2);
  });
});
