import { ConfigError } from '@sentiment-ingest/db';
import { parseMigratorConfig } from './config';

const DATABASE_URL = 'postgres://migrator:pw@db.local:5432/sentiment';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    parseMigratorConfig({ DATABASE_URL, ...env }, 'environment DATABASE_URL');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('parseMigratorConfig role names', () => {
  it('passes the writer and reader roles to the roles migration as session settings', () => {
    const config = parseMigratorConfig({ DATABASE_URL, DB_WRITER_ROLE: 'scrapers', DB_READER_ROLE: 'analysts' }, 'environment DATABASE_URL');
    expect(config.roleSettings).toEqual({
      'sentiment.writer_role': 'scrapers',
      'sentiment.reader_role': 'analysts',
      'sentiment.create_roles': 'on',
    });
  });

  it.each(['public', 'none', 'current_user', 'session_user', 'current_role'])('refuses %s, a name PostgreSQL reserves', (name) => {
    expect(problemsOf({ DB_READER_ROLE: name })).toEqual([
      `DB_READER_ROLE must not be ${name}: PostgreSQL reserves that name; choose a name of your own, e.g. sentiment_reader`,
    ]);
  });

  it.each(['pg_monitor', 'pg_read_all_data', 'pg_anything'])('refuses %s: pg_ names belong to PostgreSQL\'s predefined roles', (name) => {
    expect(problemsOf({ DB_WRITER_ROLE: name })).toEqual([
      'DB_WRITER_ROLE must not start with pg_: PostgreSQL reserves those names for its predefined roles; ' +
        'choose a name of your own, e.g. sentiment_writer',
    ]);
  });

  it('reports both roles at once when both are reserved', () => {
    expect(problemsOf({ DB_WRITER_ROLE: 'pg_write_all_data', DB_READER_ROLE: 'public' })).toHaveLength(2);
  });

  it('refuses the same role for writers and readers', () => {
    expect(problemsOf({ DB_WRITER_ROLE: 'sentiment', DB_READER_ROLE: 'sentiment' })).toEqual([
      expect.stringMatching(/^DB_WRITER_ROLE and DB_READER_ROLE must differ/),
    ]);
    expect(problemsOf({ DB_READER_ROLE: 'sentiment_writer' })).toHaveLength(1);
  });

  it('accepts names that merely contain a reserved word', () => {
    expect(problemsOf({ DB_WRITER_ROLE: 'public_writer', DB_READER_ROLE: 'nonevent' })).toEqual([]);
  });
});

describe('parseMigratorConfig database URL', () => {
  it('names the variable the URL came from in its problems, without the password', () => {
    let problems: readonly string[] = [];
    try {
      parseMigratorConfig({ DATABASE_URL: 'postgres://u:se%cret@h/db' }, '.env DATABASE_URL_LOCAL');
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([expect.stringMatching(/^DATABASE_URL_LOCAL in \.env has a `%` that is not followed by two hex digits/)]);
    expect(problems.join()).not.toContain('cret');
  });

  it('remembers the URL source for connection errors', () => {
    expect(parseMigratorConfig({ DATABASE_URL }, '.env DATABASE_URL_LOCAL').db.urlSource).toBe('.env DATABASE_URL_LOCAL');
  });
});
