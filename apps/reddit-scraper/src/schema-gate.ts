import type { MikroORM } from '@mikro-orm/postgresql';
import { assertSchemaCurrent } from '@sentiment-ingest/db';

/**
 * Refuses to start on a schema the migrator has not brought up to date: scrapers never create or
 * alter tables; only the migrator does. The check itself is libs/db's `assertSchemaCurrent`, the one
 * every scraper calls at start (read-only, as the writer role); its SchemaNotReadyError exits 6.
 */
export async function assertSchemaReady(orm: MikroORM): Promise<void> {
  await assertSchemaCurrent(orm);
}
