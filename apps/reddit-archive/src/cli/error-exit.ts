import { ConfigError, DatabaseAccessDeniedError, DatabaseUnreachableError, SchemaNotReadyError, WriteFailedError } from '@sentiment-ingest/db';
import { InputError, ZstdMissingError } from '../archive/sources';
import { ImportInterruptedError } from '../import/import-run';
import { EXIT, type ExitCode } from './exit-codes';

/** The documented exit code for an error, by its class (never by its message). */
export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof ConfigError) return EXIT.CONFIG;
  if (error instanceof DatabaseUnreachableError || error instanceof DatabaseAccessDeniedError || error instanceof WriteFailedError) return EXIT.DATABASE;
  if (error instanceof SchemaNotReadyError) return EXIT.SCHEMA;
  if (error instanceof ZstdMissingError) return EXIT.ZSTD_MISSING;
  if (error instanceof InputError) return EXIT.INPUT;
  if (error instanceof ImportInterruptedError) return error.signal === 'SIGTERM' ? EXIT.TERMINATED : EXIT.INTERRUPTED;
  return EXIT.FAILURE;
}
