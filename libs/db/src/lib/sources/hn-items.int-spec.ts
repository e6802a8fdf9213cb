import { describe, expect, it } from '@jest/globals';
import { normalizeHnItem } from '@sentiment-ingest/models';
import { HN_READ_AT, makeHnComment, makeHnItem } from '../../testing';
import { useWriterDatabase } from '../../testing/writer-database';
import { ItemWriter } from '../ingest/item-writer';
import { ScrapeStateRepository } from '../state/scrape-state-repository';
import { pgPoolState } from '../state/pool-state';
import { poolConnectionSource } from '../write/connection-sources';
import { HN_ITEMS } from './hn-items';

const db = useWriterDatabase();
const T = HN_READ_AT;
const later = (minutes: number) => new Date(T.getTime() + minutes * 60_000);
const writer = () => new ItemWriter({ connections: poolConnectionSource(db.pool), table: HN_ITEMS, source: 'hn' });

describe('ItemWriter with HN_ITEMS (hn_items, hn_item_keys, hn_item_metrics)', () => {
  it('stores stories and comments with every column, once however often they are written', async () => {
    const story = makeHnItem(8863, { text: 'First<p>Second &amp; third', descendants: 1 });
    const comment = makeHnComment(8864, 8863);
    const first = await writer().write({ items: [story, comment], observedAt: T, stream: 'items' });
    // new rows write no observation row: each holds its first observation
    expect(first).toMatchObject({ inserted: 2, updated: 0, observations: 0, rejected: [] });
    const again = await writer().write({ items: [story, comment], observedAt: later(1), stream: 'items' });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, observations: 0 });

    const { rows } = await db.pool.query(`select id::int, created_at, type, author, parent_id::int, story_id::int, title, body, url, score,
        descendants, dead, deleted, raw, first_seen_at, updated_at from hn_items order by id`);
    expect(rows).toEqual([
      {
        id: 8863, created_at: story.createdAt, type: 'story', author: story.author, parent_id: null, story_id: 8863, title: 'Story 8863',
        body: 'First\n\nSecond & third', url: 'https://example.com/8863', score: story.score, descendants: 1, dead: false, deleted: false,
        raw: story.raw, first_seen_at: T, updated_at: T,
      },
      {
        id: 8864, created_at: comment.createdAt, type: 'comment', author: comment.author, parent_id: 8863, story_id: null, title: null,
        body: comment.body, url: null, score: null, descendants: null, dead: false, deleted: false, raw: comment.raw, first_seen_at: T, updated_at: T,
      },
    ]);
    expect(await db.count('hn_item_keys')).toBe(2);
    // the story is observed; the comment, with neither score nor comment count, is not
    expect((await db.pool.query('select item_id::int from hn_item_engagement')).rows).toEqual([{ item_id: 8863 }]);
  });

  it('updates a changed score and comment count, recording the observation they supersede', async () => {
    await writer().write({ items: [makeHnItem(100, { score: 5, descendants: 0 })], observedAt: T });
    const result = await writer().write({ items: [makeHnItem(100, { score: 42, descendants: 7 })], observedAt: later(30) });
    expect(result).toMatchObject({ inserted: 0, updated: 1, observations: 1 });
    const { rows } = await db.pool.query('select score, descendants, first_seen_at, updated_at from hn_items');
    expect(rows).toEqual([{ score: 42, descendants: 7, first_seen_at: T, updated_at: later(30) }]);
    expect((await db.pool.query('select observed_at, score from hn_item_metrics')).rows).toEqual([{ observed_at: T, score: 5 }]);
    const { rows: metrics } = await db.pool.query('select item_id::int, observed_at, item_created_at, score, descendants from hn_item_engagement order by observed_at');
    const createdAt = makeHnItem(100).createdAt;
    expect(metrics).toEqual([
      { item_id: 100, observed_at: T, item_created_at: createdAt, score: 5, descendants: 0 },
      { item_id: 100, observed_at: later(30), item_created_at: createdAt, score: 42, descendants: 7 },
    ]);
  });

  it('redacts a stored item when a later payload says it was deleted, keeping it under its first time', async () => {
    const comment = makeHnComment(200, 100, { text: 'Something I regret' });
    await writer().write({ items: [comment], observedAt: T });
    // the API's answer for a deleted item: no author, text or time (normalisation places it at the reading time)
    const answer = normalizeHnItem({ id: 200, deleted: true, parent: 100, type: 'comment' }, { now: later(60) });
    if (!answer.ok) throw new Error('deleted payload rejected');
    const result = await writer().write({ items: [answer.item], observedAt: later(60) });
    expect(result).toMatchObject({ inserted: 0, updated: 1, rejected: [] });
    const { rows } = await db.pool.query('select id::int, created_at, author, body, title, url, deleted, raw, updated_at from hn_items');
    expect(rows).toEqual([
      { id: 200, created_at: comment.createdAt, author: null, body: null, title: null, url: null, deleted: true, raw: answer.item.raw, updated_at: later(60) },
    ]);
    expect(JSON.stringify(rows[0]?.raw)).not.toContain('regret');
    expect(await db.count('hn_item_keys')).toBe(1);
  });

  it('lists the recent items with engagement only (stories, polls, jobs), oldest first, when asked for those types', async () => {
    const story = makeHnItem(300);
    const job = makeHnItem(301, { type: 'job', title: 'Hiring' });
    const poll = makeHnItem(302, { type: 'poll' });
    const comment = makeHnComment(303, 300);
    const old = makeHnItem(5, {}, new Date(T.getTime() - 3 * 24 * 3_600_000));
    await writer().write({ items: [story, job, poll, comment, old], observedAt: T });
    const state = new ScrapeStateRepository({ connections: poolConnectionSource(db.pool), pool: pgPoolState(db.pool) });
    const since = new Date(T.getTime() - 24 * 3_600_000);
    const byTime = [story, job, poll].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    expect(await state.recentItems(HN_ITEMS, since, { column: 'type', anyOf: ['story', 'poll', 'job'] })).toEqual(
      byTime.map((i) => ({ id: String(i.id), time: i.createdAt })),
    );
    expect((await state.recentItems(HN_ITEMS, since, { column: 'type', anyOf: ['job'] })).map((i) => i.id)).toEqual(['301']);
    // without the filter every recent item, the comment too
    expect(await state.recentItems(HN_ITEMS, since)).toHaveLength(4);
  });
});
