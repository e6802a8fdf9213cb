import { describe, expect, it } from '@jest/globals';
import { makeHnComment, makeHnItem, makeRedditComment, makeSubmission } from '../../testing';
import { useWriterDatabase } from '../../testing/writer-database';
import { HN_ITEMS } from '../sources/hn-items';
import { REDDIT_COMMENTS } from '../sources/reddit-comments';
import { poolConnectionSource } from '../write/connection-sources';
import { ItemWriter } from './item-writer';

const db = useWriterDatabase();
const at = (iso: string) => new Date(iso);
const FIRST = at('2026-11-30T12:00:00Z');
const SECOND = at('2026-11-30T13:00:00Z');
const THIRD = at('2026-11-30T14:00:00Z');

async function series(id: string): Promise<{ observed_at: Date; score: number | null; num_comments: number }[]> {
  const { rows } = await db.pool.query('select observed_at, score, num_comments from submission_engagement where submission_id = $1 order by observed_at', [id]);
  return rows;
}

describe("engagement views: the observation table plus each row's current observation", () => {
  it('gives every observation of an item once, in order, across inserts and changes', async () => {
    const post = makeSubmission(1, { score: 10, numComments: 1 });
    await db.writer.write({ submissions: [post], observedAt: FIRST });
    expect(await series(post.id)).toEqual([{ observed_at: FIRST, score: 10, num_comments: 1 }]);
    await db.writer.write({ submissions: [makeSubmission(1, { score: 30, numComments: 1 })], observedAt: SECOND, knownStored: true });
    await db.writer.write({ submissions: [makeSubmission(1, { score: 30, numComments: 4 })], observedAt: THIRD });
    expect(await series(post.id)).toEqual([
      { observed_at: FIRST, score: 10, num_comments: 1 },
      { observed_at: SECOND, score: 30, num_comments: 1 },
      { observed_at: THIRD, score: 30, num_comments: 4 },
    ]);
    // the table holds the two superseded observations; the row holds the third
    expect(await db.count('submission_metrics')).toBe(2);
  });

  it('shows once a current observation that rows written before the views repeat in the observation table', async () => {
    const post = makeSubmission(2, { score: 5, numComments: 0 });
    await db.writer.write({ submissions: [post], observedAt: FIRST });
    // the write path before Migration20261130164500_engagement_views also appended the first observation
    await db.pool.query(
      `insert into submission_metrics (submission_id, observed_at, submission_created_utc, subreddit, score, num_comments, upvote_ratio)
       select id, updated_at, created_utc, subreddit, score, num_comments, upvote_ratio from raw_submissions`,
    );
    expect(await series(post.id)).toEqual([{ observed_at: FIRST, score: 5, num_comments: 0 }]);
    // a later change finds its superseded observation stored already and adds nothing twice
    expect(await db.writer.write({ submissions: [makeSubmission(2, { score: 50, numComments: 0 })], observedAt: SECOND })).toMatchObject({ updated: 1, observations: 0 });
    expect(await series(post.id)).toEqual([
      { observed_at: FIRST, score: 5, num_comments: 0 },
      { observed_at: SECOND, score: 50, num_comments: 0 },
    ]);
  });

  it('leaves out items without engagement, as the write path does: a Hacker News comment, a Reddit comment of unknown score', async () => {
    const hn = new ItemWriter({ connections: poolConnectionSource(db.pool), table: HN_ITEMS, source: 'hn' });
    await hn.write({ items: [makeHnItem(10, { score: 3, descendants: 1 }), makeHnComment(11, 10)], observedAt: FIRST });
    const { rows: hnRows } = await db.pool.query('select item_id::int, observed_at, score, descendants from hn_item_engagement');
    expect(hnRows).toEqual([{ item_id: 10, observed_at: FIRST, score: 3, descendants: 1 }]);

    const comments = new ItemWriter({ connections: poolConnectionSource(db.pool), table: REDDIT_COMMENTS, source: 'reddit' });
    await comments.write({ items: [makeRedditComment(1, { score: 7 }), makeRedditComment(2, { score: null })], observedAt: FIRST });
    const { rows: commentRows } = await db.pool.query('select comment_id, observed_at, score from comment_engagement');
    expect(commentRows).toEqual([{ comment_id: makeRedditComment(1).id, observed_at: FIRST, score: 7 }]);
  });
});
