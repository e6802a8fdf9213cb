import { HN_ITEMS, ItemWriter, pgPoolState, poolConnectionSource, ScrapeStateRepository, type ItemBatch } from '@sentiment-ingest/db';
import { createMigratedTestDatabase, type TestDatabase } from '@sentiment-ingest/db/testing';
import { FakeHackerNews } from '@sentiment-ingest/fake-hn';
import type { HnItem } from '@sentiment-ingest/models';
import { DurableWriter, JsonClient, RateCap, ScrapeMetrics } from '@sentiment-ingest/scraper-kit';
import { FakeClock, MemoryLog } from '@sentiment-ingest/scraper-kit/testing';
import { Pool } from 'pg';
import { HttpHnApi } from '../api/hn-api';
import { HnIdWalk } from '../walk/id-walk';
import { HnStoryResolver } from '../walk/story-resolver';
import { HnEngagementRefresher } from './engagement-refresher';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.UTC(2026, 10, 30, 12, 0, 0);

interface StoredRow {
  id: number;
  type: string | null;
  author: string | null;
  body: string | null;
  score: number | null;
  descendants: number | null;
  deleted: boolean;
  updated_at: Date;
}

/**
 * The refresher as the scraper wires it: the HTTP API over the kit's JsonClient and RateCap, the id
 * walk's resolver and durable writer, and the scrape state, against the fake Hacker News (whose
 * scores grow with the items' age on the shared virtual clock) and a migrated TimescaleDB.
 */
describe('HnEngagementRefresher against the fake Hacker News and TimescaleDB', () => {
  const clock = new FakeClock({ now: T0 });
  const metrics = new ScrapeMetrics({ source: 'hn' });
  const signal = new AbortController().signal;
  let database: TestDatabase;
  let pool: Pool;
  let fake: FakeHackerNews;
  let walk: HnIdWalk;
  let newRefresher: (log: MemoryLog) => HnEngagementRefresher;

  const rows = async (where = 'true', params: unknown[] = []): Promise<Map<number, StoredRow>> => {
    const { rows: found } = await pool.query<StoredRow>(
      `select id::int as id, type, author, body, score, descendants, deleted, updated_at from hn_items where ${where} order by id`,
      params,
    );
    return new Map(found.map((r) => [r.id, r]));
  };
  const metricsOf = async (id: number): Promise<{ observed_at: Date; score: number | null; descendants: number | null }[]> =>
    (await pool.query('select observed_at, score, descendants from hn_item_engagement where item_id = $1 order by observed_at', [id])).rows;
  const metricRows = async (): Promise<number> => Number((await pool.query('select count(*) as n from hn_item_engagement')).rows[0].n);

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    pool = new Pool({ connectionString: database.url, max: 4 });
    // two hours of items (about 5 a minute) before T0, without holes, late answers or faults; the
    // deletion and edits come from the test
    fake = new FakeHackerNews({
      clock,
      seed: 7,
      startAt: T0 - 2 * HOUR,
      itemsPerMinute: 5,
      bursts: false,
      holeRate: 0,
      lateRate: 0,
      deleteRate: 0,
      deadRate: 0,
      editRate: 0,
      archive: false,
      updatesLimit: 500,
    });
    const { baseUrl } = await fake.start();
    const log = new MemoryLog();
    const client = new JsonClient({ fetch: (url, init) => fetch(url, init), clock, timeoutMs: 5_000, maxRetries: 0 });
    const api = new HttpHnApi({ baseUrl, client, cap: new RateCap({ perSecond: 100_000, clock }) });
    const state = new ScrapeStateRepository({ connections: poolConnectionSource(pool), pool: pgPoolState(pool) });
    const items = new ItemWriter({ connections: poolConnectionSource(pool), table: HN_ITEMS, source: 'hn' });
    const writer = new DurableWriter<ItemBatch<HnItem>>({
      write: (batch) => items.write(batch),
      rowsOf: (batch) => batch.items.length,
      clock,
      log,
      metrics,
      backoffMs: () => 100,
      shutdownGraceMs: 1_000,
    });
    const stories = new HnStoryResolver();
    walk = new HnIdWalk({
      source: 'hn',
      api,
      state,
      writer,
      stories,
      clock,
      log,
      metrics,
      start: { kind: 'id', id: fake.firstId },
      concurrency: 8,
      batchSize: 100,
      nullRetryMs: 1_000,
      absentRecheckMs: HOUR,
      pollIntervalMs: 30_000,
    });
    newRefresher = (refreshLog) =>
      new HnEngagementRefresher({
        source: 'hn',
        api,
        state,
        writer,
        stories,
        clock,
        log: refreshLog,
        metrics,
        maxAgeMs: 48 * HOUR,
        concurrency: 8,
        batchSize: 100,
        pollIntervalMs: 30_000,
      });
    // the walk stores the two hours (the newest ids may still answer null: they wait for the next walk)
    for (let round = 0; round < 20 && (await walk.poll(signal)) === 0; round += 1);
  });

  afterAll(async () => {
    await pool?.end();
    await fake?.stop();
    await database?.drop();
  });

  let refresher: HnEngagementRefresher;

  it('re-reads a story whose score moved: a new hn_item_metrics row, and hn_items updated', async () => {
    refresher = newRefresher(new MemoryLog());
    // the first round reads every story older than its first interval; the walk stored them a moment ago
    await refresher.poll(signal);
    const before = await rows(`type = 'story'`);
    expect(before.size).toBeGreaterThan(5);

    await clock.advance(20 * MIN);
    const moved = [...before.values()].filter((r) => fake.item(r.id)!.score !== r.score);
    expect(moved.length).toBeGreaterThan(0);
    const story = moved[0]!;
    const observationsBefore = await metricsOf(story.id);

    // the same refresher: twenty minutes after its first check every story is due again
    await refresher.poll(signal);

    const truth = fake.item(story.id)!;
    const after = (await rows('id = $1', [story.id])).get(story.id)!;
    expect(after).toMatchObject({ score: truth.score, descendants: truth.descendants, deleted: false, updated_at: new Date(T0 + 20 * MIN) });
    const observations = await metricsOf(story.id);
    expect(observations).toHaveLength(observationsBefore.length + 1);
    expect(observations.at(-1)).toEqual({ observed_at: new Date(T0 + 20 * MIN), score: truth.score, descendants: truth.descendants });

    // every story read again has an observation exactly when its numbers changed
    const stored = await rows(`type = 'story'`);
    for (const [id, row] of before) {
      const changed = stored.get(id)!.score !== row.score || stored.get(id)!.descendants !== row.descendants;
      const latest = (await metricsOf(id)).at(-1)!;
      expect({ id, newObservation: latest.observed_at.getTime() === T0 + 20 * MIN }).toEqual({ id, newObservation: changed });
    }
  });

  it('writes no observation and rewrites no row when a refresh finds nothing changed', async () => {
    const countBefore = await metricRows();
    const storedBefore = await rows();
    // a refresher that has checked nothing yet reads every recent story again, at the same instant
    const log = new MemoryLog();
    await newRefresher(log).poll(signal);
    const complete = log.lines.find((l) => l.message === 'poll complete')!.fields;
    expect(complete['fetched']).toBeGreaterThan(5);
    expect(complete).toMatchObject({ stream: 'engagement', inserted: 0, updated: 0, rejected: 0 });
    expect(await metricRows()).toBe(countBefore);
    const storedAfter = await rows();
    for (const [id, row] of storedBefore) expect(storedAfter.get(id)!.updated_at).toEqual(row.updated_at);
  });

  it('redacts a stored comment whose deletion /v0/updates.json lists', async () => {
    const comments = await rows(`type = 'comment' and body is not null and author is not null`);
    const comment = [...comments.values()][0]!;
    fake.deleteItem(comment.id);
    expect(fake.item(comment.id)!.deleted).toBe(true);
    await clock.advance(10_000);
    await refresher.poll(signal);
    const after = (await rows('id = $1', [comment.id])).get(comment.id)!;
    expect(after).toMatchObject({ type: 'comment', author: null, body: null, deleted: true, updated_at: new Date(T0 + 20 * MIN + 10_000) });
  });
});
