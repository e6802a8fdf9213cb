import {
  ConfigError,
  DatabaseAccessDeniedError,
  DatabaseUnreachableError,
  loadEnvironment,
  openOrm,
  SchemaNotReadyError,
} from '@sentiment-ingest/db';
import type { MikroORM } from '@mikro-orm/postgresql';
import { abortOnSignals, createLogger } from '@sentiment-ingest/runtime';
import { parseScraperConfig } from './config';
import { RedditMetrics } from './http/reddit-metrics';
import {
  backoffDelay,
  ReadinessFailure,
  registerDatabaseGauges,
  ScrapeMetrics,
  startHealthServer,
  StreamHealth,
  systemClock,
} from '@sentiment-ingest/scraper-kit';
import { RedditAuthError, RedditClient, RedditConfigError } from './reddit';
import { REDDIT_SOURCE } from './polling/stream-poller';
import { ScraperService } from './scraper-service';
import { assertSchemaReady } from './schema-gate';
import { buildScraperComponents } from './scraper-components';

/** After SIGTERM, how long a batch in hand may keep retrying a failing database (compose waits 30 s). */
const SHUTDOWN_GRACE_MS = 10_000;

/** Exit codes, documented in the README ("Reddit scraper"). */
export const SCRAPER_EXIT = Object.freeze({ OK: 0, FAILURE: 1, CONFIG: 3, DATABASE: 4, SCHEMA: 6, REDDIT_AUTH: 7 });

/** The composition root: configuration, logger, ORM, Reddit client, scheduler, HTTP port, signals. */
async function main(): Promise<number> {
  const pretty = Boolean(process.stdout.isTTY);
  let config;
  try {
    const loaded = loadEnvironment({ cwd: process.cwd(), processEnv: process.env });
    config = parseScraperConfig(loaded.env, loaded.databaseUrlSource);
  } catch (error) {
    createLogger({ app: 'reddit-scraper', level: 'info', pretty }).error((error as Error).message);
    return error instanceof ConfigError ? SCRAPER_EXIT.CONFIG : SCRAPER_EXIT.FAILURE;
  }
  const log = createLogger({ app: 'reddit-scraper', level: config.logLevel, pretty });
  const metrics = new ScrapeMetrics({ source: REDDIT_SOURCE, processMetrics: true });
  let orm: MikroORM | undefined;
  let health: { close(): Promise<void> } | undefined;
  try {
    orm = await openOrm(config.db, { applicationName: 'sentiment-ingest-reddit-scraper' });
    await assertSchemaReady(orm);
    const client = new RedditClient({
      fetch: (input, init) => fetch(input, init),
      clock: systemClock,
      credentials: config.credentials,
      userAgent: config.userAgent,
      apiBaseUrl: config.apiBaseUrl,
      authUrl: config.authUrl,
      requestTimeoutMs: config.requestTimeoutMs,
      maxRetries: config.maxRetries,
      maxResponseBytes: config.maxResponseBytes,
      log,
      observer: new RedditMetrics(metrics.registry),
    });
    const { repository, poller, refresher } = buildScraperComponents({
      orm,
      source: client,
      clock: systemClock,
      log,
      metrics,
      redactDeleted: config.redactDeleted,
      engagementMaxAgeMs: config.engagementMaxAgeMs,
      writeBackoffMs: (attempt) => backoffDelay(attempt - 1, Math.random),
      shutdownGraceMs: SHUTDOWN_GRACE_MS,
      maxBatchBytes: config.maxBatchBytes,
    });
    const streamHealth = new StreamHealth({ metrics, failuresNotReady: config.streamFailuresNotReady });
    const service = new ScraperService({
      poller,
      refresher,
      clock: systemClock,
      log,
      subreddits: config.subreddits,
      subredditsPerRequest: config.subredditsPerRequest,
      pollMinIntervalMs: config.pollMinIntervalMs,
      pollMaxIntervalMs: config.pollMaxIntervalMs,
      health: streamHealth,
    });
    registerDatabaseGauges(metrics.registry, { stats: () => repository.databaseStats(), pool: () => repository.poolState() });
    health = await startHealthServer({
      host: config.httpHost,
      port: config.httpPort,
      registry: metrics.registry,
      checks: {
        database: async () => {
          await repository.ping().catch((cause: unknown) => {
            throw new ReadinessFailure('database_unreachable', undefined, { cause });
          });
        },
        reddit: async () => {
          if (!client.tokenValid()) throw new ReadinessFailure('reddit_no_token');
        },
        streams: streamHealth.check,
      },
      onCheckFailed: (check, error) => log.debug({ check, err: error }, 'readiness check failed'),
    });
    const controller = new AbortController();
    abortOnSignals({
      controller,
      source: process,
      onSignal: (signal) => log.info({ signal }, 'shutting down: finishing the batch in hand'),
      force: (signal) => {
        log.warn({ signal }, 'second signal: exiting now');
        process.exit(SCRAPER_EXIT.FAILURE);
      },
    });
    log.info(
      { subreddits: config.subreddits.length, streams: service.streamKeys().length, api: config.apiBaseUrl, http: `${config.httpHost}:${config.httpPort}`, database: config.db.displayUrl },
      'reddit scraper started',
    );
    await service.run(controller.signal);
    return SCRAPER_EXIT.OK;
  } catch (error) {
    return reportFatal(error, log);
  } finally {
    await health?.close().catch(() => undefined);
    await orm?.close(true).catch(() => undefined);
  }
}

function reportFatal(error: unknown, log: ReturnType<typeof createLogger>): number {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof DatabaseUnreachableError || error instanceof DatabaseAccessDeniedError) {
    log.error({ code: error.code }, message);
    return SCRAPER_EXIT.DATABASE;
  }
  if (error instanceof SchemaNotReadyError) {
    log.error({ code: error.code }, message);
    return SCRAPER_EXIT.SCHEMA;
  }
  if (error instanceof RedditAuthError || error instanceof RedditConfigError) {
    log.error({ code: error.code }, message);
    return SCRAPER_EXIT.REDDIT_AUTH;
  }
  log.error({ err: error }, 'reddit scraper failed');
  return SCRAPER_EXIT.FAILURE;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`reddit-scraper: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = SCRAPER_EXIT.FAILURE;
  },
);
