import { databaseEnvShape, parseEnv, toDatabaseConfig } from '../config/database-config';
import { DatabaseAccessDeniedError, DatabaseUnreachableError, TimescaleUnavailableError } from '../errors';
import { isRetryableDatabaseError, RETRYABLE_ERRNO, RETRYABLE_SQLSTATES } from '../write/sqlstate';
import { toConnectionError } from './connection-errors';

const db = toDatabaseConfig(parseEnv(databaseEnvShape, { DATABASE_URL: 'postgres://ingest:pw-123@db.local:5433/sentiment' }));
const failure = (code?: string, message = 'low-level') => Object.assign(new Error(message), code ? { code } : {});
const withoutPassword = (source?: Parameters<typeof toDatabaseConfig>[1]) =>
  toDatabaseConfig(parseEnv(databaseEnvShape, { DATABASE_URL: 'postgres://ingest@db.local:5433/sentiment' }), source);
/** What node-pg throws when the server asks for SCRAM and the client has no password (pg 8.20). */
const SCRAM_NO_PASSWORD = 'SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string';

describe('toConnectionError', () => {
  it('says nothing listens when the connection is refused, and names host, port, database and user', () => {
    const error = toConnectionError(failure('ECONNREFUSED'), db);
    expect(error).toBeInstanceOf(DatabaseUnreachableError);
    expect(error.message).toMatch(/^Cannot reach the database at db\.local:5433\/sentiment as ingest: connection refused/);
  });

  it('blames the host name when it does not resolve', () => {
    expect(toConnectionError(failure('ENOTFOUND'), db).message).toContain('unknown host name');
  });

  it('points at the connect timeout when no answer came', () => {
    expect(toConnectionError(failure(undefined, 'timeout expired'), db).message).toContain(
      'no connection within the connect timeout (DB_CONNECT_TIMEOUT_MS)',
    );
  });

  it('recognises the connect timeout whatever the password, even one letter of its message', () => {
    const shortPassword = toDatabaseConfig(parseEnv(databaseEnvShape, { DATABASE_URL: 'postgres://u:p@db.local:5433/sentiment' }));
    expect(toConnectionError(failure(undefined, 'timeout expired'), shortPassword).message).toContain('DB_CONNECT_TIMEOUT_MS');
  });

  it('keeps the words of an error it does not recognise, so the real cause reaches the log', () => {
    const error = toConnectionError(failure(undefined, 'Connection terminated unexpectedly'), db);
    expect(error.message).toContain('Cannot reach the database at db.local:5433/sentiment as ingest: Connection terminated unexpectedly.');
    expect(error.message).not.toContain('DB_CONNECT_TIMEOUT_MS');
    expect(toConnectionError(failure('08P01', 'invalid startup packet layout'), db).message).toContain('invalid startup packet layout (08P01)');
  });

  it.each([
    [undefined, 'set PG_PASSWORD in .env, or put the password in DATABASE_URL'],
    ['.env DATABASE_URL_LOCAL', 'DATABASE_URL_LOCAL in .env has none: set PG_PASSWORD in .env (which DATABASE_URL_LOCAL refers to as ${PG_PASSWORD})'],
    ['environment DATABASE_URL', 'DATABASE_URL has none: put the password in DATABASE_URL (postgres://user:PASSWORD@host:5432/db'],
    ['PG_HOST, PG_PORT, PG_USER, PG_PASSWORD, PG_DB', 'has none: set PG_PASSWORD.'],
  ] as const)('says the password is missing, and what to set, when the URL (from %s) has none', (source, fix) => {
    const error = toConnectionError(failure(undefined, SCRAM_NO_PASSWORD), withoutPassword(source));
    expect(error).toBeInstanceOf(DatabaseAccessDeniedError);
    expect(error.message).toContain('Cannot use database db.local:5433/sentiment as ingest: the server asks for a password and ');
    expect(error.message).toContain(fix);
  });

  it('adds that no password was given when the server rejects an empty one', () => {
    expect(toConnectionError(failure('28P01'), withoutPassword()).message).toContain('No password was given: set PG_PASSWORD');
  });

  it.each([
    ['28P01', 'the password was rejected'],
    ['28000', 'refused this user'],
    ['3D000', 'the database does not exist'],
  ])('maps SQLSTATE %s to an access error: %s', (code, text) => {
    const error = toConnectionError(failure(code), db);
    expect(error).toBeInstanceOf(DatabaseAccessDeniedError);
    expect(error.message).toContain(text);
  });

  it('treats a server that is starting up as unreachable for now', () => {
    const error = toConnectionError(failure('57P03'), db);
    expect(error).toBeInstanceOf(DatabaseUnreachableError);
    expect(error.message).toContain('the server is not accepting connections yet (SQLSTATE 57P03)');
  });

  // One table (write/sqlstate.ts) decides what "retry later" means for connecting and for writing.
  it.each(Object.keys(RETRYABLE_ERRNO))('calls the network error %s unreachable, in the words of the shared table, as the write path retries it', (code) => {
    const error = failure(code);
    expect(toConnectionError(error, db)).toBeInstanceOf(DatabaseUnreachableError);
    expect(toConnectionError(error, db).message).toContain(`as ingest: ${RETRYABLE_ERRNO[code]}. Is TimescaleDB running`);
    expect(isRetryableDatabaseError(error)).toBe(true);
  });

  it.each(Object.keys(RETRYABLE_SQLSTATES))('calls SQLSTATE %s unreachable for now, in the words of the shared table', (code) => {
    const error = Object.assign(failure(code), { severity: 'FATAL' });
    expect(toConnectionError(error, db)).toBeInstanceOf(DatabaseUnreachableError);
    expect(toConnectionError(error, db).message).toContain(`${RETRYABLE_SQLSTATES[code]} (SQLSTATE ${code})`);
    expect(isRetryableDatabaseError(error)).toBe(true);
  });

  it.each(['28P01', '28000', '3D000'])('refuses for good what the write path would not retry either (SQLSTATE %s)', (code) => {
    const error = Object.assign(failure(code), { severity: 'FATAL' });
    expect(toConnectionError(error, db)).toBeInstanceOf(DatabaseAccessDeniedError);
    expect(isRetryableDatabaseError(error)).toBe(false);
  });

  it('never includes the password, not even when a driver message holds it', () => {
    for (const code of ['ECONNREFUSED', '28P01', undefined]) {
      expect(toConnectionError(failure(code, 'bad pw-123'), db).message).not.toContain('pw-123');
    }
  });

  it('passes an already typed error through', () => {
    const typed = new TimescaleUnavailableError('x');
    expect(toConnectionError(typed, db)).toBe(typed);
  });
});
