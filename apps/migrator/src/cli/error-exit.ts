import {
  ConfigError,
  DatabaseAccessDeniedError,
  DatabaseUnreachableError,
  InsufficientPrivilegeError,
  MigrationChecksumError,
  MigrationLockTimeoutError,
  PooledConnectionError,
  SchemaNotReadyError,
  TimescaleUnavailableError,
} from '@sentiment-ingest/db';
import { EXIT, type ExitCode } from './exit-codes';

/** The documented exit code for an error, by its class (never by its message). */
export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof ConfigError) return EXIT.CONFIG;
  if (error instanceof DatabaseUnreachableError || error instanceof DatabaseAccessDeniedError) return EXIT.DATABASE;
  if (error instanceof TimescaleUnavailableError) return EXIT.TIMESCALEDB;
  if (error instanceof MigrationChecksumError) return EXIT.CHECKSUM;
  if (error instanceof MigrationLockTimeoutError) return EXIT.LOCK_TIMEOUT;
  if (error instanceof SchemaNotReadyError) return EXIT.NOT_READY;
  if (error instanceof PooledConnectionError) return EXIT.POOLED;
  if (error instanceof InsufficientPrivilegeError) return EXIT.PRIVILEGE;
  return EXIT.FAILURE;
}

/** True when the error's message is the whole story (a stack trace would only add noise). */
export function isExpectedError(error: unknown): boolean {
  return exitCodeFor(error) !== EXIT.FAILURE;
}
