import type { HnItem } from '@sentiment-ingest/models';
import { defineItemTable } from '../ingest/item-table';

/**
 * Hacker News items (`normalizeHnItem`'s `HnItem`) in `hn_items`, a hypertable on `created_at`;
 * score and comment count over time in `hn_item_metrics`; ids registered in `hn_item_keys` (created by
 * `Migration20261130082044_hn_items`). Mutable: what Hacker News lets change after posting (title,
 * text and url edits, score, comment count, dead, deleted) and the author, which a later deleted
 * payload redacts. `type` is a fact of the item; `raw` follows the mutable columns but is not
 * compared. A later `{ deleted: true }` payload arrives with author, title, body and url null and so
 * redacts the stored row. Every inserted or changed item with a score or comment count is observed
 * (comments have neither, and get no observation rows).
 */
export const HN_ITEMS = defineItemTable<HnItem>({
  kind: 'item',
  table: 'hn_items',
  idColumn: 'id',
  timeColumn: 'created_at',
  keysTable: 'hn_item_keys',
  firstSeenColumn: 'first_seen_at',
  updatedColumn: 'updated_at',
  columns: [
    { name: 'id', type: 'bigint', value: (i) => i.id },
    { name: 'created_at', type: 'timestamptz', value: (i) => i.createdAt },
    { name: 'type', type: 'text', nullable: true, value: (i) => i.type },
    { name: 'author', type: 'text', nullable: true, value: (i) => i.author, mutable: true },
    { name: 'parent_id', type: 'bigint', nullable: true, value: (i) => i.parentId },
    { name: 'story_id', type: 'bigint', nullable: true, value: (i) => i.storyId },
    { name: 'title', type: 'text', nullable: true, value: (i) => i.title, mutable: true },
    { name: 'body', type: 'text', nullable: true, value: (i) => i.body, mutable: true },
    { name: 'url', type: 'text', nullable: true, value: (i) => i.url, mutable: true },
    { name: 'score', type: 'int', nullable: true, value: (i) => i.score, mutable: true },
    { name: 'descendants', type: 'int', nullable: true, value: (i) => i.descendants, mutable: true },
    { name: 'dead', type: 'boolean', value: (i) => i.dead, mutable: true },
    { name: 'deleted', type: 'boolean', value: (i) => i.deleted, mutable: true },
    { name: 'raw', type: 'jsonb', value: (i) => i.raw, followsMutable: true },
  ],
  observations: {
    table: 'hn_item_metrics',
    itemIdColumn: 'item_id',
    itemTimeColumn: 'item_created_at',
    observedAtColumn: 'observed_at',
    copied: { score: 'score', descendants: 'descendants' },
    // comments have neither: their rows would be all null
    skipWhenAllNull: true,
  },
  idOf: (i) => String(i.id),
  payloadOf: (i) => i.raw,
});
