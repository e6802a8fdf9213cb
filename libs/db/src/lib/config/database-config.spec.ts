import { ConfigError } from '../errors';
import { databaseEnvShape, parseEnv, toDatabaseConfig } from './database-config';

const url = 'postgres://ingest:s3cr%40t@db.example:6543/sentiment';

describe('database config', () => {
  it('applies the documented defaults when only DATABASE_URL is set', () => {
    const config = toDatabaseConfig(parseEnv(databaseEnvShape, { DATABASE_URL: url }));
    expect(config).toMatchObject({
      host: 'db.example',
      port: 6543,
      database: 'sentiment',
      user: 'ingest',
      pool: { min: 0, max: 10, idleTimeoutMs: 30_000 },
      connectTimeoutMs: 5_000,
      statementTimeoutMs: 60_000,
    });
    expect(config.password).toBe('s3cr@t');
  });

  it('never serialises the password', () => {
    const config = toDatabaseConfig(parseEnv(databaseEnvShape, { DATABASE_URL: url }));
    const text = JSON.stringify(config);
    expect(text).not.toContain('s3cr');
    expect(config.displayUrl).toBe('postgres://ingest:***@db.example:6543/sentiment');
  });

  it('reports every invalid variable at once, naming each one', () => {
    let error: unknown;
    try {
      parseEnv(databaseEnvShape, { DB_POOL_MAX: '0', DB_CONNECT_TIMEOUT_MS: 'soon' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/DATABASE_URL is not set: copy \.env\.example to \.env/);
    expect(problems.join('\n')).toMatch(/DB_POOL_MAX must be at least 1/);
    expect(problems.join('\n')).toMatch(/DB_CONNECT_TIMEOUT_MS must be a whole number/);
  });

  it('rejects a URL of another scheme without echoing it', () => {
    expect(() => parseEnv(databaseEnvShape, { DATABASE_URL: 'mysql://u:hunter2@h/db' })).toThrow(
      /DATABASE_URL must be a URL like postgres:\/\//,
    );
    try {
      parseEnv(databaseEnvShape, { DATABASE_URL: 'mysql://u:hunter2@h/db' });
    } catch (error) {
      expect(String(error)).not.toContain('hunter2');
    }
  });

  it('refuses a malformed %-escape as a ConfigError naming the variable and the fix, not the password', () => {
    const problemsOf = (options?: Parameters<typeof parseEnv>[3]) => {
      try {
        toDatabaseConfig(parseEnv(databaseEnvShape, { DATABASE_URL: 'postgres://u:hunter2%zz@h:5432/db' }, undefined, options));
      } catch (error) {
        return error instanceof ConfigError ? error.problems : [`not a ConfigError: ${String(error)}`];
      }
      return [];
    };
    expect(problemsOf()).toEqual([
      expect.stringMatching(/^DATABASE_URL has a `%` that is not followed by two hex digits in its password: percent-encode it \(`%` → %25/),
    ]);
    expect(problemsOf({ databaseUrlSource: '.env DATABASE_URL_LOCAL' })).toEqual([
      expect.stringMatching(/^DATABASE_URL_LOCAL in \.env has a `%`/),
    ]);
    expect(problemsOf().join()).not.toContain('hunter2');
  });

  it('remembers where the URL came from, for messages that name the variable to fix', () => {
    expect(toDatabaseConfig(parseEnv(databaseEnvShape, { DATABASE_URL: url }), '.env DATABASE_URL_LOCAL').urlSource).toBe(
      '.env DATABASE_URL_LOCAL',
    );
  });

  it('treats an empty variable as unset so the default applies', () => {
    expect(parseEnv(databaseEnvShape, { DATABASE_URL: url, DB_POOL_MAX: '' }).DB_POOL_MAX).toBe(10);
  });
});

