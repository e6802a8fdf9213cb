import { defineEntity, p } from '@mikro-orm/core';

/** `scrape_checkpoints`: the resumable position of each (source, stream). */
export const ScrapeCheckpointEntity = defineEntity({
  name: 'ScrapeCheckpoint',
  tableName: 'scrape_checkpoints',
  primaryKeys: ['source', 'stream'],
  properties: {
    source: p.string().columnType('text').primary(),
    stream: p.string().columnType('text').primary(),
    newestCreatedUtc: p.datetime().columnType('timestamptz').nullable(),
    newestId: p.string().columnType('text').nullable(),
    state: p.json<Record<string, unknown>>().columnType('jsonb').defaultRaw(`'{}'::jsonb`),
    updatedAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
  },
});
