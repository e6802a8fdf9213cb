import type { MigrationObject } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import type { DatabaseConfig } from '../config/database-config';
import { ALL_ENTITIES } from '../entities';
import { MIGRATIONS } from '../migrations';
import { CHECKSUMS_TABLE } from '../schema/migration-checksums';

/** Table in which MikroORM records applied migrations. */
export const MIGRATIONS_TABLE = 'mikro_orm_migrations';

/** Where migration sources live, relative to the workspace root (used by `migrator:create`). */
export const MIGRATIONS_SOURCE_DIR = 'libs/db/src/lib/migrations';

/**
 * MikroORM options for the sentiment-ingest schema. Pool and timeouts are explicit (see the README's
 * "Connection pooling" section); everything is passed as parts, never as a URL, so that the
 * password does not travel in strings that may end up in logs.
 */
export function createOrmOptions(
  db: DatabaseConfig,
  options: {
    applicationName: string;
    migrationsPath?: string;
    /** replaces the migration list (tests use it to simulate an edited migration) */
    migrations?: MigrationObject[];
    /** custom settings of every session, e.g. `sentiment.writer_role` for the roles migration */
    sessionSettings?: Readonly<Record<string, string>>;
  },
): Options {
  return defineConfig({
    host: db.host,
    port: db.port,
    user: db.user,
    password: db.password,
    dbName: db.database,
    entities: ALL_ENTITIES,
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    extensions: [Migrator],
    forceUtcTimezone: true,
    ensureDatabase: false,
    allowGlobalContext: false,
    debug: false,
    pool: {
      min: db.pool.min,
      max: db.pool.max,
      idleTimeoutMillis: db.pool.idleTimeoutMs,
      // how long a caller waits for a free connection before the pool gives up
      acquireTimeoutMillis: Math.max(db.connectTimeoutMs * 2, 10_000),
    },
    driverOptions: {
      connection: {
        connectionTimeoutMillis: db.connectTimeoutMs,
        statement_timeout: db.statementTimeoutMs,
        application_name: options.applicationName,
        ...sessionOptions(options.sessionSettings),
      },
    },
    schemaGenerator: {
      // bookkeeping tables of the migrator, not part of the entity model
      // and the hourly rollup, a table on OSS but a continuous aggregate on the community edition
      skipTables: [MIGRATIONS_TABLE, CHECKSUMS_TABLE, 'subreddit_activity_hourly', 'maintenance_watermarks'],
    },
    migrations: {
      tableName: MIGRATIONS_TABLE,
      migrationsList: options.migrations ?? MIGRATIONS,
      path: options.migrationsPath ?? MIGRATIONS_SOURCE_DIR,
      pathTs: options.migrationsPath ?? MIGRATIONS_SOURCE_DIR,
      // The drift check compares the entities with the live database, never with a snapshot file
      // (a stale snapshot hides drift: docs/design-notes.md, "MikroORM 6 facts verified here").
      snapshot: false,
      transactional: true,
      // progress is logged by the migrator app through pino, not printed by MikroORM
      silent: true,
      allOrNothing: true,
      // Disabling foreign keys needs superuser (session_replication_role); our migrations never need it.
      disableForeignKeys: false,
      emit: 'ts',
      fileName: (timestamp: string, name?: string) => `Migration${timestamp}${name ? `_${name}` : ''}`,
    },
  });
}

/** `-c name=value` start-up options; names and values are validated identifiers (no quoting needed). */
export function sessionOptions(settings: Readonly<Record<string, string>> | undefined): { options?: string } {
  const entries = Object.entries(settings ?? {});
  for (const [name, value] of entries) {
    if (!/^[a-z_][a-z0-9_.]*$/.test(name) || !/^[A-Za-z0-9_]+$/.test(value)) {
      throw new RangeError(`session setting ${name} must be an identifier`);
    }
  }
  return entries.length > 0 ? { options: entries.map(([n, v]) => `-c ${n}=${v}`).join(' ') } : {};
}
