import { databaseEnvShape, parseEnv, toDatabaseConfig } from '../config/database-config';
import { DatabaseAccessDeniedError, DatabaseUnreachableError, TimescaleUnavailableError } from '../errors';
import { toConnectionError } from './connection-errors';

const db = toDatabaseConfig(parseEnv(databaseEnvShape, { DATABASE_URL: 'postgres://ingest:pw-123@db.local:5433/sentiment' }));
const failure = (code?: string) => Object.assign(new Error('low-level'), code ? { code } : {});

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
    expect(toConnectionError(failure(), db).message).toContain('DB_CONNECT_TIMEOUT_MS');
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
    expect(toConnectionError(failure('57P03'), db)).toBeInstanceOf(DatabaseUnreachableError);
  });

  it('never includes the password', () => {
    for (const code of ['ECONNREFUSED', '28P01', undefined]) expect(toConnectionError(failure(code), db).message).not.toContain('pw-123');
  });

  it('passes an already typed error through', () => {
    const typed = new TimescaleUnavailableError('x');
    expect(toConnectionError(typed, db)).toBe(typed);
  });
});
