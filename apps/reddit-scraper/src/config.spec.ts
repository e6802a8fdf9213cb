import { ConfigError } from '@sentiment-ingest/db';
import { parseScraperConfig, scraperEnvShape } from './config';

const base = {
  DATABASE_URL: 'postgres://u:p@localhost:5433/d',
  REDDIT_CLIENT_ID: 'abc',
  REDDIT_CLIENT_SECRET: 'shh',
  REDDIT_USER_AGENT: 'linux:sentiment-ingest:0.1.0 (by /u/someone)',
  REDDIT_SUBREDDITS: 'news,worldnews',
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    parseScraperConfig(env, 'environment DATABASE_URL');
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('parseScraperConfig', () => {
  it('applies the documented defaults', () => {
    const config = parseScraperConfig(base, 'environment DATABASE_URL');
    expect(config).toMatchObject({
      apiBaseUrl: 'https://oauth.reddit.com',
      authUrl: 'https://www.reddit.com/api/v1/access_token',
      subreddits: ['news', 'worldnews'],
      pollMinIntervalMs: 15_000,
      pollMaxIntervalMs: 300_000,
      engagementMaxAgeMs: 48 * 3_600_000,
      redactDeleted: true,
      maxResponseBytes: 8 * 1024 * 1024,
      maxBatchBytes: 8 * 1024 * 1024,
      streamFailuresNotReady: 3,
      httpHost: '0.0.0.0',
      httpPort: 9464,
      historySince: null,
      healBudgetPct: 30,
      healMaxWalkMs: 6 * 3_600_000,
    });
  });

  it('reads the first run history and the healing budget', () => {
    const config = parseScraperConfig({ ...base, REDDIT_HISTORY_SINCE: '3h', REDDIT_HEAL_BUDGET_PCT: '50', REDDIT_HEAL_MAX_HOURS: '1.5' }, 'environment DATABASE_URL');
    expect(config).toMatchObject({ historySince: { kind: 'age', ms: 3 * 3_600_000 }, healBudgetPct: 50, healMaxWalkMs: 5_400_000 });
    expect(parseScraperConfig({ ...base, REDDIT_HISTORY_SINCE: '2026-11-01T00:00:00Z' }, 'environment DATABASE_URL').historySince).toEqual({
      kind: 'time',
      at: new Date('2026-11-01T00:00:00Z'),
    });
  });

  it('says what REDDIT_HISTORY_SINCE and the healing budget accept', () => {
    const problems = problemsOf({ ...base, REDDIT_HISTORY_SINCE: 'last week', REDDIT_HEAL_BUDGET_PCT: '120' });
    expect(problems).toContain('REDDIT_HISTORY_SINCE must be an ISO time (e.g. 2026-11-01T00:00:00Z) or a duration such as 90m, 24h or 7d (at most 366d back)');
    expect(problems).toContain('REDDIT_HEAL_BUDGET_PCT must be at most 100');
  });

  it('takes the interface of the health server from HTTP_HOST', () => {
    expect(parseScraperConfig({ ...base, HTTP_HOST: '127.0.0.1' }, 'environment DATABASE_URL').httpHost).toBe('127.0.0.1');
    expect(problemsOf({ ...base, HTTP_HOST: 'local host' }).join('\n')).toMatch(/^HTTP_HOST must be an interface address or host name/);
  });

  it('refuses memory bounds too small to hold one page', () => {
    expect(problemsOf({ ...base, REDDIT_MAX_RESPONSE_BYTES: '1000', REDDIT_MAX_BATCH_BYTES: 'lots' })).toEqual([
      'REDDIT_MAX_RESPONSE_BYTES must be at least 65536',
      'REDDIT_MAX_BATCH_BYTES must be a whole number between 65536 and 1073741824',
    ]);
  });

  it.each([
    [{ REDDIT_USERNAME: 'me', REDDIT_PASSWORD: 'pw' }, 'password'],
    [{}, 'client_credentials'],
    [{ REDDIT_CLIENT_SECRET: undefined, REDDIT_DEVICE_ID: 'device-id-of-twenty-chars' }, 'installed_client'],
  ])('chooses the OAuth grant from the credentials given (%p -> %s)', (extra, kind) => {
    expect(parseScraperConfig({ ...base, ...extra }, 'environment DATABASE_URL').credentials.kind).toBe(kind);
  });

  it('lists every missing variable at once with what to set', () => {
    const problems = problemsOf({ DATABASE_URL: base.DATABASE_URL });
    expect(problems.join('\n')).toMatch(/REDDIT_CLIENT_ID is not set/);
    expect(problems.join('\n')).toMatch(/REDDIT_USER_AGENT is not set: Reddit requires <platform>:<app id>:<version>/);
    expect(problems.join('\n')).toMatch(/REDDIT_SUBREDDITS is not set/);
  });

  it('rejects a vague user agent, showing the expected form', () => {
    expect(problemsOf({ ...base, REDDIT_USER_AGENT: 'node' }).join('\n')).toMatch(/^REDDIT_USER_AGENT: .*expected/);
  });

  it('rejects a username without a password, and min above max interval', () => {
    const problems = problemsOf({ ...base, REDDIT_USERNAME: 'me', REDDIT_POLL_MIN_INTERVAL_S: '600', REDDIT_POLL_MAX_INTERVAL_S: '60' });
    expect(problems).toContain('REDDIT_POLL_MIN_INTERVAL_S must not exceed REDDIT_POLL_MAX_INTERVAL_S');
    expect(problems.join('\n')).toMatch(/REDDIT_USERNAME and REDDIT_PASSWORD go together/);
  });

  it('names the unit of each duration variable it rejects', () => {
    const problems = problemsOf({ ...base, REDDIT_POLL_MIN_INTERVAL_S: 'soon', REDDIT_ENGAGEMENT_MAX_AGE_H: 'two days' });
    expect(problems).toContain('REDDIT_POLL_MIN_INTERVAL_S must be a number of seconds between 1 and 3600');
    expect(problems).toContain('REDDIT_ENGAGEMENT_MAX_AGE_H must be a number of hours between 0 and 720');
  });

  it('names bad subreddit entries', () => {
    expect(problemsOf({ ...base, REDDIT_SUBREDDITS: 'news,not-valid' }).join('\n')).toMatch(/REDDIT_SUBREDDITS "not-valid" is not a subreddit name/);
  });

  it('never echoes the secret', () => {
    const problems = problemsOf({ ...base, REDDIT_CLIENT_SECRET: 'top-secret-value', REDDIT_USER_AGENT: 'curl/8' });
    expect(problems.join('\n')).not.toContain('top-secret-value');
  });
});

describe('scraperEnvShape', () => {
  it('describes every variable for --help', () => {
    expect(Object.entries(scraperEnvShape).filter(([, schema]) => !schema.description).map(([name]) => name)).toEqual([]);
  });
});
