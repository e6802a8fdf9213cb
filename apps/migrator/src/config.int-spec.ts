import { createEmptyTestDatabase, type TestDatabase } from '@sentiment-ingest/db/testing';
import { runMigrator } from './testing/run-migrator';

let database: TestDatabase;

beforeAll(async () => {
  database = await createEmptyTestDatabase();
});

afterAll(async () => {
  await database.drop();
});

describe('migrator configuration mistakes', () => {
  it.each(['public', 'pg_monitor', 'current_user'])(
    'refuses DB_READER_ROLE=%s before touching the database (exit 3, one short line naming the variable)',
    async (role) => {
      const run = await runMigrator(['up'], { DATABASE_URL: database.url, DB_READER_ROLE: role });
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(new RegExp(`DB_READER_ROLE must not (be|start with) ${role.startsWith('pg_') ? 'pg_' : role}`));
      expect(run.stderr.length).toBeLessThan(600);
    },
  );

  it('refuses the same writer and reader role (exit 3)', async () => {
    const run = await runMigrator(['up'], { DATABASE_URL: database.url, DB_WRITER_ROLE: 'sentiment', DB_READER_ROLE: 'sentiment' });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('DB_WRITER_ROLE and DB_READER_ROLE must differ');
  });

  it('names the variable of a URL with a malformed %-escape and never prints the password (exit 3)', async () => {
    const url = new URL(database.url);
    const run = await runMigrator(['up'], { DATABASE_URL: `postgres://${url.username}:secret%zz@${url.host}${url.pathname}` });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('DATABASE_URL has a `%` that is not followed by two hex digits in its password');
    expect(run.stderr).not.toContain('secret');
    expect(run.stderr).not.toContain('URI malformed');
  });

  it('says the password is missing when the URL has none (exit 4, not a connect timeout)', async () => {
    const url = new URL(database.url);
    url.password = '';
    const run = await runMigrator(['up'], { DATABASE_URL: url.toString() });
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('the server asks for a password and DATABASE_URL has none: put the password in DATABASE_URL');
    expect(run.stderr).not.toContain('DB_CONNECT_TIMEOUT_MS');
  });
});
