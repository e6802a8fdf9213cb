import type { MikroORM } from '@mikro-orm/postgresql';
import { Pool } from 'pg';
import { makeSubmission } from '../../testing';
import { useWriterDatabase } from '../../testing/writer-database';
import { openOrm } from '../orm/open-orm';
import { REDDIT_SUBMISSIONS } from '../sources/reddit-submissions';
import { ormConnectionSource, poolConnectionSource } from '../write/connection-sources';
import { ormPoolState, pgPoolState } from './pool-state';
import { ScrapeStateRepository } from './scrape-state-repository';

const db = useWriterDatabase();
let orm: MikroORM;

beforeAll(async () => {
  orm = await openOrm(db.database.config, { applicationName: 'scrape-state-test' });
});

afterAll(async () => {
  await orm.close(true);
});

/** The repository over a pg.Pool (tools) and over MikroORM's pool (the scrapers), which returns times as text. */
const repositories = (): [string, () => ScrapeStateRepository][] => [
  ['a pg.Pool', () => new ScrapeStateRepository({ connections: poolConnectionSource(db.pool), pool: pgPoolState(db.pool) })],
  ['MikroORM\'s pool', () => new ScrapeStateRepository({ connections: ormConnectionSource(orm), pool: ormPoolState(orm) })],
];

const hour = 3_600_000;
const t0 = Date.UTC(2026, 10, 30, 0, 0, 0, 123);

async function addGap(source: string, stream: string, startMs: number, reason = 'listing end'): Promise<string> {
  const { rows } = await db.pool.query<{ id: string }>(
    'insert into scrape_gaps (source, stream, gap_start, gap_end, reason) values ($1, $2, $3, $4, $5) returning id',
    [source, stream, new Date(startMs), new Date(startMs + hour), reason],
  );
  return rows[0]!.id;
}

describe.each(repositories())('ScrapeStateRepository over %s', (_, make) => {
  it('reads the checkpoint a batch moved, with its time to the millisecond; none for a stream never written', async () => {
    const newest = new Date(t0);
    await db.writer.write({
      submissions: [makeSubmission(1)],
      observedAt: new Date(t0 + hour),
      checkpoints: [{ source: 'reddit', stream: 'new:a+b', newestCreatedUtc: newest, newestId: 'abc', state: { pages: 2 } }],
    });
    const state = make();
    expect(await state.readCheckpoint('reddit', 'new:a+b')).toEqual({
      source: 'reddit',
      stream: 'new:a+b',
      newestCreatedUtc: newest,
      newestId: 'abc',
      state: { pages: 2 },
    });
    expect(await state.readCheckpoint('reddit', 'new:other')).toBeNull();
    expect(await state.readCheckpoint('hn', 'new:a+b')).toBeNull();
  });

  it('lists the open gaps of one stream, oldest first, and none of another stream or source', async () => {
    const later = await addGap('reddit', 'new:a', t0 + 5 * hour, 'outage');
    const earlier = await addGap('reddit', 'new:a', t0);
    await addGap('reddit', 'new:b', t0);
    await addGap('hn', 'new:a', t0);
    const gaps = await make().openGaps('reddit', 'new:a');
    expect(gaps.map((g) => g.id)).toEqual([earlier, later]);
    expect(gaps[0]).toEqual({
      id: earlier,
      source: 'reddit',
      stream: 'new:a',
      gapStart: new Date(t0),
      gapEnd: new Date(t0 + hour),
      reason: 'listing end',
      detectedAt: expect.any(Date),
    });
  });

  it('lists the open gaps of every stream of one source, by stream then oldest first, none of another source or resolved', async () => {
    const b = await addGap('reddit', 'new:b', t0);
    const aLater = await addGap('reddit', 'new:a', t0 + 5 * hour);
    const aEarlier = await addGap('reddit', 'new:a', t0);
    const resolved = await addGap('reddit', 'new:c', t0);
    await db.pool.query('update scrape_gaps set resolved_at = now() where id = $1', [resolved]);
    await addGap('hn', 'new:a', t0);
    const gaps = await make().openGapsOfSource('reddit');
    expect(gaps.map((g) => [g.id, g.stream])).toEqual([
      [aEarlier, 'new:a'],
      [aLater, 'new:a'],
      [b, 'new:b'],
    ]);
    expect(gaps[2]).toEqual({ id: b, source: 'reddit', stream: 'new:b', gapStart: new Date(t0), gapEnd: new Date(t0 + hour), reason: 'listing end', detectedAt: expect.any(Date) });
  });

  it('counts the items created in a range (ends included) of some subreddits, whatever their case', async () => {
    const at = (i: number, subreddit: string) => makeSubmission(100 + i, { createdUtc: new Date(t0 + i * hour), subreddit });
    await db.writer.write({
      submissions: [at(0, 'Alpha'), at(1, 'alpha'), at(2, 'ALPHA'), at(3, 'alpha'), at(1, 'beta'), at(2, 'gamma')].map((s, i) => ({ ...s, id: `cnt${i}` })),
      observedAt: new Date(t0 + 5 * hour),
    });
    const state = make();
    const range = { from: new Date(t0 + hour), to: new Date(t0 + 2 * hour) };
    expect(await state.countItems(REDDIT_SUBMISSIONS, range, { column: 'subreddit', anyOf: ['alpha'] })).toBe(2);
    expect(await state.countItems(REDDIT_SUBMISSIONS, range, { column: 'subreddit', anyOf: ['alpha', 'beta'] })).toBe(3);
    expect(await state.countItems(REDDIT_SUBMISSIONS, range, { column: 'subreddit', anyOf: ['delta'] })).toBe(0);
    await expect(state.countItems(REDDIT_SUBMISSIONS, range, { column: 'subreddit', anyOf: [] })).rejects.toThrow(RangeError);
  });

  it('resolves a gap once, recording when, how and how many items were recovered; it is no longer open', async () => {
    const id = await addGap('reddit', 'new:a', t0);
    const other = await addGap('reddit', 'new:a', t0 + hour);
    const state = make();
    const [gap] = await state.openGaps('reddit', 'new:a');
    const resolvedAt = new Date(t0 + 9 * hour);
    expect(await state.resolveGap(gap!, { resolvedAt, resolution: 'backfilled', recoveredItems: 41 })).toBe(true);
    // a second backfill racing the first does not overwrite what the first recorded
    expect(await state.resolveGap(gap!, { resolvedAt: new Date(), resolution: 'unrecoverable', recoveredItems: 0 })).toBe(false);
    expect((await state.openGaps('reddit', 'new:a')).map((g) => g.id)).toEqual([other]);
    const { rows } = await db.pool.query('select resolved_at, resolution, recovered_items from scrape_gaps where id = $1', [id]);
    expect(rows).toEqual([{ resolved_at: resolvedAt, resolution: 'backfilled', recovered_items: 41 }]);
  });

  it('does not resolve a gap of another stream or source through a wrong id', async () => {
    const id = await addGap('reddit', 'new:a', t0);
    const state = make();
    const resolution = { resolvedAt: new Date(), resolution: 'backfilled', recoveredItems: 1 };
    expect(await state.resolveGap({ id, source: 'reddit', stream: 'new:b' }, resolution)).toBe(false);
    expect(await state.resolveGap({ id, source: 'hn', stream: 'new:a' }, resolution)).toBe(false);
    expect(await state.resolveGap({ id: '999999', source: 'reddit', stream: 'new:a' }, resolution)).toBe(false);
    expect(await state.openGaps('reddit', 'new:a')).toHaveLength(1);
  });

  it('refuses a negative count in the database too (scrape_gaps_recovered_items_check)', async () => {
    const id = await addGap('reddit', 'new:a', t0);
    await expect(db.pool.query('update scrape_gaps set recovered_items = -1 where id = $1', [id])).rejects.toMatchObject({ code: '23514' });
  });

  it('lists the submissions created after a time, oldest first, with their creation times', async () => {
    const posts = [0, 1, 2, 3].map((i) => makeSubmission(i, { createdUtc: new Date(t0 + i * hour) }));
    await db.writer.write({ submissions: posts, observedAt: new Date(t0 + 5 * hour) });
    expect(await make().recentItems(REDDIT_SUBMISSIONS, new Date(t0 + hour))).toEqual([
      { id: posts[2]!.id, time: new Date(t0 + 2 * hour) },
      { id: posts[3]!.id, time: new Date(t0 + 3 * hour) },
    ]);
  });

  it('reads the gaps of each stream for the gauges of /metrics: recorded, resolved, recovered, open, the oldest open start as a Date', async () => {
    await addGap('reddit', 'new:a', t0 + hour);
    const oldest = await addGap('reddit', 'new:a', t0);
    await addGap('reddit', 'comments:a', t0);
    const state = make();
    const [gap] = await state.openGaps('reddit', 'comments:a');
    await state.resolveGap(gap!, { resolvedAt: new Date(t0 + 2 * hour), resolution: 'backfilled', recoveredItems: 3 });
    await state.resolveGap({ id: oldest, source: 'reddit', stream: 'new:a' }, { resolvedAt: new Date(t0 + 2 * hour), resolution: 'backfilled', recoveredItems: 1 });
    const stats = await state.databaseStats();
    expect(stats.gaps).toEqual([
      { source: 'reddit', stream: 'comments:a', recorded: 1, resolved: 1, recovered: 3, open: 0, oldestOpenStart: null },
      { source: 'reddit', stream: 'new:a', recorded: 2, resolved: 1, recovered: 1, open: 1, oldestOpenStart: new Date(t0 + hour) },
    ]);
    // comments by subreddit are for `migrator stats`, not read at every scrape
    expect(stats.comments).toBeNull();
  });

  it('pings, reads the database statistics, and reports its pool', async () => {
    const state = make();
    await state.ping();
    expect((await state.databaseStats()).hypertables.map((h) => h.table)).toEqual(expect.arrayContaining(['raw_submissions', 'submission_metrics']));
    const pool = state.poolState();
    expect(pool.used).toBe(0);
    expect(pool.free).toBeGreaterThanOrEqual(1);
    expect(pool.pending).toBe(0);
  });
});

describe('ScrapeStateRepository readiness and pool', () => {
  it('rejects the ping when the database cannot be reached, so /readyz reports it', async () => {
    const dead = new Pool({ host: '127.0.0.1', port: 1, user: 'x', database: 'x', connectionTimeoutMillis: 2_000 });
    const state = new ScrapeStateRepository({ connections: poolConnectionSource(dead), pool: pgPoolState(dead) });
    try {
      await expect(state.ping()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      await dead.end();
    }
  });

  it('counts a connection someone holds as used, and free again once given back', async () => {
    const state = new ScrapeStateRepository({ connections: poolConnectionSource(db.pool), pool: pgPoolState(db.pool) });
    const before = state.poolState().used;
    const held = await db.pool.connect();
    expect(state.poolState().used).toBe(before + 1);
    held.release();
    expect(state.poolState().used).toBe(before);
  });
});
