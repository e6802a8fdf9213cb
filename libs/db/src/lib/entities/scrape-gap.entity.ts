import { defineEntity, p } from '@mikro-orm/core';

/**
 * `scrape_gaps`: periods a stream could not see, kept as data so they can be backfilled. A resolved
 * gap says when (`resolvedAt`), how (`resolution`), how many items were recovered and, when the
 * way of resolving can tell, how many the source no longer had (`absentItems`).
 */
export const ScrapeGapEntity = defineEntity({
  name: 'ScrapeGap',
  tableName: 'scrape_gaps',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    source: p.string().columnType('text'),
    stream: p.string().columnType('text'),
    gapStart: p.datetime().columnType('timestamptz'),
    gapEnd: p.datetime().columnType('timestamptz'),
    reason: p.string().columnType('text'),
    detectedAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
    resolvedAt: p.datetime().columnType('timestamptz').nullable(),
    resolution: p.string().columnType('text').nullable(),
    recoveredItems: p.integer().nullable(),
    absentItems: p.integer().nullable(),
  },
  checks: [
    { name: 'scrape_gaps_range_check', expression: '"gap_start" <= "gap_end"' },
    { name: 'scrape_gaps_recovered_items_check', expression: '"recovered_items" >= 0' },
    { name: 'scrape_gaps_absent_items_check', expression: '"absent_items" >= 0' },
  ],
  indexes: [
    { name: 'scrape_gaps_open_idx', expression: 'create index "scrape_gaps_open_idx" on "scrape_gaps" ("source", "stream", "gap_start") where "resolved_at" is null' },
  ],
});
