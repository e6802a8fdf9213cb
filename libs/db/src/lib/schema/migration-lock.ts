import type { ClientBase } from 'pg';
import { MigrationLockTimeoutError } from '../errors';

/**
 * Advisory lock key shared by every migrator of this schema: the bytes of "SENTIMIG" as a bigint.
 * MikroORM 6 has no lock of its own (DESIGN.md §3), so two migrators would race without it.
 */
export const MIGRATION_LOCK_KEY = '6000848718495024967';

/** SQLSTATE lock_not_available: `lock_timeout` ran out while waiting for the lock. */
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * Runs `fn` while holding the migration advisory lock on `client`, a dedicated session that stays
 * open for the whole run. Waits at most `timeoutMs` for another migrator to finish.
 */
export async function withMigrationLock<T>(
  client: ClientBase,
  timeoutMs: number,
  fn: () => Promise<T>,
): Promise<T> {
  await client.query(`select set_config('lock_timeout', $1, false)`, [`${Math.max(1, Math.floor(timeoutMs))}ms`]);
  try {
    await client.query('select pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
  } catch (error) {
    if ((error as { code?: string }).code === LOCK_NOT_AVAILABLE) {
      throw new MigrationLockTimeoutError(
        `Another migrator held the migration lock for more than ${timeoutMs} ms. ` +
          'Wait for it to finish (or find it in pg_stat_activity, application_name ' +
          "'sentiment-ingest-migrator'), or raise MIGRATOR_LOCK_TIMEOUT_MS.",
        { cause: error },
      );
    }
    throw error;
  }
  try {
    return await fn();
  } finally {
    await client.query('select pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
  }
}
