import { defineEntity, p } from '@mikro-orm/core';

/**
 * `hn_items`: one row per Hacker News item (story, comment, job, poll, pollopt), a hypertable on
 * `created_at` (1-day chunks). The schema is created by reviewed SQL in the migrations; this entity
 * mirrors it so that reads are typed and `migrator:check` can detect drift.
 */
export const HnItemEntity = defineEntity({
  name: 'HnItem',
  tableName: 'hn_items',
  primaryKeys: ['id', 'createdAt'],
  properties: {
    id: p.bigint('number').columnType('bigint').primary(),
    createdAt: p.datetime().columnType('timestamptz').primary(),
    type: p.string().columnType('text').nullable(),
    author: p.string().columnType('text').nullable(),
    parentId: p.bigint('number').columnType('bigint').nullable(),
    storyId: p.bigint('number').columnType('bigint').nullable(),
    title: p.string().columnType('text').nullable(),
    body: p.string().columnType('text').nullable(),
    url: p.string().columnType('text').nullable(),
    score: p.integer().nullable(),
    descendants: p.integer().nullable(),
    dead: p.boolean().default(false),
    deleted: p.boolean().default(false),
    firstSeenAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
    updatedAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
    raw: p.json<Record<string, unknown>>().columnType('jsonb'),
  },
  indexes: [
    // The time index create_hypertable would add, created by name (README "Adding a migration").
    { name: 'hn_items_created_at_idx', expression: 'create index "hn_items_created_at_idx" on "hn_items" ("created_at" desc)' },
    // The keyset cursor of the text_items view, with this branch's source constant (see raw_submissions).
    {
      name: 'hn_items_text_items_cursor_idx',
      expression: `create index "hn_items_text_items_cursor_idx" on "hn_items" ("first_seen_at", ('hn'::text), (("id")::text))`,
    },
  ],
});
