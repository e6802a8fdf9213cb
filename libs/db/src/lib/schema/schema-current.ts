import type { MikroORM } from '@mikro-orm/postgresql';
import { DatabaseAccessDeniedError, SchemaNotReadyError } from '../errors';
import { CHECKSUMS_TABLE } from './migration-checksums';
import { MIGRATIONS_TABLE } from '../orm/orm-options';
import { ormConnectionSource } from '../write/connection-sources';
import { isRetryableDatabaseError, sqlStateOf } from '../write/sqlstate';
import { computeChecksums, listedMigrations, readMigrationHistory } from './migration-history';
import { describeMigrations, schemaNotCurrentReason } from './migration-status';

/**
 * Refuses to go on unless the database has every migration of this build, each with the SQL it has
 * now: throws {@link SchemaNotReadyError} naming each pending or changed migration and telling to run
 * the migrator. Every scraper calls it at start, before reading or writing a row; only the migrator
 * changes the schema.
 *
 * Read-only, through the ORM's own pool (so it works behind PgBouncer too): it reads
 * `mikro_orm_migrations` and `schema_migration_checksums`, which the writer role may read
 * (least-privilege migration). A user that may not read them gets a
 * {@link DatabaseAccessDeniedError} saying which role to grant.
 */
export async function assertSchemaCurrent(orm: MikroORM): Promise<void> {
  const computed = await computeChecksums(listedMigrations(orm.config), orm.em.getDriver(), orm.config);
  const connections = ormConnectionSource(orm);
  const client = await connections.acquire();
  let history;
  try {
    history = await readMigrationHistory(client, computed);
  } catch (error) {
    connections.release(client, error instanceof Error && isRetryableDatabaseError(error) ? error : undefined);
    if (sqlStateOf(error) === '42501') {
      const user = orm.config.get('user') ?? '(the configured user)';
      throw new DatabaseAccessDeniedError(
        `The database user ${user} may not read the migration history (${MIGRATIONS_TABLE}, ${CHECKSUMS_TABLE}), so the schema ` +
          `cannot be checked: ${(error as Error).message}. Scrapers log in as a user of the writer role: ` +
          `GRANT sentiment_writer TO "${user}" (or your DB_WRITER_ROLE), once the migrator has run.`,
        { cause: error },
      );
    }
    throw error;
  }
  connections.release(client);
  const reason = schemaNotCurrentReason(describeMigrations({ known: [...computed.keys()], applied: history.applied, changed: history.changed }));
  if (reason !== null) throw new SchemaNotReadyError(reason);
}
