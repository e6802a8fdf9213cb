import type { Submission } from '@sentiment-ingest/models';
import { makeRedditComment, makeSubmission } from '../../testing';
import { useWriterDatabase } from '../../testing/writer-database';
import { REDDIT_COMMENTS } from '../sources/reddit-comments';
import { poolConnectionSource } from '../write/connection-sources';
import { ItemWriter } from './item-writer';

const db = useWriterDatabase();
const at = (iso: string) => new Date(iso);
const FIRST = at('2026-11-30T12:00:00Z');
const LATER = at('2026-11-30T13:00:00Z');

/** Row versions: a rewritten row gets a new xmin/ctid even when its values are equal. */
async function rowVersions(): Promise<string[]> {
  const { rows } = await db.pool.query<{ v: string }>(`select id || ':' || xmin || ':' || ctid as v from raw_submissions order by id`);
  return rows.map((r) => r.v);
}

async function stored(submission: Submission) {
  const { rows } = await db.pool.query(
    `select score, num_comments, locked, selftext, author, edited_at, updated_at, raw->>'score' as raw_score from raw_submissions where id = $1`,
    [submission.id],
  );
  return rows[0];
}

async function storeFirst(submissions: Submission[]): Promise<void> {
  await db.writer.write({ submissions, observedAt: FIRST });
}

describe('re-observation of stored submissions (knownStored): only what can change is sent', () => {
  it('leaves unchanged rows untouched: no row version, no observation, counted unchanged', async () => {
    const submissions = [1, 2, 3].map((i) => makeSubmission(i));
    await storeFirst(submissions);
    const before = await rowVersions();
    const result = await db.writer.write({ submissions, observedAt: LATER, knownStored: true });
    expect(result).toMatchObject({ inserted: 0, updated: 0, unchanged: 3, observations: 0, rejected: [] });
    expect(await rowVersions()).toEqual(before);
    expect(await db.count('submission_metrics')).toBe(0);
    expect(await db.count('submission_engagement')).toBe(3);
  });

  it('updates changed engagement in place and records the observation it supersedes; the stored payload stays that of the last whole write', async () => {
    const original = makeSubmission(1, { score: 10, numComments: 2 });
    await storeFirst([original, makeSubmission(2)]);
    const refreshed = makeSubmission(1, { score: 25, numComments: 7, locked: true });
    const result = await db.writer.write({ submissions: [refreshed, makeSubmission(2)], observedAt: LATER, knownStored: true });
    expect(result).toMatchObject({ inserted: 0, updated: 1, unchanged: 1, observations: 1 });
    expect(await stored(original)).toMatchObject({ score: 25, num_comments: 7, locked: true, updated_at: LATER, raw_score: '10' });
    const { rows: superseded } = await db.pool.query(`select observed_at, score from submission_metrics`);
    expect(superseded).toEqual([{ observed_at: FIRST, score: 10 }]);
    const { rows } = await db.pool.query(`select observed_at, score, num_comments, subreddit from submission_engagement where submission_id = $1 order by observed_at`, [original.id]);
    expect(rows).toEqual([
      { observed_at: FIRST, score: 10, num_comments: 2, subreddit: original.subreddit },
      { observed_at: LATER, score: 25, num_comments: 7, subreddit: original.subreddit },
    ]);
  });

  it('rewrites the whole row when a marker changed (an edit), so the new body is stored', async () => {
    const original = makeSubmission(1);
    await storeFirst([original]);
    const edited = makeSubmission(1, { selftext: 'edited body', editedAt: at('2026-11-30T12:30:00Z'), score: (original.score ?? 0) + 1 });
    const result = await db.writer.write({ submissions: [edited], observedAt: LATER, knownStored: true });
    expect(result).toMatchObject({ inserted: 0, updated: 1, observations: 1 });
    expect(await stored(original)).toMatchObject({ selftext: 'edited body', edited_at: at('2026-11-30T12:30:00Z'), raw_score: String((original.score ?? 0) + 1) });
  });

  it('rewrites a deleted post whole: its author and body change together', async () => {
    const original = makeSubmission(1);
    await storeFirst([original]);
    const deleted = makeSubmission(1, { author: '[deleted]', authorFullname: null, selftext: '[deleted]' });
    expect(await db.writer.write({ submissions: [deleted], observedAt: LATER, knownStored: true })).toMatchObject({ updated: 1 });
    expect(await stored(original)).toMatchObject({ author: '[deleted]', selftext: '[deleted]' });
  });

  it('stores an item that was not stored after all (a wrong guess costs time, never data)', async () => {
    await storeFirst([makeSubmission(1)]);
    const result = await db.writer.write({ submissions: [makeSubmission(1), makeSubmission(2, { score: 4 })], observedAt: LATER, knownStored: true });
    expect(result).toMatchObject({ inserted: 1, updated: 0, unchanged: 1, observations: 0 });
    expect(await stored(makeSubmission(2))).toMatchObject({ score: 4, updated_at: LATER });
    expect(await db.count('submission_keys')).toBe(2);
  });

  it('keeps values observed later than the re-observation (precedence)', async () => {
    await db.writer.write({ submissions: [makeSubmission(1, { score: 50 })], observedAt: LATER });
    const older = await db.writer.write({ submissions: [makeSubmission(1, { score: 3, editedAt: FIRST })], observedAt: FIRST, knownStored: true });
    expect(older).toMatchObject({ updated: 0, unchanged: 1, observations: 0 });
    expect(await stored(makeSubmission(1))).toMatchObject({ score: 50, edited_at: null, updated_at: LATER });
  });

  it('writes whole the items a knownStored function declines, in the same batch (an edit Reddit does not mark)', async () => {
    const young = makeSubmission(1);
    const old = makeSubmission(2, { score: 1 });
    await storeFirst([young, old]);
    const result = await db.writer.write({
      submissions: [makeSubmission(1, { selftext: 'unmarked edit' }), makeSubmission(2, { score: 2 })],
      observedAt: LATER,
      knownStored: (s) => s.id === old.id,
    });
    expect(result).toMatchObject({ inserted: 0, updated: 2, observations: 2 });
    expect(await stored(young)).toMatchObject({ selftext: 'unmarked edit' });
    expect(await stored(old)).toMatchObject({ score: 2 });
  });

  it('still sets aside a row PostgreSQL refuses and stores the rest', async () => {
    await storeFirst([makeSubmission(1), makeSubmission(2)]);
    const bad = makeSubmission(1, { score: 2 ** 40 }); // out of int range
    const result = await db.writer.write({ submissions: [bad, makeSubmission(2, { score: 9 })], observedAt: LATER, knownStored: true });
    expect(result.rejected.map((r) => r.itemId)).toEqual([bad.id]);
    expect(result).toMatchObject({ updated: 1 });
    expect(await stored(makeSubmission(2))).toMatchObject({ score: 9 });
  });
});

describe('re-observation of stored comments', () => {
  it('updates a changed score in place, skips an unknown one, and rewrites an edited body', async () => {
    const writer = new ItemWriter({ connections: poolConnectionSource(db.pool), table: REDDIT_COMMENTS, source: 'reddit' });
    const [a, b, c] = [1, 2, 3].map((i) => makeRedditComment(i, { score: 5 }));
    await writer.write({ items: [a!, b!, c!], observedAt: FIRST });
    const result = await writer.write({
      items: [
        { ...a!, score: 8 },
        { ...b!, score: null },
        { ...c!, body: 'edited', editedAt: at('2026-11-30T12:10:00Z') },
      ],
      observedAt: LATER,
      knownStored: true,
    });
    // each change moves the score it supersedes (5, seen FIRST) to comment_metrics
    expect(result).toMatchObject({ inserted: 0, updated: 3, observations: 3 });
    const { rows } = await db.pool.query(`select id, score, body from raw_comments order by id`);
    expect(rows).toEqual([
      { id: a!.id, score: 8, body: a!.body },
      { id: b!.id, score: null, body: b!.body },
      { id: c!.id, score: 5, body: 'edited' },
    ]);
    // the whole series: an unknown score is no observation
    const { rows: series } = await db.pool.query(`select comment_id, observed_at, score from comment_engagement order by comment_id, observed_at`);
    expect(series).toEqual([
      { comment_id: a!.id, observed_at: FIRST, score: 5 },
      { comment_id: a!.id, observed_at: LATER, score: 8 },
      { comment_id: b!.id, observed_at: FIRST, score: 5 },
      { comment_id: c!.id, observed_at: FIRST, score: 5 },
      { comment_id: c!.id, observed_at: LATER, score: 5 },
    ]);
  });
});
