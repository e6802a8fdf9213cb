import type { MikroORM } from '@mikro-orm/postgresql';
import { SchemaMigrator, SchemaNotReadyError, type DatabaseConfig } from '@sentiment-ingest/db';

/**
 * Refuses to start on a schema the migrator has not brought up to date: scrapers never create or
 * alter tables; only the migrator does. Read-only.
 */
export async function assertSchemaReady(orm: MikroORM, db: DatabaseConfig): Promise<void> {
  const silent = { info: () => undefined, warn: () => undefined };
  const migrator = new SchemaMigrator({ orm, db, lockTimeoutMs: 1_000, log: silent, applicationName: 'sentiment-ingest-reddit-scraper' });
  const states = await migrator.status();
  const notApplied = states.filter((s) => s.state === 'pending' || s.state === 'changed');
  if (notApplied.length > 0) {
    throw new SchemaNotReadyError(
      `The database schema is not up to date (${notApplied.length} migration(s) ${notApplied.map((s) => `${s.name}: ${s.state}`).join(', ')}). ` +
        'Run the migrator first: npx nx run migrator:serve (compose runs it before the scraper).',
    );
  }
}
