import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { Client } from 'pg';
import type { HnItem } from '@sentiment-ingest/models';
import { makeHnComment, makeHnItem, makeSubmission } from '../../testing';
import { useWriterDatabase } from '../../testing/writer-database';
import { ItemWriter } from '../ingest/item-writer';
import { HN_ITEMS } from '../sources/hn-items';
import { poolConnectionSource } from '../write/connection-sources';
import {
  positionOf,
  TEXT_ITEM_COLUMNS,
  TEXT_ITEMS_START,
  TextItemsReadState,
  textItemsPageQuery,
  type TextItemRow,
} from './text-items';

const db = useWriterDatabase();
const T = new Date('2026-11-29T09:00:00Z');
const at = (seconds: number) => new Date(T.getTime() + seconds * 1000);
const idOf = (index: number) => makeSubmission(index).id;

/** One poll of a reader: from the state's start, page by page until a page comes back short. */
async function poll(state: TextItemsReadState, pageSize: number, betweenPages?: (pagesRead: number) => Promise<void>): Promise<TextItemRow[]> {
  const passed: TextItemRow[] = [];
  let position = state.pollStart();
  for (let pagesRead = 1; ; pagesRead += 1) {
    const { text, values } = textItemsPageQuery(position, pageSize);
    const { rows } = await db.pool.query<TextItemRow>(text, values);
    passed.push(...state.accept(rows));
    const last = rows[rows.length - 1];
    if (!last || rows.length < pageSize) return passed;
    position = positionOf(last);
    await betweenPages?.(pagesRead);
  }
}

const ids = (rows: readonly TextItemRow[]) => rows.map((r) => r.id);

describe('text_items', () => {
  it('shows every Reddit post in the one shape: self post, link post, and one deleted on Reddit', async () => {
    const self = makeSubmission(1);
    const link = makeSubmission(2, { isSelf: false, selftext: '', url: 'https://example.com/story', domain: 'example.com' });
    // as the scraper stores a post removed on Reddit (REDDIT_REDACT_DELETED): text gone, category kept
    const removed = makeSubmission(3, { removedByCategory: 'moderator', author: '[deleted]', authorFullname: null, title: '[deleted]', selftext: '', url: null });
    await db.writer.write({ submissions: [self, link, removed], observedAt: T });
    await db.writer.write({ submissions: [makeSubmission(1, { score: 77 })], observedAt: at(60) });

    const { rows, fields } = await db.pool.query('select * from text_items order by id');
    expect(fields.map((f) => f.name)).toEqual([...TEXT_ITEM_COLUMNS]);
    const shape = { source: 'reddit', kind: 'post', parent_id: null, first_seen_at: T };
    expect(rows).toEqual([
      { ...shape, id: self.id, created_at: self.createdUtc, community: self.subreddit, author: self.author, title: self.title, body: self.selftext, url: self.url, score: 77, updated_at: at(60), deleted: false },
      { ...shape, id: link.id, created_at: link.createdUtc, community: link.subreddit, author: link.author, title: link.title, body: '', url: 'https://example.com/story', score: link.score, updated_at: T, deleted: false },
      { ...shape, id: removed.id, created_at: removed.createdUtc, community: removed.subreddit, author: '[deleted]', title: '[deleted]', body: '', url: null, score: removed.score, updated_at: T, deleted: true },
    ]);
  });

  it('marks as deleted what the scraper treats as deleted: a [removed] text, or a post it redacted without a removal category', async () => {
    const marker = makeSubmission(4, { selftext: '[removed]' });
    const redacted = makeSubmission(5, { author: '[deleted]', authorFullname: null, title: '[deleted]', selftext: '', url: null, raw: { id: 'x', redacted: true } });
    const live = makeSubmission(6);
    await db.writer.write({ submissions: [marker, redacted, live], observedAt: T });
    const { rows } = await db.pool.query('select id, deleted from text_items order by id');
    expect(rows).toEqual([
      { id: marker.id, deleted: true },
      { id: redacted.id, deleted: true },
      { id: live.id, deleted: false },
    ]);
  });

  it('passes every item once to a reader paging 2 at a time, items stored between its pages included', async () => {
    await db.writer.write({ submissions: [1, 2, 3, 4, 5].map((i) => makeSubmission(i)), observedAt: T });
    const state = new TextItemsReadState();

    const first = await poll(state, 2, async (pagesRead) => {
      if (pagesRead === 1) {
        // another writer's batch observed at the same time commits now: one id sorts after the
        // cursor (read in this poll), one before it (read by the next poll's overlap)
        await db.writer.write({ submissions: [makeSubmission(0), makeSubmission(10)], observedAt: T });
        await db.writer.write({ submissions: [6, 7, 8].map((i) => makeSubmission(i)), observedAt: at(30) });
      }
      if (pagesRead === 2) {
        // an engagement refresh of an item already read: an update, not a new item
        await db.writer.write({ submissions: [makeSubmission(1, { score: 999 })], observedAt: at(40) });
        await db.writer.write({ submissions: [makeSubmission(9)], observedAt: at(45) });
      }
    });
    expect(ids(first)).toEqual([1, 2, 3, 4, 5, 10, 6, 7, 8, 9].map(idOf));

    const second = await poll(state, 2);
    expect(ids(second)).toEqual([idOf(0)]);
    expect(await poll(state, 2)).toEqual([]);
    expect(await db.count('text_items')).toBe(11);
  });

  it('reads a batch that committed after the reader passed its first_seen_at on the next poll, once', async () => {
    const state = new TextItemsReadState();
    await db.writer.write({ submissions: [makeSubmission(1), makeSubmission(2)], observedAt: at(60) });
    const first = await poll(state, 2);
    expect(ids(first)).toEqual([idOf(1), idOf(2)]);

    // observed at T, before the batch above, but committed only now (a slow or retried write)
    await db.writer.write({ submissions: [makeSubmission(3), makeSubmission(4)], observedAt: T });
    // a reader that only moves forward from its last item misses it for good
    const afterLast = textItemsPageQuery(positionOf(first[1]!), 2);
    expect((await db.pool.query<TextItemRow>(afterLast.text, afterLast.values)).rows).toEqual([]);
    // the overlap re-reads the last 5 minutes: the late items come once, the others not again
    expect(ids(await poll(state, 2))).toEqual([idOf(3), idOf(4)]);
    expect(await poll(state, 2)).toEqual([]);

    // the documented limit: a batch committed later than the overlap (observed 6 minutes before
    // the newest item read) is not re-read; after a longer outage, re-read from before it
    await db.writer.write({ submissions: [makeSubmission(5)], observedAt: at(60 - 360) });
    expect(await poll(state, 2)).toEqual([]);
    const wider = new TextItemsReadState({ overlapMs: 15 * 60_000, newestFirstSeenAt: state.newestFirstSeenAt });
    expect(ids(await poll(wider, 2))).toEqual([5, 3, 4, 1, 2].map(idOf));
  });

  it('lets the reader role page through the view, and nothing more', async () => {
    const login = `si_text_reader_${randomBytes(3).toString('hex')}`;
    const password = randomBytes(8).toString('hex');
    await db.writer.write({ submissions: [makeSubmission(1), makeSubmission(2)], observedAt: T });
    // login users get their rights only through the group role the migrations granted
    await db.pool.query(`create role ${login} login password '${password}' in role sentiment_reader`);
    const url = new URL(db.database.url);
    url.username = login;
    url.password = password;
    const reader = new Client({ connectionString: url.toString() });
    try {
      await reader.connect();
      const { text, values } = textItemsPageQuery(TEXT_ITEMS_START, 10);
      expect(ids((await reader.query<TextItemRow>(text, values)).rows)).toEqual([idOf(1), idOf(2)]);
      const denied = (sql: string) => reader.query(sql).then(() => 'ok', (error: { code?: string }) => error.code);
      expect(await denied('drop view text_items')).toBe('42501');
      expect(await denied('create or replace view text_items as select 1 as x')).toBe('42501');
    } finally {
      await reader.end().catch(() => undefined);
      await db.pool.query(`drop role ${login}`);
    }
  });
});

describe('text_items with Hacker News', () => {
  const writeHn = (items: HnItem[], observedAt: Date) =>
    new ItemWriter({ connections: poolConnectionSource(db.pool), table: HN_ITEMS, source: 'hn' }).write({ items, observedAt });

  it('serves Reddit and Hacker News rows in one query, in the one shape, with their kinds', async () => {
    const post = makeSubmission(1);
    await db.writer.write({ submissions: [post], observedAt: T });
    const story = makeHnItem(8863);
    const ask = makeHnItem(8870, { url: '', text: 'Ask <i>HN</i>?' });
    const job = makeHnItem(8871, { type: 'job' });
    const comment = makeHnComment(8864, 8863);
    const dead = makeHnComment(8865, 8864, { text: 'flagged', dead: true });
    // as the API answers a deleted item, normalised (author and text redacted)
    const deleted = makeHnComment(8866, 8863, { deleted: true });
    await writeHn([story, ask, job, comment, dead, deleted], T);

    const { rows, fields } = await db.pool.query('select * from text_items order by source, id');
    expect(fields.map((f) => f.name)).toEqual([...TEXT_ITEM_COLUMNS]);
    const hn = { source: 'hn', community: null, first_seen_at: T, updated_at: T, deleted: false };
    expect(rows).toEqual([
      { ...hn, kind: 'post', id: '8863', created_at: story.createdAt, author: story.author, title: 'Story 8863', body: '', url: story.url, score: story.score, parent_id: null },
      { ...hn, kind: 'comment', id: '8864', created_at: comment.createdAt, author: comment.author, title: null, body: comment.body, url: null, score: null, parent_id: '8863' },
      { ...hn, kind: 'comment', id: '8865', created_at: dead.createdAt, author: dead.author, title: null, body: 'flagged', url: null, score: null, parent_id: '8864' },
      { ...hn, kind: 'comment', id: '8866', created_at: deleted.createdAt, author: null, title: null, body: '', url: null, score: null, parent_id: '8863', deleted: true },
      { ...hn, kind: 'post', id: '8870', created_at: ask.createdAt, author: ask.author, title: 'Story 8870', body: 'Ask HN?', url: null, score: ask.score, parent_id: null },
      { ...hn, kind: 'post', id: '8871', created_at: job.createdAt, author: job.author, title: 'Story 8871', body: '', url: job.url, score: job.score, parent_id: null },
      { source: 'reddit', kind: 'post', id: post.id, created_at: post.createdUtc, community: post.subreddit, author: post.author, title: post.title, body: post.selftext, url: post.url, score: post.score, parent_id: null, first_seen_at: T, updated_at: T, deleted: false },
    ]);
  });

  it('passes every item of both sources once to a reader paging 2 at a time across them', async () => {
    await db.writer.write({ submissions: [makeSubmission(1), makeSubmission(2)], observedAt: T });
    await writeHn([makeHnItem(500), makeHnComment(501, 500), makeHnComment(1000, 501)], T);
    await db.writer.write({ submissions: [makeSubmission(3)], observedAt: at(30) });
    await writeHn([makeHnItem(900)], at(30));
    const state = new TextItemsReadState();
    const passed = await poll(state, 2);
    // cursor order: first_seen_at, then source ('hn' before 'reddit'), then the id as text
    expect(passed.map((r) => `${r.source}/${r.kind}/${r.id}`)).toEqual([
      'hn/comment/1000', 'hn/post/500', 'hn/comment/501', `reddit/post/${idOf(1)}`, `reddit/post/${idOf(2)}`,
      'hn/post/900', `reddit/post/${idOf(3)}`,
    ]);
    expect(await poll(state, 2)).toEqual([]);
  });
});
