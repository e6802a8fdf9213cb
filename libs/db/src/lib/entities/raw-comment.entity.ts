import { defineEntity, p } from '@mikro-orm/core';

/**
 * `raw_comments`: one row per Reddit comment (t1), a hypertable on `created_utc` (1-day chunks),
 * created by `Migration20261130100500_raw_comments`; this entity mirrors it so that reads are typed
 * and `migrator:check` can detect drift.
 */
export const RawCommentEntity = defineEntity({
  name: 'RawComment',
  tableName: 'raw_comments',
  primaryKeys: ['id', 'createdUtc'],
  properties: {
    id: p.string().columnType('text').primary(),
    createdUtc: p.datetime().columnType('timestamptz').primary(),
    subreddit: p.string().columnType('text'),
    subredditId: p.string().columnType('text').nullable(),
    linkId: p.string().columnType('text'),
    parentId: p.string().columnType('text'),
    author: p.string().columnType('text'),
    authorFullname: p.string().columnType('text').nullable(),
    body: p.string().columnType('text'),
    score: p.integer().nullable(),
    editedAt: p.datetime().columnType('timestamptz').nullable(),
    removedByCategory: p.string().columnType('text').nullable(),
    distinguished: p.string().columnType('text').nullable(),
    stickied: p.boolean(),
    firstSeenAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
    updatedAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
    raw: p.json<Record<string, unknown>>().columnType('jsonb'),
  },
  indexes: [
    // the time index create_hypertable would add, created by name (README "Adding a migration")
    { name: 'raw_comments_created_utc_idx', expression: 'create index "raw_comments_created_utc_idx" on "raw_comments" ("created_utc" desc)' },
    // "one subreddit, newest first"
    { name: 'raw_comments_subreddit_created_utc_idx', expression: 'create index "raw_comments_subreddit_created_utc_idx" on "raw_comments" ("subreddit", "created_utc" desc)' },
    // "the comments of one post" (bound created_utc from the post's creation to exclude older chunks)
    { name: 'raw_comments_link_id_created_utc_idx', expression: 'create index "raw_comments_link_id_created_utc_idx" on "raw_comments" ("link_id", "created_utc")' },
    // the keyset cursor of the text_items view: the branch's source constant and the id the view shows
    {
      name: 'raw_comments_text_items_cursor_idx',
      expression: `create index "raw_comments_text_items_cursor_idx" on "raw_comments" ("first_seen_at", ('reddit'::text), ('t1_'::text || "id"))`,
    },
  ],
});
