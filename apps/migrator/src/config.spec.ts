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

describe('parseMigratorConfig login users', () => {
  const users = { DB_SCRAPER_USER: 'sentiment_scraper', DB_SCRAPER_PASSWORD: "it's\\secret", DB_ANALYST_USER: 'sentiment_analyst', DB_ANALYST_PASSWORD: 'pw2' };

  it('has none when neither user is set', () => {
    expect(parseMigratorConfig({ DATABASE_URL }, 'environment DATABASE_URL').loginUsers).toEqual([]);
  });

  it('grants the scraper user the writer role and the analyst user the reader role, passwords kept as given', () => {
    const config = parseMigratorConfig({ DATABASE_URL, ...users, DB_WRITER_ROLE: 'w', DB_READER_ROLE: 'r' }, 'environment DATABASE_URL');
    expect(config.loginUsers.map((u) => ({ purpose: u.purpose, name: u.name, memberOf: u.memberOf, password: u.password }))).toEqual([
      { purpose: 'scraper', name: 'sentiment_scraper', memberOf: 'w', password: "it's\\secret" },
      { purpose: 'analyst', name: 'sentiment_analyst', memberOf: 'r', password: 'pw2' },
    ]);
  });

  it('never serialises a password (a log line of the config holds none)', () => {
    const config = parseMigratorConfig({ DATABASE_URL, ...users }, 'environment DATABASE_URL');
    expect(JSON.stringify(config.loginUsers)).not.toMatch(/secret|pw2/);
  });

  it('refuses a user without a password, saying what to set', () => {
    expect(problemsOf({ DB_SCRAPER_USER: 'sentiment_scraper' })).toEqual([
      'DB_SCRAPER_PASSWORD is not set: DB_SCRAPER_USER=sentiment_scraper needs a password. Set DB_SCRAPER_PASSWORD in .env, ' +
        'or leave DB_SCRAPER_USER empty to create no scraper user',
    ]);
    expect(problemsOf({ DB_ANALYST_USER: 'sentiment_analyst', DB_ANALYST_PASSWORD: '   ' })).toEqual([
      expect.stringMatching(/^DB_ANALYST_PASSWORD is not set: DB_ANALYST_USER=sentiment_analyst needs a password/),
    ]);
  });

  it('refuses a password without a user', () => {
    expect(problemsOf({ DB_ANALYST_PASSWORD: 'pw' })).toEqual([
      'DB_ANALYST_PASSWORD is set but DB_ANALYST_USER is empty: set DB_ANALYST_USER (e.g. sentiment_analyst) to create that user, or remove DB_ANALYST_PASSWORD',
    ]);
  });

  it("refuses the migrator's own user (the owner of every table), a group role, or one user for both", () => {
    expect(problemsOf({ DB_SCRAPER_USER: 'migrator', DB_SCRAPER_PASSWORD: 'pw' })).toEqual([
      expect.stringMatching(/^DB_SCRAPER_USER must not be migrator, the migrator's own user \(the owner of every table\)/),
    ]);
    expect(problemsOf({ DB_ANALYST_USER: 'sentiment_reader', DB_ANALYST_PASSWORD: 'pw' })).toEqual([
      expect.stringMatching(/^DB_ANALYST_USER must not be a group role/),
    ]);
    expect(problemsOf({ ...users, DB_ANALYST_USER: 'sentiment_scraper' })).toEqual([expect.stringMatching(/^DB_SCRAPER_USER and DB_ANALYST_USER must differ/)]);
  });

  it('refuses a user name that is not a plain role name, and never echoes a password', () => {
    const problems = problemsOf({ DB_SCRAPER_USER: 'Robert"); drop', DB_SCRAPER_PASSWORD: 'hunter2' });
    expect(problems).toEqual(['DB_SCRAPER_USER must be a lower-case PostgreSQL role name (letters, digits, _)']);
    expect(problemsOf({ DB_SCRAPER_USER: 'pg_scraper', DB_SCRAPER_PASSWORD: 'hunter2' }).join()).not.toContain('hunter2');
  });
});
