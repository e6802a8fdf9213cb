import { defineEntity, p } from '@mikro-orm/core';

/**
 * `hn_item_metrics`: the observations of a Hacker News item's score and comment count that a change
 * superseded; the item's row holds its current ones, and the view `hn_item_engagement` gives the
 * whole series. A hypertable on `observed_at` (1-day chunks), keyed by item and observation time.
 */
export const HnItemMetricEntity = defineEntity({
  name: 'HnItemMetric',
  tableName: 'hn_item_metrics',
  primaryKeys: ['itemId', 'observedAt'],
  properties: {
    itemId: p.bigint('number').columnType('bigint').primary(),
    observedAt: p.datetime().columnType('timestamptz').primary(),
    itemCreatedAt: p.datetime().columnType('timestamptz'),
    score: p.integer().nullable(),
    descendants: p.integer().nullable(),
  },
  // no index besides the key: Migration20261130170500_drop_metrics_time_indexes dropped the time index
});
