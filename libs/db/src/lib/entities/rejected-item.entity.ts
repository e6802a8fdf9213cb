import { defineEntity, p } from '@mikro-orm/core';

/**
 * `rejected_items`: items that could not be stored, one row per item (its id, or a hash of its
 * payload when it has none), kept for an operator to inspect. `stage` says where it was refused:
 * `normalize` (the payload is not a valid item) or `write` (PostgreSQL refused the row, or a value its
 * column's type cannot hold was set aside before the COPY; `sql_state` says why when there is a code).
 */
export const RejectedItemEntity = defineEntity({
  name: 'RejectedItem',
  tableName: 'rejected_items',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    source: p.string().columnType('text'),
    stream: p.string().columnType('text').nullable(),
    itemKind: p.string().columnType('text'),
    itemKey: p.string().columnType('text'),
    itemId: p.string().columnType('text').nullable(),
    stage: p.string().columnType('text'),
    reason: p.string().columnType('text'),
    sqlState: p.string().columnType('text').nullable(),
    payload: p.string().columnType('text'),
    firstSeenAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
    lastSeenAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
    timesSeen: p.integer().default(1),
  },
  uniques: [{ name: 'rejected_items_source_item_kind_item_key_unique', properties: ['source', 'itemKind', 'itemKey'] }],
});
