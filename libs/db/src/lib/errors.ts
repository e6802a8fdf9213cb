/**
 * Errors of the database library, grouped by what the caller does next
 * (docs/design-notes.md, "Code conventions").
 * Every error has a stable `code`; the original error travels as `cause`.
 * Messages never contain a password: URLs are shown through `describeTarget()`.
 */
export abstract class DbError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * The configuration is invalid (code `CONFIG_INVALID`); fix the environment and start again. It lives
 * in libs/runtime, where tools without the ORM read their settings too; re-exported for compatibility.
 */
export { ConfigError } from '@sentiment-ingest/runtime';

/** No connection could be made (refused, unknown host, timeout). Retrying later may help. */
export class DatabaseUnreachableError extends DbError {
  readonly code = 'DB_UNREACHABLE';
}

/** The server answered but refused the credentials or the database. Retrying will not help. */
export class DatabaseAccessDeniedError extends DbError {
  readonly code = 'DB_ACCESS_DENIED';
}

/** The connection goes through a pooler (PgBouncer): session state such as advisory locks does not hold. */
export class PooledConnectionError extends DbError {
  readonly code = 'DB_POOLED_CONNECTION';
}

/** The server does not provide TimescaleDB (package missing or not preloaded). */
export class TimescaleUnavailableError extends DbError {
  readonly code = 'TIMESCALEDB_UNAVAILABLE';
}

/** An applied migration's SQL differs from the SQL it had when applied (Flyway's `validate`). */
export class MigrationChecksumError extends DbError {
  readonly code = 'MIGRATION_CHECKSUM_MISMATCH';
  constructor(readonly migrations: readonly string[]) {
    super(
      `Applied migration(s) changed since they were applied: ${migrations.join(', ')}. ` +
        'A migration that has run anywhere must never be edited: restore its original SQL ' +
        'and put the change in a new migration (npx nx run migrator:create --name <what-changes>).',
    );
  }
}

/** Another migrator held the migration lock for longer than the configured timeout. */
export class MigrationLockTimeoutError extends DbError {
  readonly code = 'MIGRATION_LOCK_TIMEOUT';
}

/** The schema is not at the version this code expects (pending migrations, drift). */
export class SchemaNotReadyError extends DbError {
  readonly code = 'SCHEMA_NOT_READY';
}

/** A write could not be completed; nothing of the batch was stored. Retrying may help. */
export class WriteFailedError extends DbError {
  readonly code = 'WRITE_FAILED';
  /** true when the same batch may succeed later (connection lost, deadlock, server restart) */
  readonly retryable: boolean;
  readonly sqlState: string | null;
  constructor(message: string, options: { cause?: unknown; retryable: boolean; sqlState: string | null }) {
    super(message, { cause: options.cause });
    this.retryable = options.retryable;
    this.sqlState = options.sqlState;
  }
}

/**
 * The migrator's database user lacks a privilege that a migration needs, or an admin's one-time step
 * is missing (docs/managed-databases.md). Retrying will not help until an admin acts.
 */
export class InsufficientPrivilegeError extends DbError {
  readonly code = 'DB_INSUFFICIENT_PRIVILEGE';
}
