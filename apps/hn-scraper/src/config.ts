import { httpUrlVar, numberInRange } from '@sentiment-ingest/runtime';
import { intInRange, parseEnv, type DatabaseUrlSource } from '@sentiment-ingest/db';
import { scraperProcessConfig, scraperProcessEnvShape, streamFailuresVar, type ScraperProcessConfig } from '@sentiment-ingest/scraper-kit';
import { z } from 'zod';
import { HN_START_FORMAT, parseHnStart, type HnStart } from './hn-start';

/** Defaults of the scraper's settings, documented in the README ("Hacker News scraper"). */
export const HN_SCRAPER_DEFAULTS = Object.freeze({
  apiBaseUrl: 'https://hacker-news.firebaseio.com/v0',
  start: '24h',
  /** requests in flight at once */
  concurrency: 8,
  /** requests per second, all requests together (the API publishes no limit: stay polite) */
  maxRequestsPerS: 30,
  pollIntervalS: 30,
  engagementMaxAgeH: 48,
  /** how long a `null` answer is asked again before the id is recorded absent */
  nullRetryS: 60,
  /** how long an id recorded absent is still asked now and then */
  absentRecheckH: 24,
  batchSize: 500,
  requestTimeoutMs: 10_000,
  maxRetries: 5,
  /** distinct from the other scrapers' ports, so that they run side by side on one host */
  httpPort: 9465,
});

const startVar = z
  .string()
  .default(HN_SCRAPER_DEFAULTS.start)
  .transform((text, context) => {
    const start = parseHnStart(text);
    if (start === null) context.addIssue({ code: 'custom', message: `must be ${HN_START_FORMAT} (at most 366d)` });
    return start as HnStart;
  });

/**
 * The variables the scraper reads: its own, prefixed HN_, then the kit's (database, HTTP_HOST,
 * HTTP_PORT, LOG_LEVEL). `--help` lists them in this order, with these descriptions.
 */
export const hnScraperEnvShape = {
  HN_API_BASE_URL: httpUrlVar(HN_SCRAPER_DEFAULTS.apiBaseUrl).describe('the API root (a fake or a proxy in tests)'),
  HN_START: startVar.describe(`where a first run begins: ${HN_START_FORMAT}`),
  HN_CONCURRENCY: intInRange(HN_SCRAPER_DEFAULTS.concurrency, 1, 64).describe('requests in flight at once (1-64)'),
  HN_MAX_REQUESTS_PER_S: intInRange(HN_SCRAPER_DEFAULTS.maxRequestsPerS, 1, 5_000).describe('requests per second, all together (the API publishes no limit: be polite)'),
  HN_POLL_INTERVAL_S: numberInRange('seconds', HN_SCRAPER_DEFAULTS.pollIntervalS, 1, 3_600).describe('seconds between walks once the walk has reached maxitem'),
  HN_ENGAGEMENT_MAX_AGE_H: numberInRange('hours', HN_SCRAPER_DEFAULTS.engagementMaxAgeH, 0, 24 * 30).describe(
    'stories younger than this have score and comments re-read (hours; 0: off)',
  ),
  HN_NULL_RETRY_S: numberInRange('seconds', HN_SCRAPER_DEFAULTS.nullRetryS, 0, 3_600).describe('an id answered null is asked again this long, then recorded absent'),
  HN_ABSENT_RECHECK_H: numberInRange('hours', HN_SCRAPER_DEFAULTS.absentRecheckH, 0, 24 * 30).describe('an absent id is still asked now and then this long after its creation'),
  HN_BATCH_SIZE: intInRange(HN_SCRAPER_DEFAULTS.batchSize, 1, 10_000).describe('items per database write'),
  HN_REQUEST_TIMEOUT_MS: intInRange(HN_SCRAPER_DEFAULTS.requestTimeoutMs, 100, 120_000).describe('one request gives up after this (ms)'),
  HN_MAX_RETRIES: intInRange(HN_SCRAPER_DEFAULTS.maxRetries, 0, 20).describe('retries of a failed request (no answer, 429, 5xx, a body that is not JSON)'),
  HN_STREAM_FAILURES_NOT_READY: streamFailuresVar,
  ...scraperProcessEnvShape({ httpPort: HN_SCRAPER_DEFAULTS.httpPort }),
};

/** The scraper's validated, frozen configuration. */
export interface HnScraperConfig extends ScraperProcessConfig {
  /** the API root, without a trailing slash */
  readonly apiBaseUrl: string;
  /** where a first run begins (no checkpoint yet) */
  readonly start: HnStart;
  readonly concurrency: number;
  readonly maxRequestsPerS: number;
  /** time between two walks once the walk has reached `maxitem` */
  readonly pollIntervalMs: number;
  /** stories younger than this have their score and comment count re-read; 0 turns the refresh off */
  readonly engagementMaxAgeMs: number;
  readonly nullRetryMs: number;
  readonly absentRecheckMs: number;
  /** items per write */
  readonly batchSize: number;
  readonly requestTimeoutMs: number;
  readonly maxRetries: number;
}

/** Parses the merged environment once; throws a ConfigError listing every problem. */
export function parseHnScraperConfig(
  env: Readonly<Record<string, string | undefined>>,
  databaseUrlSource: DatabaseUrlSource,
): HnScraperConfig {
  const parsed = parseEnv(hnScraperEnvShape, env, undefined, { databaseUrlSource });
  return Object.freeze({
    ...scraperProcessConfig(parsed, databaseUrlSource, parsed.HN_STREAM_FAILURES_NOT_READY),
    apiBaseUrl: parsed.HN_API_BASE_URL,
    start: parsed.HN_START,
    concurrency: parsed.HN_CONCURRENCY,
    maxRequestsPerS: parsed.HN_MAX_REQUESTS_PER_S,
    pollIntervalMs: parsed.HN_POLL_INTERVAL_S * 1000,
    engagementMaxAgeMs: parsed.HN_ENGAGEMENT_MAX_AGE_H * 3_600_000,
    nullRetryMs: parsed.HN_NULL_RETRY_S * 1000,
    absentRecheckMs: parsed.HN_ABSENT_RECHECK_H * 3_600_000,
    batchSize: parsed.HN_BATCH_SIZE,
    requestTimeoutMs: parsed.HN_REQUEST_TIMEOUT_MS,
    maxRetries: parsed.HN_MAX_RETRIES,
  });
}
