import { createHash } from 'node:crypto';
import type { Configuration, MigrationObject } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import type { AbstractSqlDriver } from '@mikro-orm/knex';

type MigrationClass = new (driver: AbstractSqlDriver, config: Configuration) => Migration;

/**
 * The SQL a migration would run, without running it: instantiate, call `up()`/`down()`, read the
 * queued statements. Holds only for migrations that use `addSql()` alone, which is the house rule
 * (README, "Adding a migration"); `this.execute()` inside a migration would run for real.
 */
export async function renderMigrationSql(
  migration: MigrationObject,
  direction: 'up' | 'down',
  driver: AbstractSqlDriver,
  config: Configuration,
): Promise<string[]> {
  const instance = new (migration.class as MigrationClass)(driver, config);
  instance.reset();
  await instance[direction]();
  return instance.getQueries().map((query) => (typeof query === 'string' ? query : query.toQuery()));
}

/** A stable fingerprint of a migration's SQL: sha256 of its statements, one per line. */
export function checksumOf(statements: readonly string[]): string {
  return createHash('sha256').update(statements.join('\n')).digest('hex');
}
