import { Pool } from 'pg';
import { EDITION_LICENSE, makeSubmission, testEditions } from '../../testing';
import { useWriterDatabase } from '../../testing/writer-database';
import { WriteFailedError } from '../errors';
import { applyCompression } from '../maintenance/compression';
import { SubmissionWriter } from './submission-writer';
import { poolConnectionSource } from './connection-sources';

const db = useWriterDatabase();

const observedAt = new Date('2026-11-29T09:00:00Z');
const later = new Date('2026-11-29T10:00:00Z');
const batch = Array.from({ length: 250 }, (_, i) => makeSubmission(i));

/** Row versions: a row rewritten by an UPDATE gets a new xmin/ctid even when values are equal. */
async function rowVersions(): Promise<string[]> {
  const { rows } = await db.pool.query<{ v: string }>(`select id || ':' || xmin || ':' || ctid as v from raw_submissions order by id`);
  return rows.map((r) => r.v);
}

describe('SubmissionWriter', () => {
  it('inserts new submissions, each its own first engagement observation (no observation row)', async () => {
    const result = await db.writer.write({ submissions: batch, observedAt });
    expect(result).toEqual({ inserted: 250, updated: 0, unchanged: 0, observations: 0, rejected: [] });
    expect(await db.count('raw_submissions')).toBe(250);
    expect(await db.count('submission_metrics')).toBe(0);
    expect(await db.count('submission_engagement')).toBe(250);
  });

  it('stores the fields as given, including text that needs escaping', async () => {
    const tricky = makeSubmission(1, { title: 'tab\there, newline\nthere, back\\slash, nul\u0000gone', linkFlairText: null });
    await db.writer.write({ submissions: [tricky], observedAt });
    const { rows } = await db.pool.query(
      `select title, link_flair_text, created_utc, first_seen_at, raw->>'name' as name from raw_submissions`,
    );
    expect(rows[0]).toEqual({
      title: 'tab\there, newline\nthere, back\\slash, nulgone',
      link_flair_text: null,
      created_utc: tricky.createdUtc,
      first_seen_at: observedAt,
      name: `t3_${tricky.id}`,
    });
  });

  it('writing the same batch twice leaves the same rows and rewrites none, nor their registered keys', async () => {
    await db.writer.write({ submissions: batch, observedAt });
    const before = await rowVersions();
    const keyVersions = `select id || ':' || xmin || ':' || ctid as v from submission_keys order by id`;
    const keysBefore = (await db.pool.query(keyVersions)).rows;
    const again = await db.writer.write({ submissions: batch, observedAt: later });
    expect(again).toEqual({ inserted: 0, updated: 0, unchanged: 250, observations: 0, rejected: [] });
    expect(await rowVersions()).toEqual(before);
    expect((await db.pool.query(keyVersions)).rows).toEqual(keysBefore);
    expect(await db.count('submission_engagement')).toBe(250);
  });

  it('updates a changed score in place and records the observation it supersedes', async () => {
    await db.writer.write({ submissions: batch, observedAt });
    const changed = batch.map((s, i) => (i === 7 ? makeSubmission(7, { score: s.score! + 40, numComments: 3 }) : s));
    const result = await db.writer.write({ submissions: changed, observedAt: later });
    expect(result).toEqual({ inserted: 0, updated: 1, unchanged: 249, observations: 1, rejected: [] });
    const { rows } = await db.pool.query(
      `select score, num_comments, first_seen_at, updated_at from raw_submissions where id = $1`,
      [batch[7]!.id],
    );
    expect(rows[0]).toEqual({ score: batch[7]!.score! + 40, num_comments: 3, first_seen_at: observedAt, updated_at: later });
    const { rows: series } = await db.pool.query(
      `select observed_at, score from submission_engagement where submission_id = $1 order by observed_at`,
      [batch[7]!.id],
    );
    expect(series).toEqual([
      { observed_at: observedAt, score: batch[7]!.score },
      { observed_at: later, score: batch[7]!.score! + 40 },
    ]);
  });

  it('stores rows in chunks that leave room for HOT engagement updates (fillfactor 80)', async () => {
    await db.writer.write({ submissions: batch.slice(0, 3), observedAt });
    const { rows } = await db.pool.query<{ options: string[] | null }>(
      `select c.reloptions as options from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = 'raw_submissions'::regclass`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.options).toContain('fillfactor=80');
  });

  it('records edits and removals', async () => {
    await db.writer.write({ submissions: [makeSubmission(3)], observedAt });
    const editedAt = new Date('2026-11-29T09:30:00Z');
    await db.writer.write({
      submissions: [makeSubmission(3, { selftext: 'edited body', editedAt, removedByCategory: 'moderator' })],
      observedAt: later,
    });
    const { rows } = await db.pool.query(`select selftext, edited_at, removed_by_category from raw_submissions`);
    expect(rows[0]).toEqual({ selftext: 'edited body', edited_at: editedAt, removed_by_category: 'moderator' });
  });

  it('keeps the last of duplicate submissions within one batch', async () => {
    const result = await db.writer.write({
      submissions: [makeSubmission(5, { score: 1 }), makeSubmission(5, { score: 2 })],
      observedAt,
    });
    expect(result.inserted).toBe(1);
    const { rows } = await db.pool.query(`select score from raw_submissions`);
    expect(rows).toEqual([{ score: 2 }]);
  });

  it('moves the checkpoint and records gaps in the same transaction as the rows', async () => {
    const newest = batch.at(-1)!;
    await db.writer.write({
      submissions: batch,
      observedAt,
      checkpoints: [{ source: 'reddit', stream: 'new:a+b', newestCreatedUtc: newest.createdUtc, newestId: newest.id, state: { after: null } }],
      gaps: [{ source: 'reddit', stream: 'new:a+b', gapStart: observedAt, gapEnd: later, reason: 'listing end reached' }],
    });
    const { rows } = await db.pool.query(`select newest_id, newest_created_utc, state from scrape_checkpoints`);
    expect(rows).toEqual([{ newest_id: newest.id, newest_created_utc: newest.createdUtc, state: { after: null } }]);
    expect(await db.count('scrape_gaps')).toBe(1);
  });

  it('stores nothing of a batch whose checkpoint or gap fails, and says it will not help to retry', async () => {
    const failing = db.writer.write({
      submissions: batch,
      observedAt,
      // a gap that ends before it starts violates scrape_gaps_range_check
      gaps: [{ source: 'reddit', stream: 's', gapStart: later, gapEnd: observedAt, reason: 'x' }],
    });
    await expect(failing).rejects.toBeInstanceOf(WriteFailedError);
    await expect(failing).rejects.toMatchObject({ retryable: false, sqlState: '23514' });
    expect(await db.count('raw_submissions')).toBe(0);
    expect(await db.count('scrape_checkpoints')).toBe(0);
  });

  it('reports a dead database as a retryable write failure', async () => {
    const dead = new Pool({ host: '127.0.0.1', port: 1, user: 'x', password: 'y', connectionTimeoutMillis: 2_000 });
    const deadWriter = new SubmissionWriter({ connections: poolConnectionSource(dead) });
    await expect(deadWriter.write({ submissions: batch, observedAt })).rejects.toMatchObject({
      code: 'WRITE_FAILED',
      retryable: true,
    });
    await dead.end();
  });
});

// Both editions: on the community edition maintenance compresses old chunks, and a late engagement
// update then lands in a compressed chunk; on OSS the same chunk stays uncompressed.
describe.each(testEditions())('SubmissionWriter on the %s edition', (edition) => {
  const onEdition = useWriterDatabase(edition);

  it('upserts into an old chunk that maintenance compressed (community) or left as is (OSS): the row is updated, nothing lost', async () => {
    const old = Array.from({ length: 20 }, (_, i) => makeSubmission(i));
    await onEdition.writer.write({ submissions: old, observedAt });
    const client = await onEdition.pool.connect();
    try {
      const outcome = await applyCompression(client, { table: 'raw_submissions', days: 1, license: EDITION_LICENSE[edition] });
      expect(outcome.mode).toBe(edition === 'community' ? 'policy' : 'unavailable');
    } finally {
      client.release();
    }
    const compressed = `select count(*) filter (where is_compressed)::int as compressed, count(*)::int as chunks
                          from timescaledb_information.chunks where hypertable_name = 'raw_submissions'`;
    if (edition === 'community') {
      // the servers run without background workers: run the policy's job as its scheduler would
      const { rows: jobs } = await onEdition.pool.query<{ id: number }>(
        `select job_id as id from timescaledb_information.jobs where proc_name = 'policy_compression' and hypertable_name = 'raw_submissions'`,
      );
      expect(jobs).toHaveLength(1);
      await onEdition.pool.query('call run_job($1)', [jobs[0]!.id]);
      const { rows } = await onEdition.pool.query<{ compressed: number; chunks: number }>(compressed);
      expect(rows[0]!.compressed).toBe(rows[0]!.chunks);
      expect(rows[0]!.chunks).toBeGreaterThan(0);
    } else {
      expect((await onEdition.pool.query<{ compressed: number }>(compressed)).rows[0]!.compressed).toBe(0);
    }
    const changed = old.map((s, i) => (i === 3 ? makeSubmission(3, { score: s.score! + 40, numComments: 9 }) : s));
    const result = await onEdition.writer.write({ submissions: changed, observedAt: later });
    expect(result).toEqual({ inserted: 0, updated: 1, unchanged: 19, observations: 1, rejected: [] });
    const { rows } = await onEdition.pool.query<{ id: string; score: number; num_comments: number }>(
      `select id, score, num_comments from raw_submissions order by id`,
    );
    expect(rows).toHaveLength(20);
    expect(rows.find((r) => r.id === old[3]!.id)).toEqual({ id: old[3]!.id, score: old[3]!.score! + 40, num_comments: 9 });
    expect(rows.filter((r) => r.id !== old[3]!.id)).toEqual(
      old.filter((_, i) => i !== 3).map((s) => ({ id: s.id, score: s.score, num_comments: s.numComments })).sort((a, b) => a.id.localeCompare(b.id)),
    );
    // 20 rows hold their current observation; the changed one's previous went to submission_metrics
    expect(await onEdition.count('submission_metrics')).toBe(1);
    expect(await onEdition.count('submission_engagement')).toBe(21);
  });
});
