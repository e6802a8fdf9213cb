/** Exit codes of the migrator, documented in the README ("Migrator commands"). Stable: scripts rely on them. */
export const EXIT = Object.freeze({
  OK: 0,
  /** an unexpected error; the log has the stack */
  FAILURE: 1,
  /** unknown command or bad option */
  USAGE: 2,
  /** invalid configuration (every problem is listed) */
  CONFIG: 3,
  /** database unreachable, or credentials/database refused */
  DATABASE: 4,
  /** the server lacks TimescaleDB, or does not preload it */
  TIMESCALEDB: 5,
  /** `verify`: the schema is not as the migrations promise (pending, missing hypertable, ...) */
  NOT_READY: 6,
  /** `check`: the entities and the database differ */
  DRIFT: 7,
  /** an applied migration was edited after it ran */
  CHECKSUM: 8,
  /** another migrator held the lock past MIGRATOR_LOCK_TIMEOUT_MS */
  LOCK_TIMEOUT: 9,
  /** DATABASE_URL goes through a pooler (PgBouncer); the migrator needs the server itself */
  POOLED: 10,
  /** the database user lacks a privilege a migration needs, or an admin's one-time step is missing */
  PRIVILEGE: 11,
});

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
