import { ConfigError } from '@sentiment-ingest/db';
import { hnScraperEnvShape, parseHnScraperConfig } from './config';

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
  it('applies the documented defaults: the real API, the last 24 hours, a polite pace and its own health port', () => {
    expect(parseHnScraperConfig(base, 'environment DATABASE_URL')).toMatchObject({
      apiBaseUrl: 'https://hacker-news.firebaseio.com/v0',
      start: { kind: 'age', ms: 24 * 3_600_000 },
      concurrency: 8,
      maxRequestsPerS: 30,
      pollIntervalMs: 30_000,
      engagementMaxAgeMs: 48 * 3_600_000,
      nullRetryMs: 60_000,
      absentRecheckMs: 24 * 3_600_000,
      batchSize: 500,
      streamFailuresNotReady: 3,
      httpHost: '0.0.0.0',
      httpPort: 9465,
      logLevel: 'info',
    });
  });

  it('takes its own variables and the shared ones; a start id or duration; a base URL without its trailing slash', () => {
    const config = parseHnScraperConfig(
      {
        ...base,
        HN_API_BASE_URL: 'http://127.0.0.1:8080/v0/',
        HN_START: '42000000',
        HN_CONCURRENCY: '16',
        HN_MAX_REQUESTS_PER_S: '100',
        HN_POLL_INTERVAL_S: '2.5',
        HN_ENGAGEMENT_MAX_AGE_H: '0',
        HN_NULL_RETRY_S: '5',
        HTTP_PORT: '0',
      },
      'environment DATABASE_URL',
    );
    expect(config).toMatchObject({
      apiBaseUrl: 'http://127.0.0.1:8080/v0',
      start: { kind: 'id', id: 42_000_000 },
      concurrency: 16,
      maxRequestsPerS: 100,
      pollIntervalMs: 2500,
      engagementMaxAgeMs: 0,
      nullRetryMs: 5000,
      httpPort: 0,
    });
    expect(parseHnScraperConfig({ ...base, HN_START: '90m' }, 'environment DATABASE_URL').start).toEqual({ kind: 'age', ms: 90 * 60_000 });
    expect(config.db).toMatchObject({ host: 'localhost', port: 5433, database: 'ingest', user: 'writer' });
  });

  it('lists every problem at once, naming the variable and what it accepts', () => {
    expect(
      problemsOf({ ...base, HN_START: 'yesterday', HN_CONCURRENCY: '0', HN_API_BASE_URL: 'ftp://x', HN_POLL_INTERVAL_S: 'soon', HTTP_PORT: '70000' }),
    ).toEqual([
      'HN_API_BASE_URL must be an http(s) URL, e.g. https://hacker-news.firebaseio.com/v0',
      'HN_START must be an item id (e.g. 42000000) or a duration such as 90m, 24h or 7d (at most 366d)',
      'HN_CONCURRENCY must be at least 1',
      'HN_POLL_INTERVAL_S must be a number of seconds between 1 and 3600',
      'HTTP_PORT must be at most 65535',
    ]);
  });

  it('refuses a start further back than a year and a concurrency past 64', () => {
    expect(problemsOf({ ...base, HN_START: '400d', HN_CONCURRENCY: '65' })).toEqual([
      'HN_START must be an item id (e.g. 42000000) or a duration such as 90m, 24h or 7d (at most 366d)',
      'HN_CONCURRENCY must be at most 64',
    ]);
  });

  it('describes every variable for --help', () => {
    expect(Object.entries(hnScraperEnvShape).filter(([, schema]) => !schema.description).map(([name]) => name)).toEqual([]);
  });

  it('needs a database and never echoes its password', () => {
    expect(problemsOf({}).join('\n')).toMatch(/DATABASE_URL/);
    expect(problemsOf({ ...base, HN_POLL_INTERVAL_S: 'soon' }).join('\n')).not.toContain('s3cret');
  });
});
