import type { MigrationObject } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/postgresql';
import type { DatabaseConfig } from '../config/database-config';
import { openDirectConnection } from './direct-connection';
import { createOrmOptions } from './orm-options';

/**
 * Connects MikroORM after a direct probe connection, so that a dead or misconfigured database
 * fails fast with a typed error that says what to check (MikroORM itself only logs and goes on).
 */
export async function openOrm(
  db: DatabaseConfig,
  options: {
    applicationName: string;
    migrationsPath?: string;
    migrations?: MigrationObject[];
    sessionSettings?: Readonly<Record<string, string>>;
  },
): Promise<MikroORM> {
  const probe = await openDirectConnection(db, options.applicationName);
  await probe.end();
  return MikroORM.init(createOrmOptions(db, options));
}
