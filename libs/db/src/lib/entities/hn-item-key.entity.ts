import { defineEntity, p } from '@mikro-orm/core';

/**
 * `hn_item_keys`: the creation time each Hacker News item id was first stored under. The write path
 * stores every payload of an id under this time, so one id is one row of `hn_items` whatever time a
 * later payload claims (the hypertable's own key must include the time column).
 */
export const HnItemKeyEntity = defineEntity({
  name: 'HnItemKey',
  tableName: 'hn_item_keys',
  properties: {
    id: p.bigint('number').columnType('bigint').primary().autoincrement(false),
    createdAt: p.datetime().columnType('timestamptz'),
  },
});
