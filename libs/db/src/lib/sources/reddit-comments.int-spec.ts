import { describe, expect, it } from '@jest/globals';
import { makeHnComment, makeHnItem, makeRedditComment, makeSubmission } from '../../testing';
import { useWriterDatabase } from '../../testing/writer-database';
import { ItemWriter } from '../ingest/item-writer';
import { TEXT_ITEM_COLUMNS } from '../read/text-items';
import { ArchiveImportRepository, archiveProgress, type ArchiveProgressStep } from '../state/archive-imports';
import { poolConnectionSource } from '../write/connection-sources';
import type { Submission } from '@sentiment-ingest/models';
import { HN_ITEMS } from './hn-items';
import { REDDIT_SUBMISSIONS } from './reddit-submissions';
import { REDDIT_COMMENTS } from './reddit-comments';

const db = useWriterDatabase();
/** when the archive dump was retrieved: the observation time of its lines */
const ARCHIVED = new Date('2017-11-05T00:00:00Z');
/** a live scraper's reading, years later */
const LIVE = new Date('2026-11-30T09:00:00Z');
const writer = () => new ItemWriter({ connections: poolConnectionSource(db.pool), table: REDDIT_COMMENTS, source: 'reddit' });
const FILE = { fileKey: 'RC_2017-11.zst:123456:abcd', kind: 'reddit-comments', fileName: 'RC_2017-11.zst', fileSize: 123456 };
const step = (lastLine: number, extra: Partial<ArchiveProgressStep> = {}): ArchiveProgressStep => ({
  ...FILE,
  lastLine,
  bytesRead: lastLine * 100,
  lines: 3,
  matched: 2,
  ...extra,
});

describe('ItemWriter with REDDIT_COMMENTS (raw_comments, comment_keys, comment_metrics)', () => {
  it('stores every column, once however often a comment is written: within a batch, across batches and files', async () => {
    const top = makeRedditComment(1);
    const reply = makeRedditComment(2, { parentId: `t1_${top.id}`, editedAt: new Date('2017-11-02T00:00:00Z'), distinguished: 'moderator', stickied: true });
    const first = await writer().write({ items: [top, reply, top, reply], observedAt: ARCHIVED, stream: 'RC_2017-11' });
    expect(first).toMatchObject({ inserted: 2, updated: 0, unchanged: 0, observations: 0, rejected: [] });
    // the same lines in a second batch and in another file (a later dump, retrieved later, unchanged)
    expect(await writer().write({ items: [reply, top], observedAt: ARCHIVED })).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, observations: 0 });
    const laterDump = new Date('2017-12-05T00:00:00Z');
    expect(await writer().write({ items: [top], observedAt: laterDump })).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });

    const { rows } = await db.pool.query(`select id, created_utc, subreddit, subreddit_id, link_id, parent_id, author, author_fullname, body, score,
        edited_at, removed_by_category, distinguished, stickied, raw, first_seen_at, updated_at from raw_comments order by id`);
    const row = (c: typeof top) => ({
      id: c.id, created_utc: c.createdUtc, subreddit: c.subreddit, subreddit_id: c.subredditId, link_id: c.linkId, parent_id: c.parentId,
      author: c.author, author_fullname: c.authorFullname, body: c.body, score: c.score, edited_at: c.editedAt, removed_by_category: null,
      distinguished: c.distinguished, stickied: c.stickied, raw: c.raw, first_seen_at: ARCHIVED, updated_at: ARCHIVED,
    });
    expect(rows).toEqual([row(top), row(reply)]);
    expect(await db.count('comment_keys')).toBe(2);
    // each comment's one observation is its row's (comment_metrics receives only superseded ones)
    expect(await db.count('comment_metrics')).toBe(0);
    expect((await db.pool.query('select comment_id, observed_at, comment_created_utc, subreddit, score from comment_engagement order by comment_id')).rows).toEqual([
      { comment_id: top.id, observed_at: ARCHIVED, comment_created_utc: top.createdUtc, subreddit: top.subreddit, score: top.score },
      { comment_id: reply.id, observed_at: ARCHIVED, comment_created_utc: reply.createdUtc, subreddit: reply.subreddit, score: reply.score },
    ]);
  });

  it('keeps a comment under its first created_utc when a later payload claims another', async () => {
    const comment = makeRedditComment(3);
    await writer().write({ items: [comment], observedAt: ARCHIVED });
    const moved = makeRedditComment(3, { createdUtc: new Date('2017-11-20T00:00:00Z'), score: 99 });
    expect(await writer().write({ items: [moved], observedAt: LIVE })).toMatchObject({ inserted: 0, updated: 1 });
    expect((await db.pool.query('select created_utc, score from raw_comments')).rows).toEqual([{ created_utc: comment.createdUtc, score: 99 }]);
  });

  it('never lets an archive line overwrite what was observed more recently (precedence by observation time)', async () => {
    const live = makeRedditComment(4, { score: 120, body: '[removed]', removedByCategory: 'moderator' });
    await writer().write({ items: [live], observedAt: LIVE });
    // the dump, read afterwards, saw the comment before its removal, with its score of then
    const archived = makeRedditComment(4, { score: 3 });
    const result = await writer().write({ items: [archived], observedAt: ARCHIVED });
    expect(result).toMatchObject({ inserted: 0, updated: 0, unchanged: 1, observations: 0 });
    const { rows } = await db.pool.query('select score, body, removed_by_category, raw, first_seen_at, updated_at from raw_comments');
    expect(rows).toEqual([{ score: 120, body: '[removed]', removed_by_category: 'moderator', raw: live.raw, first_seen_at: LIVE, updated_at: LIVE }]);
    expect((await db.pool.query('select observed_at, score from comment_engagement')).rows).toEqual([{ observed_at: LIVE, score: 120 }]);
    // and a newer observation still applies
    expect(await writer().write({ items: [makeRedditComment(4, { score: 121 })], observedAt: new Date(LIVE.getTime() + 60_000) })).toMatchObject({ updated: 1, observations: 1 });
  });

  it('stores an unknown score as NULL, never 0, and writes no observation of it', async () => {
    const unknown = makeRedditComment(5, { score: null });
    expect(await writer().write({ items: [unknown], observedAt: ARCHIVED })).toMatchObject({ inserted: 1, observations: 0 });
    expect((await db.pool.query('select score from raw_comments')).rows).toEqual([{ score: null }]);
    expect(await db.count('comment_engagement')).toBe(0);
    // a later reading that knows the score is observed; the unknown one it supersedes is not recorded
    expect(await writer().write({ items: [makeRedditComment(5, { score: 7 })], observedAt: LIVE })).toMatchObject({ updated: 1, observations: 0 });
    expect(await db.count('comment_metrics')).toBe(0);
    expect((await db.pool.query('select observed_at, score from comment_engagement')).rows).toEqual([{ observed_at: LIVE, score: 7 }]);
  });
});

describe('Reddit posts of unknown score (archives of late 2017)', () => {
  it('stores a null post score as NULL, never 0, in raw_submissions and its engagement', async () => {
    // a cast, so this compiles whether Submission.score admits null yet or not
    const post = { ...makeSubmission(9), score: null } as unknown as Submission;
    const posts = new ItemWriter({ connections: poolConnectionSource(db.pool), table: REDDIT_SUBMISSIONS, source: 'reddit' });
    expect(await posts.write({ items: [post], observedAt: ARCHIVED })).toMatchObject({ inserted: 1, rejected: [] });
    expect((await db.pool.query('select score from raw_submissions')).rows).toEqual([{ score: null }]);
    expect((await db.pool.query('select score from submission_engagement')).rows).toEqual([{ score: null }]);
  });
});

describe('archive import progress (archive_imports)', () => {
  const imports = () => new ArchiveImportRepository({ connections: poolConnectionSource(db.pool) });

  it('moves with the batch that stores the rows: positions set, counts added from the write', async () => {
    expect(await imports().progressOf(FILE.fileKey)).toBeNull();
    const started = await imports().start(FILE);
    expect(started).toMatchObject({ ...FILE, lastLine: 0, bytesRead: 0, lines: 0, inserted: 0, finishedAt: null });
    const rejected = [{ source: 'reddit', stream: 'RC_2017-11', itemKind: 'comment', itemId: 'bad', stage: 'normalize' as const, reason: 'no id', sqlState: null, payload: {} }];
    await writer().write({ items: [makeRedditComment(1), makeRedditComment(2)], observedAt: ARCHIVED, rejected, inTransaction: archiveProgress(step(3)) });
    await writer().write({ items: [makeRedditComment(2, { score: 40 }), makeRedditComment(3)], observedAt: new Date('2017-11-06T00:00:00Z'), inTransaction: archiveProgress(step(6)) });
    expect(await imports().progressOf(FILE.fileKey)).toMatchObject({ lastLine: 6, bytesRead: 600, lines: 6, matched: 4, inserted: 3, updated: 1, rejected: 1, finishedAt: null });
    // a known file is not reset when it is started again (a resumed import)
    expect(await imports().start(FILE)).toMatchObject({ lastLine: 6, inserted: 3 });
    await writer().write({ items: [], observedAt: ARCHIVED, inTransaction: archiveProgress(step(7, { lines: 1, matched: 0, finished: true })) });
    const done = await imports().progressOf(FILE.fileKey);
    expect(done).toMatchObject({ lastLine: 7, lines: 7, matched: 4 });
    expect(done?.finishedAt).toBeInstanceOf(Date);
  });

  it('stays where it was when the batch fails: neither the rows nor the progress are committed', async () => {
    await writer().write({ items: [makeRedditComment(1)], observedAt: ARCHIVED, inTransaction: archiveProgress(step(3)) });
    const progress = archiveProgress<ReturnType<typeof makeRedditComment>>(step(6));
    const failing = writer().write({
      items: [makeRedditComment(2), makeRedditComment(3)],
      observedAt: ARCHIVED,
      inTransaction: async (client, outcome) => {
        await progress(client, outcome);
        throw new Error('the importer crashed before the commit');
      },
    });
    await expect(failing).rejects.toThrow(/the importer crashed before the commit/);
    expect(await imports().progressOf(FILE.fileKey)).toMatchObject({ lastLine: 3, lines: 3, inserted: 1 });
    expect(await db.count('raw_comments')).toBe(1);
  });

  it('ignores a step behind the stored position (a batch replayed after a lost commit answer): nothing counted twice', async () => {
    await writer().write({ items: [makeRedditComment(1)], observedAt: ARCHIVED, inTransaction: archiveProgress(step(6)) });
    await writer().write({ items: [makeRedditComment(1)], observedAt: ARCHIVED, inTransaction: archiveProgress(step(3)) });
    expect(await imports().progressOf(FILE.fileKey)).toMatchObject({ lastLine: 6, lines: 3, matched: 2, inserted: 1 });
  });

  it('refuses a negative or fractional position, failing the batch', async () => {
    const bad = writer().write({ items: [makeRedditComment(1)], observedAt: ARCHIVED, inTransaction: archiveProgress(step(-1)) });
    await expect(bad).rejects.toThrow(/lastLine must be a non-negative integer/);
    expect(await db.count('raw_comments')).toBe(0);
  });
});

describe('text_items with Reddit comments', () => {
  it('serves Reddit posts, Reddit comments and Hacker News items in one query, in the one shape', async () => {
    const post = makeSubmission(1);
    await db.writer.write({ submissions: [post], observedAt: LIVE });
    const top = makeRedditComment(1);
    const reply = makeRedditComment(2, { parentId: `t1_${top.id}`, score: null });
    const removed = makeRedditComment(3, { body: '[removed]', removedByCategory: 'moderator' });
    await writer().write({ items: [top, reply, removed], observedAt: LIVE });
    await new ItemWriter({ connections: poolConnectionSource(db.pool), table: HN_ITEMS, source: 'hn' }).write({
      items: [makeHnItem(8863), makeHnComment(8864, 8863)],
      observedAt: LIVE,
    });

    const { rows, fields } = await db.pool.query('select * from text_items order by source, kind, id');
    expect(fields.map((f) => f.name)).toEqual([...TEXT_ITEM_COLUMNS]);
    expect(rows.map((r) => `${r.source}/${r.kind}/${r.id}`)).toEqual([
      'hn/comment/8864',
      'hn/post/8863',
      `reddit/comment/t1_${top.id}`,
      `reddit/comment/t1_${reply.id}`,
      `reddit/comment/t1_${removed.id}`,
      `reddit/post/${post.id}`,
    ]);
    const comment = (c: typeof top, deleted = false) => ({
      source: 'reddit', kind: 'comment', id: `t1_${c.id}`, created_at: c.createdUtc, community: c.subreddit, author: c.author, title: null,
      body: c.body, url: null, score: c.score, parent_id: c.parentId, first_seen_at: LIVE, updated_at: LIVE, deleted,
    });
    expect(rows.slice(2, 5)).toEqual([comment(top), comment(reply), comment(removed, true)]);
    expect(rows[2]).toMatchObject({ parent_id: `t3_${post.id}` });
    expect(rows[3]).toMatchObject({ parent_id: rows[2].id, score: null });
  });
});
