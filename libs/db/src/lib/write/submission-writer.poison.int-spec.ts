import type { Submission } from '@sentiment-ingest/models';
import { makeSubmission } from '../../testing';
import { useWriterDatabase } from '../../testing/writer-database';

// Rows that bypass normalisation (another source's bug, a future column type) must still never
// block the rows beside them: the writer isolates what PostgreSQL refuses and stores the rest.

const db = useWriterDatabase();

const observedAt = new Date('2026-11-29T09:00:00Z');
const later = new Date('2026-11-29T10:00:00Z');
const good = Array.from({ length: 100 }, (_, i) => makeSubmission(i));

async function storedIds(): Promise<string[]> {
  const { rows } = await db.pool.query<{ id: string }>('select id from raw_submissions order by id');
  return rows.map((r) => r.id);
}

async function quarantined(): Promise<{ item_id: string; stage: string; sql_state: string | null; times_seen: number }[]> {
  const { rows } = await db.pool.query('select item_id, stage, sql_state, times_seen from rejected_items order by item_id');
  return rows;
}

const idsOf = (submissions: readonly Submission[]) => submissions.map((s) => s.id).sort();

/** Random text: a btree entry of it cannot be compressed below the ~2.7 KB index row limit. */
const incompressible = (length: number) => Array.from({ length }, (_, i) => String.fromCharCode(0x4e00 + ((i * 7919) % 20_000))).join('');

describe('SubmissionWriter with rows PostgreSQL refuses', () => {
  it('stores the good rows of a batch with an out-of-range score, and quarantines the bad one with its SQLSTATE', async () => {
    const bad = makeSubmission(1_000, { score: 1e10 });
    const result = await db.writer.write({ submissions: [...good.slice(0, 50), bad, ...good.slice(50)], observedAt });
    expect(result).toMatchObject({ inserted: 100, unchanged: 0, observations: 0 });
    expect(result.rejected).toEqual([expect.objectContaining({ itemId: bad.id, stage: 'write', sqlState: '22003' })]);
    expect(await storedIds()).toEqual(idsOf(good));
    expect(await quarantined()).toEqual([{ item_id: bad.id, stage: 'write', sql_state: '22003', times_seen: 1 }]);
  });

  it('isolates several bad rows of different kinds in one batch', async () => {
    const bad = [
      makeSubmission(1_001, { numComments: -3e9 }),
      makeSubmission(1_002, { subreddit: incompressible(3_000) }), // index row too large: 54000
      makeSubmission(1_003, { score: 2 ** 40 }),
    ];
    const mixed = [bad[0]!, ...good.slice(0, 40), bad[1]!, ...good.slice(40, 90), bad[2]!, ...good.slice(90)];
    const result = await db.writer.write({ submissions: mixed, observedAt });
    expect(result.inserted).toBe(100);
    expect(result.rejected.map((r) => [r.itemId, r.sqlState]).sort()).toEqual([
      [bad[0]!.id, '22003'],
      [bad[1]!.id, '54000'],
      [bad[2]!.id, '22003'],
    ]);
    expect(await storedIds()).toEqual(idsOf(good));
  });

  it('sets aside a row whose value cannot be encoded (NaN) without asking the database', async () => {
    const bad = makeSubmission(1_004, { score: Number.NaN });
    const result = await db.writer.write({ submissions: [...good.slice(0, 10), bad], observedAt });
    expect(result.inserted).toBe(10);
    expect(result.rejected).toEqual([expect.objectContaining({ itemId: bad.id, sqlState: null, reason: expect.stringMatching(/cannot store the number NaN/) })]);
  });

  it('derives the checkpoint only from stored rows: a refused newest row does not move it', async () => {
    const newestGood = good.at(-1)!;
    const refusedNewest = makeSubmission(2_000, { score: 1e12, createdUtc: new Date(newestGood.createdUtc.getTime() + 60_000) });
    await db.writer.write({
      submissions: [...good, refusedNewest],
      observedAt,
      checkpoints: (stored) => {
        const newest = [...stored].sort((a, b) => b.createdUtc.getTime() - a.createdUtc.getTime())[0]!;
        return [{ source: 'reddit', stream: 'new:a', newestCreatedUtc: newest.createdUtc, newestId: newest.id, state: {} }];
      },
    });
    const { rows } = await db.pool.query('select newest_id from scrape_checkpoints');
    expect(rows).toEqual([{ newest_id: newestGood.id }]);
  });

  it('stores text with lone UTF-16 surrogates (which jsonb refuses) with U+FFFD, in the columns and in raw', async () => {
    const lone = makeSubmission(3, { title: '\ud83d' });
    const result = await db.writer.write({ submissions: [lone, good[4]!], observedAt });
    expect(result).toMatchObject({ inserted: 2, rejected: [] });
    const { rows } = await db.pool.query(`select title, raw->>'title' as raw_title from raw_submissions where id = $1`, [lone.id]);
    expect(rows).toEqual([{ title: '\ufffd', raw_title: '\ufffd' }]);
  });

  it('quarantines items refused before the write in the same transaction, one row per item however often it is seen', async () => {
    const rejected = [
      { source: 'reddit', stream: 'new:a', itemKind: 'submission', itemId: 'zzz1', stage: 'normalize' as const, reason: 'created_utc is in the future', sqlState: null, payload: { id: 'zzz1', created_utc: 4e9 } },
    ];
    await db.writer.write({ submissions: good.slice(0, 5), observedAt, rejected });
    await db.writer.write({ submissions: good.slice(0, 5), observedAt: later, rejected });
    const { rows } = await db.pool.query('select item_id, stage, reason, times_seen, first_seen_at, last_seen_at, payload from rejected_items');
    expect(rows).toEqual([
      {
        item_id: 'zzz1',
        stage: 'normalize',
        reason: 'created_utc is in the future',
        times_seen: 2,
        first_seen_at: observedAt,
        last_seen_at: later,
        payload: '{"id":"zzz1","created_utc":4000000000}',
      },
    ]);
  });
});

describe('SubmissionWriter keys items by id alone', () => {
  it('keeps one row per id when a later payload claims another created_utc, under the first time stored', async () => {
    const original = makeSubmission(7);
    await db.writer.write({ submissions: [original], observedAt });
    const moved = makeSubmission(7, { createdUtc: new Date('2026-11-20T00:00:00Z'), score: original.score! + 5 });
    const result = await db.writer.write({ submissions: [moved], observedAt: later });
    expect(result).toMatchObject({ inserted: 0, updated: 1 });
    const { rows } = await db.pool.query('select id, created_utc, score from raw_submissions');
    expect(rows).toEqual([{ id: original.id, created_utc: original.createdUtc, score: original.score! + 5 }]);
    const { rows: metrics } = await db.pool.query('select submission_created_utc from submission_engagement order by observed_at');
    expect(metrics).toEqual([{ submission_created_utc: original.createdUtc }, { submission_created_utc: original.createdUtc }]);
  });

  it('keeps one row for two payloads of one id with different times in the same batch', async () => {
    const a = makeSubmission(8, { score: 1 });
    const b = makeSubmission(8, { score: 2, createdUtc: new Date(a.createdUtc.getTime() + 3_600_000) });
    await db.writer.write({ submissions: [a, b], observedAt });
    const { rows } = await db.pool.query('select count(*)::int as n from raw_submissions');
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('gives two concurrent writers of one new id with different times one row', async () => {
    const a = makeSubmission(9);
    const b = makeSubmission(9, { createdUtc: new Date(a.createdUtc.getTime() + 86_400_000) });
    await Promise.all([db.writer.write({ submissions: [a], observedAt }), db.writer.write({ submissions: [b], observedAt })]);
    const { rows } = await db.pool.query('select count(*)::int as n from raw_submissions');
    expect(rows).toEqual([{ n: 1 }]);
  });
});
