import { makeSubmission } from '../../testing';
import { useWriterDatabase } from '../../testing/writer-database';
import { REDDIT_SUBMISSIONS } from '../sources/reddit-submissions';
import { poolConnectionSource } from '../write/connection-sources';
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
    expect(await db.count('submission_metrics')).toBe(1);
  });

  it('applies a later observation', async () => {
    await db.writer.write({ submissions: [makeSubmission(2, { score: 5 })], observedAt: at('2026-11-30T12:00:00Z') });
    const result = await db.writer.write({ submissions: [makeSubmission(2, { score: 9 })], observedAt: at('2026-11-30T13:00:00Z') });
    expect(result).toMatchObject({ updated: 1, observations: 1 });
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
    expect(first).toMatchObject({ inserted: 2, observations: 2 });
    expect(first.rejected).toEqual([expect.objectContaining({ source: 'hn', itemKind: 'story', itemId: '3', sqlState: '22003', stream: 'items' })]);
    const again = await writer.write({ items: [story(1, 10), story(2, 25, new Date('2026-11-30T11:00:00Z'))], observedAt: (s) => s.retrievedAt });
    expect(again).toMatchObject({ inserted: 0, updated: 1, unchanged: 1, observations: 1 });
    const { rows } = await db.pool.query('select id::int, points from test_stories order by id');
    expect(rows).toEqual([{ id: 1, points: 10 }, { id: 2, points: 25 }]);
    const { rows: points } = await db.pool.query('select story_id::int, points from test_story_points order by story_id, observed_at');
    expect(points).toEqual([{ story_id: 1, points: 10 }, { story_id: 2, points: 20 }, { story_id: 2, points: 25 }]);
    const { rows: quarantined } = await db.pool.query(`select source, item_kind, item_id from rejected_items`);
    expect(quarantined).toEqual([{ source: 'hn', item_kind: 'story', item_id: '3' }]);
  });
});
