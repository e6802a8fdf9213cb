import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from 'pg';
import { createMigratedTestDatabase, type TestDatabase } from '../../testing';
import { TEXT_ITEMS_START, textItemsPageQuery, type TextItemsPosition } from './text-items';

/**
 * The cursor query must read about a page of rows, not the table: raw_submissions has one chunk per
 * day, the cursor (first_seen_at) is not the partitioning column (created_utc), so PostgreSQL merges
 * one index scan per chunk in cursor order and stops at the page's end. These tests hold it to that
 * on 60 daily chunks, alone and with a second source added as README "Reading new items (for the
 * next stage)" says.
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

  it('still does once a second source is a branch of the view, added as the README says', async () => {
    // example_hn_items: no generated scraper can own this name (`<source>_items`, source without `_`)
    await admin.query(`create table example_hn_items (id text not null, time timestamptz not null, by text, text text, parent text,
      first_seen_at timestamptz not null, updated_at timestamptz not null, primary key (id, time))`);
    await admin.query(`select create_hypertable('example_hn_items', by_range('time', interval '1 day'))`);
    await admin.query(`insert into example_hn_items select (40000000 + g)::text, c, 'pg', 'comment ' || g, (40000000 + g - 1)::text, s, s
      from generate_series(0, ${DAYS * ROWS_PER_DAY - 1}) g,
           lateral (select timestamptz '2026-10-01 00:00:00+00' + g * interval '${86_400 / ROWS_PER_DAY} seconds' as c) t,
           lateral (select to_timestamp(ceil(extract(epoch from c) / 60) * 60 + 0.25) as s) u`);
    await admin.query(`create index "example_hn_items_text_items_cursor_idx" on "example_hn_items" ("first_seen_at", ('hackernews'::text), "id")`);
    const { rows } = await admin.query<{ definition: string }>(`select pg_get_viewdef('text_items') as definition`);
    await admin.query(`create or replace view "text_items" as ${rows[0]!.definition.replace(/;\s*$/, '')}
      union all
      select 'hackernews'::text, 'comment'::text, h.id, h.time, null::text, h.by, null::text, coalesce(h.text, ''), null::text,
             null::int, h.parent, h.first_seen_at, h.updated_at, false
        from example_hn_items h`);
    await admin.query('analyze example_hn_items');

    for (const after of [TEXT_ITEMS_START, { firstSeenAt: '2026-10-30T12:00:00.000000Z', source: 'reddit', id: '' }]) {
      const page = await explainPage(after);
      expect(page.returned).toBe(PAGE);
      expect(page.scanned).toBeLessThanOrEqual(PAGE + 2 * DAYS);
      expect(page.scans.sort()).toEqual(['Index Scan example_hn_items_text_items_cursor_idx', 'Index Scan raw_submissions_text_items_cursor_idx']);
    }
    const { text, values } = textItemsPageQuery(TEXT_ITEMS_START, 4);
    const firstPage = await admin.query<{ source: string; kind: string }>(text, values);
    // first seen at 00:00:00.25 (hackernews), 00:00:01.5 and 00:07:31.5 (reddit), 00:08:00.25 (hackernews)
    expect(firstPage.rows.map((r) => `${r.source}/${r.kind}`)).toEqual(['hackernews/comment', 'reddit/post', 'reddit/post', 'hackernews/comment']);
  });
});
