import { ConfigError, DatabaseAccessDeniedError, DatabaseUnreachableError, SchemaNotReadyError, WriteFailedError } from '@sentiment-ingest/db';
import { InputError, ZstdMissingError } from '../archive/sources';
import { EXIT, type ExitCode } from './exit-codes';

/** The documented exit code for an error, by its class (never by its message). */
export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof ConfigError) return EXIT.CONFIG;
  if (error instanceof DatabaseUnreachableError || error instanceof DatabaseAccessDeniedError || error instanceof WriteFailedError) return EXIT.DATABASE;
  if (error instanceof SchemaNotReadyError) return EXIT.SCHEMA;
  if (error instanceof ZstdMissingError) return EXIT.ZSTD_MISSING;
  if (error instanceof InputError) return EXIT.INPUT;
  return EXIT.FAILURE;
}
