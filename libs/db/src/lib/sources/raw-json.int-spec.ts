import { describe, expect, it } from '@jest/globals';
import type { RawJson } from '@sentiment-ingest/models';
import { makeRedditComment, makeSubmission } from '../../testing';
import { useWriterDatabase } from '../../testing/writer-database';
import { ItemWriter } from '../ingest/item-writer';
import { poolConnectionSource } from '../write/connection-sources';
import { REDDIT_COMMENTS } from './reddit-comments';
import { REDDIT_SUBMISSIONS } from './reddit-submissions';

const db = useWriterDatabase();
const ARCHIVED = new Date('2023-01-05T00:00:00Z');
const posts = () => new ItemWriter({ connections: poolConnectionSource(db.pool), table: REDDIT_SUBMISSIONS, source: 'reddit' });
const comments = () => new ItemWriter({ connections: poolConnectionSource(db.pool), table: REDDIT_COMMENTS, source: 'reddit' });

/** A dump line's text: exact numbers JSON.parse would round, an escaped emoji pair, a tab and a backslash. */
const LINE = '{"id":"p1","title":"smile \\ud83d\\ude00\\tand \\\\ backslash","big":12345678901234567890123,"ratio":0.10,"nested":{"a":[1,null,true]}}';

describe.each<[string, (text: string) => RawJson]>([
  ['text', (text) => text],
  ['UTF-8 bytes', (text) => Buffer.from(text, 'utf8')],
])('raw from rawJson held as %s (the JSON text as received)', (_form, held) => {
  it('stores raw as the jsonb of the text itself, for posts and comments', async () => {
    const post = makeSubmission(1, { rawJson: held(LINE) });
    expect(await posts().write({ items: [post], observedAt: ARCHIVED })).toMatchObject({ inserted: 1, rejected: [] });
    const comment = makeRedditComment(1, { rawJson: held(LINE) });
    expect(await comments().write({ items: [comment], observedAt: ARCHIVED })).toMatchObject({ inserted: 1, rejected: [] });
    for (const table of ['raw_submissions', 'raw_comments']) {
      const { rows } = await db.pool.query(`select raw = $1::jsonb as same, raw->>'big' as big, raw->>'title' as title from ${table}`, [LINE]);
      expect(rows).toEqual([{ same: true, big: '12345678901234567890123', title: 'smile 😀\tand \\ backslash' }]);
    }
  });

  it('stores raw from the text when an update rewrites the row too (the staged upsert, not only new rows)', async () => {
    const LATER = new Date('2023-02-05T00:00:00Z');
    await posts().write({ items: [makeSubmission(6, { rawJson: held(LINE) })], observedAt: ARCHIVED });
    const edited = LINE.replace('"ratio":0.10', '"ratio":0.20');
    const again = makeSubmission(6, { score: 99, rawJson: held(edited) });
    expect(await posts().write({ items: [again], observedAt: LATER })).toMatchObject({ updated: 1, rejected: [] });
    const { rows } = await db.pool.query(`select raw = $1::jsonb as same, raw->>'ratio' as ratio, score from raw_submissions`, [edited]);
    expect(rows).toEqual([{ same: true, ratio: '0.20', score: 99 }]);
  });

  it('repairs text holding \\u0000 or a lone surrogate escape instead of failing the batch', async () => {
    const nul = '{"id":"p2","title":"a\\u0000b"}';
    const lone = '{"id":"p3","title":"cut \\ud83d","k\\udc00":1}';
    const items = [
      makeSubmission(2, { rawJson: held(nul) }),
      makeSubmission(3, { rawJson: held(lone) }),
      makeSubmission(4, { rawJson: held(LINE) }),
    ];
    expect(await posts().write({ items, observedAt: ARCHIVED })).toMatchObject({ inserted: 3, rejected: [] });
    const { rows } = await db.pool.query('select id, raw from raw_submissions order by id');
    expect(rows.map((r: { raw: unknown }) => r.raw)).toEqual([
      { id: 'p2', title: 'ab' },
      { id: 'p3', title: 'cut \ufffd', 'k\ufffd': 1 },
      expect.objectContaining({ id: 'p1', title: 'smile 😀\tand \\ backslash' }),
    ]);
    expect(await db.count('rejected_items')).toBe(0);
  });

  it('quarantines a row that cannot be stored (a score out of int range) with the payload read from its JSON', async () => {
    const refused = makeSubmission(7, { score: 2 ** 40, rawJson: held(LINE) });
    const result = await posts().write({ items: [refused, makeSubmission(8, { rawJson: held(LINE.replace('"p1"', '"p8"')) })], observedAt: ARCHIVED });
    expect(result).toMatchObject({ inserted: 1, rejected: [expect.objectContaining({ itemId: refused.id, sqlState: '22003' })] });
    const { rows } = await db.pool.query(`select payload::jsonb->>'title' as title, payload::jsonb->'nested' as nested from rejected_items where item_id = $1`, [refused.id]);
    expect(rows).toEqual([{ title: 'smile 😀\tand \\ backslash', nested: { a: [1, null, true] } }]);
  });

  it('stores raw as before when there is no rawJson', async () => {
    const post = makeSubmission(5);
    await posts().write({ items: [post], observedAt: ARCHIVED });
    expect((await db.pool.query('select raw from raw_submissions')).rows).toEqual([{ raw: post.raw }]);
  });
});
