import type { Submission } from '@sentiment-ingest/models';
import { makeSubmission } from '../../testing';
import { useWriterDatabase } from '../../testing/writer-database';
import { REDDIT_MINOR_CHANGES_AFTER_MS } from '../sources/reddit-submissions';

const db = useWriterDatabase();
const T0 = Date.UTC(2026, 10, 30, 12);
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

async function versionOf(submission: Submission): Promise<string> {
  const { rows } = await db.pool.query<{ v: string }>(`select xmin || ':' || ctid as v from raw_submissions where id = $1`, [submission.id]);
  return rows[0]!.v;
}

async function series(submission: Submission): Promise<{ observed_at: Date; score: number | null }[]> {
  const { rows } = await db.pool.query(`select observed_at, score from submission_engagement where submission_id = $1 order by observed_at`, [submission.id]);
  return rows;
}

async function storedScore(submission: Submission): Promise<number | null> {
  const { rows } = await db.pool.query<{ score: number | null }>(`select score from raw_submissions where id = $1`, [submission.id]);
  return rows[0]!.score;
}

// Both write paths compare the same way: the staged upsert (a whole re-ingest) and a re-observation.
describe.each([
  ['a whole re-ingest', false],
  ['a re-observation (knownStored)', true],
])('change thresholds of Reddit scores, through %s', (_, knownStored) => {
  const write = (submissions: Submission[], observedAt: Date) => db.writer.write({ submissions, observedAt, knownStored });

  it('records neither the row nor an observation for a fuzz-sized score change', async () => {
    const post = makeSubmission(1, { score: 200 });
    await write([post], at(0));
    const before = await versionOf(post);
    // 5 % of 200 is 10: a change of 9 is below the threshold
    const result = await write([{ ...post, score: 209, upvoteRatio: (post.upvoteRatio ?? 0) + 0.01 }], at(5));
    expect(result).toMatchObject({ updated: 0, unchanged: 1, observations: 0 });
    expect(await versionOf(post)).toBe(before);
    expect(await series(post)).toEqual([{ observed_at: at(0), score: 200 }]);
  });

  it('records a change at the threshold, and a comment-count change of one', async () => {
    const post = makeSubmission(1, { score: 200, numComments: 3 });
    const other = makeSubmission(2, { score: 200, numComments: 3 });
    await write([post, other], at(0));
    const result = await write([{ ...post, score: 210 }, { ...other, numComments: 4 }], at(5));
    expect(result).toMatchObject({ updated: 2, observations: 2 });
    expect(await series(post)).toEqual([{ observed_at: at(0), score: 200 }, { observed_at: at(5), score: 210 }]);
  });

  it('lets small changes accumulate against the stored score until they pass the threshold (a slow drift is kept)', async () => {
    const post = makeSubmission(1, { score: 40 });
    await write([post], at(0));
    await write([{ ...post, score: 41 }], at(5));
    await write([{ ...post, score: 42 }], at(10));
    expect(await series(post)).toEqual([{ observed_at: at(0), score: 40 }, { observed_at: at(10), score: 42 }]);
  });

  it('records any change once the stored values are older than minorChangesAfterMs', async () => {
    const post = makeSubmission(1, { score: 500 });
    await write([post], at(0));
    const hour = REDDIT_MINOR_CHANGES_AFTER_MS / 60_000;
    await write([{ ...post, score: 501 }], at(hour - 1));
    await write([{ ...post, score: 501 }], at(hour));
    expect(await series(post)).toEqual([{ observed_at: at(0), score: 500 }, { observed_at: at(hour), score: 501 }]);
    expect(await storedScore(post)).toBe(501);
  });

  it('records a score that becomes known or unknown, whatever its size', async () => {
    const post = makeSubmission(1, { score: null });
    await write([post], at(0));
    await write([{ ...post, score: 1 }], at(5));
    expect(await storedScore(post)).toBe(1);
  });
});
