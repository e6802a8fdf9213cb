import { httpUrlVar, numberInRange } from '@sentiment-ingest/runtime';
import { booleanVar, ConfigError, intInRange, parseEnv, type DatabaseUrlSource } from '@sentiment-ingest/db';
import { scraperProcessConfig, scraperProcessEnvShape, streamFailuresVar, type ScraperProcessConfig } from '@sentiment-ingest/scraper-kit';
import { z } from 'zod';
import { HISTORY_SINCE_FORMAT, parseHistorySince, type HistorySince } from './healing/history-since';
import { parseSubredditList } from './polling/subreddit-groups';
import { DEFAULT_HEAL_BUDGET_PCT, DEFAULT_HEAL_MAX_WALK_MS } from './healing/heal-plan';
import { userAgentProblem, type RedditCredentials } from './reddit';

/** Defaults of the scraper's settings, documented in the README's configuration table. */
export const SCRAPER_DEFAULTS = Object.freeze({
  apiBaseUrl: 'https://oauth.reddit.com',
  authUrl: 'https://www.reddit.com/api/v1/access_token',
  pollMinIntervalS: 15,
  pollMaxIntervalS: 300,
  subredditsPerRequest: 50,
  engagementMaxAgeH: 48,
  requestTimeoutMs: 15_000,
  maxRetries: 4,
  maxResponseBytes: 8 * 1024 * 1024,
  maxBatchBytes: 8 * 1024 * 1024,
  httpPort: 9464,
  healBudgetPct: DEFAULT_HEAL_BUDGET_PCT,
  healMaxHours: DEFAULT_HEAL_MAX_WALK_MS / 3_600_000,
});

const historySinceVar = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value.trim() === '') return null;
    const since = parseHistorySince(value);
    if (since === null) ctx.addIssue({ code: 'custom', message: `must be ${HISTORY_SINCE_FORMAT} (at most 366d back)` });
    return since;
  });

export const scraperEnvShape = {
  REDDIT_CLIENT_ID: z.string({ error: 'is not set: create an app at https://www.reddit.com/prefs/apps and copy its id' }).min(1).describe('the id of your Reddit app (https://www.reddit.com/prefs/apps)'),
  REDDIT_CLIENT_SECRET: z.string().optional().describe('its secret (none for an installed app)'),
  REDDIT_USERNAME: z.string().optional().describe('with REDDIT_PASSWORD: the password grant of a script app'),
  REDDIT_PASSWORD: z.string().optional().describe("the Reddit account's password (script apps)"),
  REDDIT_DEVICE_ID: z.string().min(20, 'must be 20-30 characters').max(30, 'must be 20-30 characters').optional().describe("an installed app's device id (20-30 characters)"),
  REDDIT_USER_AGENT: z.string({
    error: 'is not set: Reddit requires <platform>:<app id>:<version> (by /u/<username>), e.g. linux:sentiment-ingest:0.1.0 (by /u/your_name)',
  }).describe('<platform>:<app id>:<version> (by /u/<username>), as Reddit requires'),
  REDDIT_API_BASE_URL: httpUrlVar(SCRAPER_DEFAULTS.apiBaseUrl).describe('the OAuth API root (a fake in tests)'),
  REDDIT_AUTH_URL: httpUrlVar(SCRAPER_DEFAULTS.authUrl).describe('the token endpoint'),
  REDDIT_SUBREDDITS: z
    .string({ error: 'is not set: a comma-separated list, e.g. news,worldnews,askreddit' })
    .transform((value, ctx) => {
      const parsed = parseSubredditList(value);
      for (const problem of parsed.problems) ctx.addIssue({ code: 'custom', message: problem });
      return parsed.subreddits;
    }).describe('comma-separated subreddits to follow, e.g. news,worldnews'),
  REDDIT_SUBREDDITS_PER_REQUEST: intInRange(SCRAPER_DEFAULTS.subredditsPerRequest, 1, 100).describe('subreddits combined into one /r/a+b/new listing'),
  REDDIT_POLL_MIN_INTERVAL_S: numberInRange('seconds', SCRAPER_DEFAULTS.pollMinIntervalS, 1, 3600).describe('shortest wait between polls of a group (busy subreddits)'),
  REDDIT_POLL_MAX_INTERVAL_S: numberInRange('seconds', SCRAPER_DEFAULTS.pollMaxIntervalS, 1, 86_400).describe('longest wait between polls of a group (quiet subreddits)'),
  REDDIT_ENGAGEMENT_MAX_AGE_H: numberInRange('hours', SCRAPER_DEFAULTS.engagementMaxAgeH, 0, 24 * 30).describe('posts younger than this have score and comments re-read (hours; 0: off)'),
  REDDIT_COMMENTS: booleanVar(true).describe("also poll each group's newest comments (/r/a+b/comments) into raw_comments, with what posts leave of the rate budget"),
  REDDIT_HISTORY_SINCE: historySinceVar.describe(`a first run also wants the posts and comments since then, ${HISTORY_SINCE_FORMAT}: what the listings cannot reach is recorded as a gap to heal (unset: none)`),
  REDDIT_HEAL_BUDGET_PCT: numberInRange('percent', SCRAPER_DEFAULTS.healBudgetPct, 0, 100).describe('share of the rate budget spent on healing open gaps (re-polls, id walks); 0: no healing'),
  REDDIT_HEAL_MAX_HOURS: numberInRange('hours', SCRAPER_DEFAULTS.healMaxHours, 0, 24 * 30).describe('longest stretch of a gap healed by walking post ids (about 800 requests an hour of gap); longer gaps stay open for the archive importer'),
  REDDIT_REDACT_DELETED: booleanVar(true).describe('blank the author and text of posts and comments deleted on Reddit'),
  REDDIT_REQUEST_TIMEOUT_MS: intInRange(SCRAPER_DEFAULTS.requestTimeoutMs, 100, 300_000).describe('one request gives up after this (ms)'),
  REDDIT_MAX_RETRIES: intInRange(SCRAPER_DEFAULTS.maxRetries, 0, 20).describe('retries of a failed request'),
  REDDIT_MAX_RESPONSE_BYTES: intInRange(SCRAPER_DEFAULTS.maxResponseBytes, 64 * 1024, 1024 * 1024 * 1024).describe('largest response read; bigger pages are asked for with fewer items'),
  REDDIT_MAX_BATCH_BYTES: intInRange(SCRAPER_DEFAULTS.maxBatchBytes, 64 * 1024, 1024 * 1024 * 1024).describe('bytes of pages a poll holds before writing them'),
  REDDIT_STREAM_FAILURES_NOT_READY: streamFailuresVar,
  ...scraperProcessEnvShape({ httpPort: SCRAPER_DEFAULTS.httpPort }),
};

/** The scraper's validated, frozen configuration. */
export interface ScraperConfig extends ScraperProcessConfig {
  readonly credentials: RedditCredentials;
  readonly userAgent: string;
  readonly apiBaseUrl: string;
  readonly authUrl: string;
  readonly subreddits: readonly string[];
  readonly subredditsPerRequest: number;
  readonly pollMinIntervalMs: number;
  readonly pollMaxIntervalMs: number;
  readonly engagementMaxAgeMs: number;
  /** poll each group's comments too (`REDDIT_COMMENTS`) */
  readonly comments: boolean;
  readonly redactDeleted: boolean;
  /** a first run's history (`REDDIT_HISTORY_SINCE`); null: none */
  readonly historySince: HistorySince | null;
  /** share of the rate budget the healer may spend, 0-100 (`REDDIT_HEAL_BUDGET_PCT`; 0: off) */
  readonly healBudgetPct: number;
  /** longest stretch of a gap walked by id (`REDDIT_HEAL_MAX_HOURS`) */
  readonly healMaxWalkMs: number;
  readonly requestTimeoutMs: number;
  readonly maxRetries: number;
  /** largest Reddit response body read; larger pages are asked for with fewer items */
  readonly maxResponseBytes: number;
  /** bytes of pages a poll holds before writing them */
  readonly maxBatchBytes: number;
}

/** Parses the merged environment once; throws a ConfigError listing every problem. */
export function parseScraperConfig(
  env: Readonly<Record<string, string | undefined>>,
  databaseUrlSource: DatabaseUrlSource,
): ScraperConfig {
  let credentials: RedditCredentials | null = null;
  const parsed = parseEnv(scraperEnvShape, env, (values) => {
    const problems: string[] = [];
    if (values.REDDIT_POLL_MIN_INTERVAL_S > values.REDDIT_POLL_MAX_INTERVAL_S) {
      problems.push('REDDIT_POLL_MIN_INTERVAL_S must not exceed REDDIT_POLL_MAX_INTERVAL_S');
    }
    const agentProblem = userAgentProblem(values.REDDIT_USER_AGENT);
    if (agentProblem) problems.push(`REDDIT_USER_AGENT: ${agentProblem}`);
    credentials = chooseCredentials(values, problems);
    return problems;
  }, { databaseUrlSource });
  if (!credentials) throw new ConfigError(['REDDIT_CLIENT_ID and its credentials are incomplete']);
  return Object.freeze({
    ...scraperProcessConfig(parsed, databaseUrlSource, parsed.REDDIT_STREAM_FAILURES_NOT_READY),
    credentials,
    userAgent: parsed.REDDIT_USER_AGENT,
    apiBaseUrl: parsed.REDDIT_API_BASE_URL,
    authUrl: parsed.REDDIT_AUTH_URL,
    subreddits: parsed.REDDIT_SUBREDDITS,
    subredditsPerRequest: parsed.REDDIT_SUBREDDITS_PER_REQUEST,
    pollMinIntervalMs: parsed.REDDIT_POLL_MIN_INTERVAL_S * 1000,
    pollMaxIntervalMs: parsed.REDDIT_POLL_MAX_INTERVAL_S * 1000,
    engagementMaxAgeMs: parsed.REDDIT_ENGAGEMENT_MAX_AGE_H * 3_600_000,
    comments: parsed.REDDIT_COMMENTS,
    redactDeleted: parsed.REDDIT_REDACT_DELETED,
    historySince: parsed.REDDIT_HISTORY_SINCE,
    healBudgetPct: parsed.REDDIT_HEAL_BUDGET_PCT,
    healMaxWalkMs: parsed.REDDIT_HEAL_MAX_HOURS * 3_600_000,
    requestTimeoutMs: parsed.REDDIT_REQUEST_TIMEOUT_MS,
    maxRetries: parsed.REDDIT_MAX_RETRIES,
    maxResponseBytes: parsed.REDDIT_MAX_RESPONSE_BYTES,
    maxBatchBytes: parsed.REDDIT_MAX_BATCH_BYTES,
  });
}

function chooseCredentials(
  env: { REDDIT_CLIENT_ID: string; REDDIT_CLIENT_SECRET?: string; REDDIT_USERNAME?: string; REDDIT_PASSWORD?: string; REDDIT_DEVICE_ID?: string },
  problems: string[],
): RedditCredentials | null {
  const clientId = env.REDDIT_CLIENT_ID;
  const secret = env.REDDIT_CLIENT_SECRET;
  if (Boolean(env.REDDIT_USERNAME) !== Boolean(env.REDDIT_PASSWORD)) {
    problems.push('REDDIT_USERNAME and REDDIT_PASSWORD go together (script app, password grant): set both or neither');
    return null;
  }
  if (env.REDDIT_USERNAME && env.REDDIT_PASSWORD) {
    if (!secret) {
      problems.push('REDDIT_CLIENT_SECRET is required with REDDIT_USERNAME/REDDIT_PASSWORD (script app)');
      return null;
    }
    return { kind: 'password', clientId, clientSecret: secret, username: env.REDDIT_USERNAME, password: env.REDDIT_PASSWORD };
  }
  if (secret) return { kind: 'client_credentials', clientId, clientSecret: secret };
  // An installed app has no secret; Reddit asks for a per-device id of 20-30 characters.
  return { kind: 'installed_client', clientId, deviceId: env.REDDIT_DEVICE_ID ?? 'DO_NOT_TRACK_THIS_DEVICE' };
}
