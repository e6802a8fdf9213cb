import { defineEntity, p } from '@mikro-orm/core';

/**
 * `raw_submissions`: one row per Reddit submission, a hypertable on `created_utc` (1-day chunks).
 * The schema itself is created by reviewed SQL in the migrations; this entity mirrors it so that
 * reads are typed and `migrator:check` can detect drift.
 */
export const RawSubmissionEntity = defineEntity({
  name: 'RawSubmission',
  tableName: 'raw_submissions',
  primaryKeys: ['id', 'createdUtc'],
  properties: {
    id: p.string().columnType('text').primary(),
    createdUtc: p.datetime().columnType('timestamptz').primary(),
    subreddit: p.string().columnType('text'),
    subredditId: p.string().columnType('text').nullable(),
    author: p.string().columnType('text'),
    authorFullname: p.string().columnType('text').nullable(),
    title: p.string().columnType('text'),
    selftext: p.string().columnType('text'),
    url: p.string().columnType('text').nullable(),
    permalink: p.string().columnType('text'),
    domain: p.string().columnType('text').nullable(),
    isSelf: p.boolean(),
    over18: p.boolean().fieldName('over_18'),
    spoiler: p.boolean(),
    stickied: p.boolean(),
    locked: p.boolean(),
    linkFlairText: p.string().columnType('text').nullable(),
    distinguished: p.string().columnType('text').nullable(),
    // nullable: archive posts of late 2017 have no score (Migration20261130100500_raw_comments)
    score: p.integer().nullable(),
    numComments: p.integer(),
    upvoteRatio: p.float().columnType('real').nullable(),
    editedAt: p.datetime().columnType('timestamptz').nullable(),
    removedByCategory: p.string().columnType('text').nullable(),
    firstSeenAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
    updatedAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
    raw: p.json<Record<string, unknown>>().columnType('jsonb'),
  },
  indexes: [
    // The index create_hypertable adds on the time column; declared so the drift check knows it
    // (otherwise every new migration would drop it).
    { name: 'raw_submissions_created_utc_idx', expression: 'create index "raw_submissions_created_utc_idx" on "raw_submissions" ("created_utc" desc)' },
    // "one subreddit, newest first"
    { name: 'raw_submissions_subreddit_created_utc_idx', expression: 'create index "raw_submissions_subreddit_created_utc_idx" on "raw_submissions" ("subreddit", "created_utc" desc)' },
    // The keyset cursor of the text_items view, (first_seen_at, source, id): the constant is the view's
    // source column, so with several sources each branch still reads its index in the view's order
    // (README "Reading new items (for the next stage)").
    {
      name: 'raw_submissions_text_items_cursor_idx',
      expression: `create index "raw_submissions_text_items_cursor_idx" on "raw_submissions" ("first_seen_at", ('reddit'::text), "id")`,
    },
  ],
});
