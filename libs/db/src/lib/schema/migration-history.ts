import type { Configuration, MigrationObject } from '@mikro-orm/core';
import type { AbstractSqlDriver } from '@mikro-orm/knex';
import type { ClientBase } from 'pg';
import { MIGRATIONS_TABLE } from '../orm/orm-options';
import { readChecksums } from './migration-checksums';
import { checksumOf, renderMigrationSql } from './migration-sql';
import { toDate } from '../state/timestamptz';
import { normalizeName, type AppliedMigration } from './migration-status';

/**
 * The readers behind every view of the migration history: what this build lists, what the database
 * applied, and whose SQL changed since. Shared by the migrator (SchemaMigrator) and the scrapers'
 * start-up check (assertSchemaCurrent). Read-only: they need `select` on `mikro_orm_migrations` and
 * `schema_migration_checksums` and nothing else.
 */

/** What the history of one database says, measured against this build's migrations. */
export interface MigrationHistory {
  /** applied migrations, in the order they ran */
  readonly applied: AppliedMigration[];
  /** applied migrations whose SQL now differs from the checksum recorded when they were applied */
  readonly changed: Set<string>;
  /** applied migrations this build knows that have no recorded checksum (applied before checksums existed) */
  readonly unrecorded: string[];
}

/** The migrations an ORM config lists, in run order (our config always lists named objects: orm-options.ts). */
export function listedMigrations(config: Configuration): MigrationObject[] {
  return (config.get('migrations').migrationsList ?? []).filter(
    (entry): entry is MigrationObject => typeof entry === 'object' && 'name' in entry,
  );
}

/** The checksum of each migration's SQL as this build renders it, by name; no connection needed. */
export async function computeChecksums(
  migrations: readonly MigrationObject[],
  driver: AbstractSqlDriver,
  config: Configuration,
): Promise<Map<string, string>> {
  const computed = new Map<string, string>();
  for (const migration of migrations) computed.set(migration.name, checksumOf(await renderMigrationSql(migration, 'up', driver, config)));
  return computed;
}

/** Applied migrations in the order they ran; empty before the first `up`. */
export async function readApplied(client: ClientBase): Promise<AppliedMigration[]> {
  const { rows: exists } = await client.query<{ present: boolean }>(`select to_regclass($1) is not null as present`, [
    MIGRATIONS_TABLE,
  ]);
  if (!exists[0]?.present) return [];
  const { rows } = await client.query<{ name: string; executed_at: Date | string | null }>(
    `select "name", "executed_at" from "${MIGRATIONS_TABLE}" order by "id"`,
  );
  return rows.map((row) => ({ name: normalizeName(row.name), executedAt: row.executed_at === null ? null : toDate(row.executed_at) }));
}

/**
 * Reads the applied migrations and the recorded checksums, and compares each applied migration's
 * recorded checksum with `computed` (this build's). Applied migrations this build does not know are
 * left to `describeMigrations` (state `unknown`).
 */
export async function readMigrationHistory(client: ClientBase, computed: ReadonlyMap<string, string>): Promise<MigrationHistory> {
  const recorded = await readChecksums(client);
  const applied = await readApplied(client);
  const changed = new Set<string>();
  const unrecorded: string[] = [];
  for (const { name } of applied) {
    const now = computed.get(name);
    const then = recorded.get(name);
    if (now === undefined) continue;
    if (then === undefined) unrecorded.push(name);
    else if (then !== now) changed.add(name);
  }
  return { applied, changed, unrecorded };
}
