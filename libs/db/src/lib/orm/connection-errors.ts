import type { DatabaseConfig } from '../config/database-config';
import { missingPasswordFix, urlVariableLabel } from '../config/url-source';
import { DatabaseAccessDeniedError, DatabaseUnreachableError, DbError } from '../errors';
import { RETRYABLE_ERRNO, RETRYABLE_SQLSTATES } from '../write/sqlstate-table';

/** SQLSTATEs that mean "the server refused us" (class 28, and 3D000 invalid_catalog_name). */
const ACCESS_DENIED_SQLSTATES: Readonly<Record<string, string>> = {
  '28P01': 'the password was rejected',
  '28000': 'the server refused this user (check pg_hba.conf and the user name)',
  '3D000': 'the database does not exist',
};

// node-pg refuses to start SCRAM authentication without a password by throwing a plain Error, with
// neither SQLSTATE nor errno (pg/lib/crypto/sasl.js, `continueSession`): its message is all there
// is to recognise it by. The server asked for a password and the URL has none.
const SCRAM_WITHOUT_PASSWORD = /^SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a (non-empty )?string$/;

/**
 * Maps a failure to connect into a typed error that names the target (never the password) and what
 * to check. Already-typed errors pass through.
 */
export function toConnectionError(error: unknown, db: DatabaseConfig): DbError {
  if (error instanceof DbError) return error;
  const target = `${db.host}:${db.port}/${db.database} as ${db.user}`;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === undefined && SCRAM_WITHOUT_PASSWORD.test(message)) {
    return new DatabaseAccessDeniedError(
      `Cannot use database ${target}: the server asks for a password and ${urlVariableLabel(db.urlSource)} ` +
        `has none: ${missingPasswordFix(db.urlSource)}.`,
      { cause: error },
    );
  }
  if (typeof code === 'string' && code in ACCESS_DENIED_SQLSTATES) {
    const missing = code === '28P01' && db.password === '' ? ` No password was given: ${missingPasswordFix(db.urlSource)}.` : '';
    return new DatabaseAccessDeniedError(
      `Cannot use database ${target}: ${ACCESS_DENIED_SQLSTATES[code]} (SQLSTATE ${code}).${missing} ` +
        'Check PG_USER, PG_PASSWORD and PG_DB in .env (or DATABASE_URL).',
      { cause: error },
    );
  }
  const reason = describeUnreachable(code, message, db.password);
  return new DatabaseUnreachableError(
    `Cannot reach the database at ${target}: ${reason}. Is TimescaleDB running ` +
      '(`docker compose up timescaledb` or `npm run db:local`), and do the host and port in ' +
      'DATABASE_URL (or PG_HOST_LOCAL/PG_PORT_HOST in .env) point at it?',
    { cause: error },
  );
}

/**
 * Why the server could not be reached, in the words of the package's retryable-error table
 * (`write/sqlstate-table.ts`), so that what a connection calls "retry later" is what the write path retries.
 * A SQLSTATE matched only by its class (08) keeps the server's own, more precise words.
 */
function describeUnreachable(code: unknown, message: string, password: string): string {
  if (typeof code === 'string') {
    const network = RETRYABLE_ERRNO[code];
    if (network !== undefined) return network;
    const server = RETRYABLE_SQLSTATES[code];
    if (server !== undefined) return `${server} (SQLSTATE ${code})`;
  }
  return describeUnrecognised(code, message, password);
}

// node-pg's connect timeout is a plain Error with this message (pg/lib/client.js, connectionTimeoutMillis).
const PG_CONNECT_TIMEOUT = 'timeout expired';

/** Any other failure keeps its own words in the message, so the real cause reaches the log. */
function describeUnrecognised(code: unknown, message: string, password: string): string {
  if (message === PG_CONNECT_TIMEOUT) return 'no connection within the connect timeout (DB_CONNECT_TIMEOUT_MS)';
  // Driver and server messages carry no password; this guards the one that would.
  const words = password === '' ? message : message.split(password).join('***');
  return `${words || 'unknown error'}${typeof code === 'string' && !message.includes(code) ? ` (${code})` : ''}`;
}
