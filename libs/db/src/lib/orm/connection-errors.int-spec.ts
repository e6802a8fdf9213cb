import { Client } from 'pg';
import { createEmptyTestDatabase, type TestDatabase } from '../../testing';
import { databaseEnvShape, parseEnv, toDatabaseConfig } from '../config/database-config';
import { DatabaseAccessDeniedError, DbError } from '../errors';
import { openDirectConnection } from './direct-connection';

let database: TestDatabase;

beforeAll(async () => {
  database = await createEmptyTestDatabase();
});

afterAll(async () => {
  await database.drop();
});

function configFor(url: string) {
  return toDatabaseConfig(parseEnv(databaseEnvShape, { DATABASE_URL: url, DB_CONNECT_TIMEOUT_MS: '10000' }), '.env DATABASE_URL_LOCAL');
}

describe('connection errors from a real server', () => {
  it('says the password is missing, at once, when the URL has none and the server asks for one (SCRAM)', async () => {
    const url = new URL(database.url);
    url.password = '';
    const started = Date.now();
    const error = await openDirectConnection(configFor(url.toString()), 'connection-errors-test').then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(DatabaseAccessDeniedError);
    expect((error as Error).message).toContain(
      'the server asks for a password and DATABASE_URL_LOCAL in .env has none: set PG_PASSWORD in .env',
    );
    // not a connect timeout: the 10 s budget is nowhere near used
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('keeps the server\'s own words for a refusal it has no mapping for (SQLSTATE 55000)', async () => {
    const closed = await createEmptyTestDatabase();
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    try {
      await admin.query(`alter database "${closed.name}" with allow_connections false`);
      const error = await openDirectConnection(configFor(closed.url), 'connection-errors-test').then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(DbError);
      expect((error as Error).message).toContain(`database "${closed.name}" is not currently accepting connections (55000)`);
      expect((error as Error).message).not.toContain('DB_CONNECT_TIMEOUT_MS');
    } finally {
      await admin.end();
      await closed.drop();
    }
  });
});
