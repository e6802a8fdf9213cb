import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from 'pg';
import { createMigratedTestDatabase, type TestDatabase } from '../../testing';
import { TEXT_ITEMS_START, textItemsPageQuery, type TextItemsPosition } from './text-items';

/**
 * The cursor query must read about a page of rows, not the table: raw_submissions has one chunk per
 * day, the cursor (first_seen_at) is not the partitioning column (created_utc), so PostgreSQL merges
 * one index scan per chunk in cursor order and stops at the page's end. These tests hold it to that
 * on 60 daily chunks, alone and with Hacker News's hn_items, the view's second branch (its index on
 * `id::text`, the id the view shows), as full.
 */

const DAYS = 60;
const ROWS_PER_DAY = 200;
const PAGE = 100;

let database: TestDatabase;
let admin: Client;

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  Plans?: PlanNode[];
}

/** Runs the page query under EXPLAIN ANALYZE: the rows it returned, and what its scans read. */
async function explainPage(after: TextItemsPosition): Promise<{ returned: number; scanned: number; scans: string[] }> {
  const { text, values } = textItemsPageQuery(after, PAGE);
  const { rows } = await admin.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`explain (analyze, format json) ${text}`, values);
  const plan = rows[0]!['QUERY PLAN'][0].Plan;
  const leaves: PlanNode[] = [];
  const walk = (node: PlanNode) => (node.Plans ? node.Plans.forEach(walk) : leaves.push(node));
  walk(plan);
  return {
    returned: plan['Actual Rows'],
    scanned: leaves.reduce((sum, leaf) => sum + leaf['Actual Rows'] * leaf['Actual Loops'], 0),
    scans: [...new Set(leaves.map((leaf) => `${leaf['Node Type']} ${leaf['Index Name']?.replace(/^_hyper_\d+_\d+_chunk_/, '') ?? ''}`.trim()))],
  };
}

const chunks = async (table: string) =>
  (await admin.query<{ n: number }>(`select count(*)::int as n from show_chunks($1::regclass)`, [table])).rows[0]!.n;

beforeAll(async () => {
  database = await createMigratedTestDatabase();
  admin = new Client({ connectionString: database.url });
  await admin.connect();
  // 60 days of posts, each first seen by the next 30-second poll after it was created
  await admin.query(`insert into raw_submissions (id, created_utc, subreddit, author, title, selftext, url, permalink, is_self,
       over_18, spoiler, stickied, locked, score, num_comments, first_seen_at, updated_at, raw)
  select to_hex(1000000 + g), c, 'sub' || g % 50, 'user_' || g % 997, 'Post ' || g, repeat('Body. ', 40), null, '/r/x/' || g, true,
       false, false, false, false, g % 1000, g % 120, s, s, jsonb_build_object('id', to_hex(1000000 + g))
    from generate_series(0, ${DAYS * ROWS_PER_DAY - 1}) g,
         lateral (select timestamptz '2026-10-01 00:00:00+00' + g * interval '${86_400 / ROWS_PER_DAY} seconds' as c) t,
         lateral (select to_timestamp(ceil(extract(epoch from c) / 30) * 30 + 1.5) as s) u`);
  await admin.query('analyze raw_submissions');
});

afterAll(async () => {
  await admin?.end();
  await database?.drop();
});

describe('reading text_items with the cursor', () => {
  it('reads about one page of rows over 60 daily chunks, however far behind the reader is', async () => {
    expect(await chunks('raw_submissions')).toBe(DAYS);
    for (const after of [TEXT_ITEMS_START, { firstSeenAt: '2026-10-30T12:00:00.000000Z', source: 'reddit', id: '' }]) {
      const page = await explainPage(after);
      expect(page.returned).toBe(PAGE);
      // a merge stops at the page's end; each chunk's index scan may have read one row ahead
      expect(page.scanned).toBeLessThanOrEqual(PAGE + DAYS);
      expect(page.scans).toEqual(['Index Scan raw_submissions_text_items_cursor_idx']);
    }
  });

  it('still does with Hacker News, the second branch of the view, filled as densely', async () => {
    // comments, each first seen by the next minute's walk after it was created, ids dense like the API's
    await admin.query(`insert into hn_items (id, created_at, type, author, parent_id, body, raw, first_seen_at, updated_at)
      select 40000000 + g, c, 'comment', 'pg', 40000000 + g - 1, 'comment ' || g, jsonb_build_object('id', 40000000 + g), s, s
      from generate_series(0, ${DAYS * ROWS_PER_DAY - 1}) g,
           lateral (select timestamptz '2026-10-01 00:00:00+00' + g * interval '${86_400 / ROWS_PER_DAY} seconds' as c) t,
           lateral (select to_timestamp(ceil(extract(epoch from c) / 60) * 60 + 0.25) as s) u`);
    await admin.query('analyze hn_items');
    expect(await chunks('hn_items')).toBe(DAYS);

    for (const after of [TEXT_ITEMS_START, { firstSeenAt: '2026-10-30T12:00:00.000000Z', source: 'reddit', id: '' }]) {
      const page = await explainPage(after);
      expect(page.returned).toBe(PAGE);
      expect(page.scanned).toBeLessThanOrEqual(PAGE + 2 * DAYS);
      expect(page.scans.sort()).toEqual(['Index Scan hn_items_text_items_cursor_idx', 'Index Scan raw_submissions_text_items_cursor_idx']);
    }
    const { text, values } = textItemsPageQuery(TEXT_ITEMS_START, 4);
    const firstPage = await admin.query<{ source: string; kind: string }>(text, values);
    // first seen at 00:00:00.25 (hn), 00:00:01.5 and 00:07:31.5 (reddit), 00:08:00.25 (hn)
    expect(firstPage.rows.map((r) => `${r.source}/${r.kind}`)).toEqual(['hn/comment', 'reddit/post', 'reddit/post', 'hn/comment']);
  });
});
