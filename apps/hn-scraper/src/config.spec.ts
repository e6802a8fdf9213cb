import { ConfigError } from '@sentiment-ingest/db';
import { parseHnScraperConfig } from './config';

const base = { DATABASE_URL: 'postgres://writer:s3cret@localhost:5433/ingest' };

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    parseHnScraperConfig(env, 'environment DATABASE_URL');
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('parseHnScraperConfig', () => {
  it('applies the documented defaults, with its own health port', () => {
    expect(parseHnScraperConfig(base, 'environment DATABASE_URL')).toMatchObject({
      pollIntervalMs: 60_000,
      streamFailuresNotReady: 3,
      httpHost: '0.0.0.0',
      httpPort: 9465,
      logLevel: 'info',
    });
  });

  it('takes its own variables and the shared ones', () => {
    const config = parseHnScraperConfig(
      { ...base, HN_POLL_INTERVAL_S: '2.5', HN_STREAM_FAILURES_NOT_READY: '5', HTTP_PORT: '0' },
      'environment DATABASE_URL',
    );
    expect(config).toMatchObject({ pollIntervalMs: 2500, streamFailuresNotReady: 5, httpPort: 0 });
    expect(config.db).toMatchObject({ host: 'localhost', port: 5433, database: 'ingest', user: 'writer' });
  });

  it('lists every problem at once, naming the variable and the unit', () => {
    expect(problemsOf({ ...base, HN_POLL_INTERVAL_S: 'soon', HN_STREAM_FAILURES_NOT_READY: '0', HTTP_PORT: '70000' })).toEqual([
      'HTTP_PORT must be at most 65535',
      'HN_POLL_INTERVAL_S must be a number of seconds between 1 and 86400',
      'HN_STREAM_FAILURES_NOT_READY must be at least 1',
    ]);
  });

  it('refuses a poll interval longer than a day', () => {
    expect(problemsOf({ ...base, HN_POLL_INTERVAL_S: '86401' })).toEqual(['HN_POLL_INTERVAL_S must be at most 86400']);
  });

  it('needs a database and never echoes its password', () => {
    expect(problemsOf({}).join('\n')).toMatch(/DATABASE_URL/);
    expect(problemsOf({ ...base, HN_POLL_INTERVAL_S: 'soon' }).join('\n')).not.toContain('s3cret');
  });
});
