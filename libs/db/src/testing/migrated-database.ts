import { MikroORM } from '@mikro-orm/postgresql';
import { createOrmOptions } from '../lib/orm/orm-options';
import { SchemaMigrator } from '../lib/schema/schema-migrator';
import { createDatabase, type TestDatabase } from './test-databases';

const silent = { info: () => undefined, warn: () => undefined };

/**
 * Creates database `name` on the server of `adminUrl` and applies every migration to it: the
 * integration harness's template, and each benchmark's fresh database. Dropped again when migrating fails.
 */
export async function createMigratedDatabase(adminUrl: string, name: string, applicationName = 'sentiment-ingest-setup'): Promise<TestDatabase> {
  const database = await createDatabase(adminUrl, name);
  try {
    const orm = await MikroORM.init(createOrmOptions(database.config, { applicationName }));
    try {
      await new SchemaMigrator({ orm, db: database.config, lockTimeoutMs: 60_000, log: silent }).up();
    } finally {
      await orm.close(true);
    }
    return database;
  } catch (error) {
    await database.drop().catch(() => undefined);
    throw error;
  }
}
