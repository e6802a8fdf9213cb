import { defineEntity, p } from '@mikro-orm/core';

/**
 * `hn_item_metrics`: one row per observed change of a Hacker News item's score and comment count, a
 * hypertable on `observed_at` (1-day chunks). Keyed by item and observation time.
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
  indexes: [
    { name: 'hn_item_metrics_observed_at_idx', expression: 'create index "hn_item_metrics_observed_at_idx" on "hn_item_metrics" ("observed_at" desc)' },
  ],
});
