import { UnstorableValueError } from './copy-text';
import { retryableCodeMeaning } from './sqlstate-table';

export { RETRYABLE_ERRNO, RETRYABLE_SQLSTATE_CLASSES, RETRYABLE_SQLSTATES, retryableCodeMeaning } from './sqlstate-table';

/**
 * SQLSTATEs that blame the data of some row rather than the statement or the server: retrying the
 * same rows gives the same answer, but the other rows of the batch can be stored without them.
 * Class 22 (data exception: bad jsonb, numeric overflow, bad time), class 23 (a constraint), and
 * 54000 (program_limit_exceeded: e.g. a value too large for a btree index entry).
 */
const ROW_DATA_SQLSTATE_CLASSES = ['22', '23'];
const ROW_DATA_SQLSTATES = new Set(['54000']);

/** True when retrying the same statement later may succeed (the table of sqlstate-table.ts). */
export function isRetryableDatabaseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') {
    // pg reports a dropped connection without a code ("Connection terminated unexpectedly");
    // a value that cannot be encoded, or a bug (TypeError, RangeError), fails again on retry.
    if (error instanceof UnstorableValueError || error instanceof TypeError || error instanceof RangeError) return false;
    return error instanceof Error && !('severity' in error);
  }
  return retryableCodeMeaning(code) !== null;
}

/** True when the failure blames the data of one or more rows: store the others, set these aside. */
export function isRowDataError(error: unknown): boolean {
  if (error instanceof UnstorableValueError) return true;
  const code = sqlStateOf(error);
  if (code === null) return false;
  return ROW_DATA_SQLSTATES.has(code) || ROW_DATA_SQLSTATE_CLASSES.some((prefix) => code.startsWith(prefix));
}

/** The SQLSTATE of a server error, if any. */
export function sqlStateOf(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}
