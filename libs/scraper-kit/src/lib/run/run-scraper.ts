import type { MikroORM } from '@mikro-orm/postgresql';
import {
  assertSchemaCurrent,
  ConfigError,
  DatabaseAccessDeniedError,
  DatabaseUnreachableError,
  loadEnvironment,
  openOrm,
  ormConnectionSource,
  ormPoolState,
  ScrapeStateRepository,
  SchemaNotReadyError,
  type ConnectionSource,
  type DatabaseUrlSource,
} from '@sentiment-ingest/db';
import { abortOnSignals, createLogger, type Log, type SignalSource } from '@sentiment-ingest/runtime';
import type { DestinationStream } from 'pino';
import type { z } from 'zod';
import { StreamHealth } from '../health/stream-health';
import { ReadinessFailure } from '../http/readiness';
import { startHealthServer, type ReadinessCheck } from '../http/health-server';
import { registerDatabaseGauges } from '../metrics/database-gauges';
import { ScrapeMetrics } from '../metrics/scrape-metrics';
import { backoffDelay } from '../retry/backoff';
import { systemClock, type Clock } from '../time/clock';
import { FIRST_SOURCE_EXIT_CODE, SCRAPER_EXIT } from './exit-codes';
import type { ScraperProcessConfig } from './process-config';
import { scraperArguments, scraperHelp } from './scraper-help';

/** After SIGTERM, how long a batch in hand may keep retrying a failing database (compose waits 30 s). */
export const SHUTDOWN_GRACE_MS = 10_000;

/** What a scraper's `start` is given: its config and the shared parts, built and checked. */
export interface ScraperContext<C extends ScraperProcessConfig> {
  readonly config: C;
  readonly orm: MikroORM;
  /** connections for libs/db's writers */
  readonly connections: ConnectionSource;
  /** checkpoints, gaps and recent items of every stream (also the database check and gauges) */
  readonly state: ScrapeStateRepository;
  readonly log: Log;
  /** the shared `scrape_*` series, labelled with the source; a source registers its own on `metrics.registry` */
  readonly metrics: ScrapeMetrics;
  /** tell it of each stream's polls: /readyz fails `stream_failing` after the configured failures in a row */
  readonly streamHealth: StreamHealth;
  readonly clock: Clock;
  /** delay before database write retry `attempt` (1-based), for the DurableWriter */
  readonly writeBackoffMs: (attempt: number) => number;
  /** how long a batch in hand may keep retrying after SIGTERM, for the DurableWriter */
  readonly shutdownGraceMs: number;
}

/** A started scraper: its loop, and what /readyz checks beside the database and the streams. */
export interface StartedScraper {
  /** runs until `signal` aborts (SIGTERM/SIGINT), finishing the batch in hand */
  run(signal: AbortSignal): Promise<void>;
  /** the source's own readiness checks (Reddit: a valid token), run between `database` and `streams` */
  readonly checks?: Readonly<Record<string, ReadinessCheck>>;
  /** fields of the `<source> scraper started` log line */
  readonly startedFields?: Readonly<Record<string, unknown>>;
}

/** A scraper, as the kit runs it: everything source-specific, and nothing else. */
export interface ScraperDefinition<C extends ScraperProcessConfig> {
  /** the app's name, on every log line and as the database application_name (`reddit-scraper`) */
  readonly app: string;
  /** the source label of metrics and checkpoints (`reddit`, `hn`) */
  readonly source: string;
  /** parses the merged environment; throws a ConfigError listing every problem */
  parseConfig(env: Readonly<Record<string, string | undefined>>, databaseUrlSource: DatabaseUrlSource): C;
  /** builds the source's parts over the shared ones; throwing here ends the process like a failed run */
  start(context: ScraperContext<C>): Promise<StartedScraper> | StartedScraper;
  /** the exit code (from {@link FIRST_SOURCE_EXIT_CODE} on) of the source's own fatal errors; undefined for others */
  exitCodeFor?(error: unknown): number | undefined;
  /** for `--help`: what it collects, in one paragraph */
  readonly summary?: string;
  /** for `--help`: every variable `parseConfig` reads, each with `.describe()` */
  readonly envShape?: z.ZodRawShape;
  /** for `--help`: the codes `exitCodeFor` returns, and what each means */
  readonly exitCodes?: Readonly<Record<number, string>>;
}

/** What a scraper process takes from its surroundings (injected so that tests run it in-process). */
export interface ScraperHost {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly signals: SignalSource;
  /** pretty logs in a terminal, JSON otherwise */
  readonly pretty: boolean;
  /** a second SIGTERM/SIGINT: the operator insists */
  forceExit(code: number): void;
  readonly clock?: Clock;
  /** where log lines go (tests); stdout by default */
  readonly logDestination?: DestinationStream;
  /** the command-line arguments (none by default) */
  readonly argv?: readonly string[];
  /** where `--help` and usage errors are written (default: stdout and stderr) */
  readonly print?: (stream: 'stdout' | 'stderr', text: string) => void;
}

/** The running process as a {@link ScraperHost}. */
export function processHost(): ScraperHost {
  return {
    cwd: process.cwd(),
    env: process.env,
    signals: process,
    pretty: Boolean(process.stdout.isTTY),
    forceExit: (code) => process.exit(code),
    argv: process.argv.slice(2),
  };
}

/**
 * A scraper's whole life: arguments (`--help` prints the variables and exits 0; anything else exits
 * 2), configuration (exit 3), logger and metrics, database (exit 4), a current
 * schema (exit 6; scrapers never migrate), the source's parts, the health server (`/healthz`,
 * `/readyz` with the database, the source's checks and the streams, `/metrics` with database
 * gauges), SIGTERM/SIGINT handling (the batch in hand is written; a second signal exits at once),
 * and the run. Returns the exit code; closes the server and the pool whatever happens.
 */
export async function runScraper<C extends ScraperProcessConfig>(definition: ScraperDefinition<C>, host: ScraperHost = processHost()): Promise<number> {
  const clock = host.clock ?? systemClock;
  const args = scraperArguments(host.argv ?? []);
  if (args.kind !== 'run') {
    const print = host.print ?? ((stream, text) => void process[stream].write(text));
    if (args.kind === 'help') {
      print('stdout', scraperHelp(definition));
      return SCRAPER_EXIT.OK;
    }
    print('stderr', `${definition.app}: unknown argument ${JSON.stringify(args.argument)}. It takes only --help: it is configured by environment variables, which --help lists.\n`);
    return SCRAPER_EXIT.USAGE;
  }
  let config: C;
  try {
    const loaded = loadEnvironment({ cwd: host.cwd, processEnv: host.env });
    config = definition.parseConfig(loaded.env, loaded.databaseUrlSource);
  } catch (error) {
    createLogger({ app: definition.app, level: 'info', pretty: host.pretty, destination: host.logDestination }).error((error as Error).message);
    return error instanceof ConfigError ? SCRAPER_EXIT.CONFIG : SCRAPER_EXIT.FAILURE;
  }
  const log = createLogger({ app: definition.app, level: config.logLevel, pretty: host.pretty, destination: host.logDestination });
  const metrics = new ScrapeMetrics({ source: definition.source, processMetrics: true });
  let orm: MikroORM | undefined;
  let health: { port: number; close(): Promise<void> } | undefined;
  let removeSignalHandlers = () => undefined as void;
  try {
    orm = await openOrm(config.db, { applicationName: `sentiment-ingest-${definition.app}` });
    await assertSchemaCurrent(orm);
    const connections = ormConnectionSource(orm);
    const state = new ScrapeStateRepository({ connections, pool: ormPoolState(orm) });
    const streamHealth = new StreamHealth({ metrics, failuresNotReady: config.streamFailuresNotReady });
    const started = await definition.start({
      config,
      orm,
      connections,
      state,
      log,
      metrics,
      streamHealth,
      clock,
      writeBackoffMs: (attempt) => backoffDelay(attempt - 1, Math.random),
      shutdownGraceMs: SHUTDOWN_GRACE_MS,
    });
    registerDatabaseGauges(metrics.registry, { stats: () => state.databaseStats(), pool: () => state.poolState() });
    health = await startHealthServer({
      host: config.httpHost,
      port: config.httpPort,
      registry: metrics.registry,
      checks: {
        database: async () => {
          await state.ping().catch((cause: unknown) => {
            throw new ReadinessFailure('database_unreachable', undefined, { cause });
          });
        },
        ...started.checks,
        streams: streamHealth.check,
      },
      onCheckFailed: (check, error) => log.debug({ check, err: error }, 'readiness check failed'),
    });
    const controller = new AbortController();
    removeSignalHandlers = abortOnSignals({
      controller,
      source: host.signals,
      onSignal: (signal) => log.info({ signal }, 'shutting down: finishing the batch in hand'),
      force: (signal) => {
        log.warn({ signal }, 'second signal: exiting now');
        host.forceExit(SCRAPER_EXIT.FAILURE);
      },
    });
    log.info(
      { ...started.startedFields, http: `${config.httpHost}:${health.port}`, database: config.db.displayUrl },
      `${definition.source} scraper started`,
    );
    await started.run(controller.signal);
    return SCRAPER_EXIT.OK;
  } catch (error) {
    return exitCodeOf(error, definition, log);
  } finally {
    removeSignalHandlers();
    await health?.close().catch(() => undefined);
    await orm?.close(true).catch(() => undefined);
  }
}

/** Logs a fatal error in one line that says what to do, and picks its exit code. */
function exitCodeOf<C extends ScraperProcessConfig>(error: unknown, definition: ScraperDefinition<C>, log: Log): number {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof DatabaseUnreachableError || error instanceof DatabaseAccessDeniedError) {
    log.error({ code }, message);
    return SCRAPER_EXIT.DATABASE;
  }
  if (error instanceof SchemaNotReadyError) {
    log.error({ code }, message);
    return SCRAPER_EXIT.SCHEMA;
  }
  const own = definition.exitCodeFor?.(error);
  if (own !== undefined) {
    if (own < FIRST_SOURCE_EXIT_CODE) throw new RangeError(`${definition.app}: exit code ${own} is reserved for the kit; use ${FIRST_SOURCE_EXIT_CODE} or above`);
    log.error({ code }, message);
    return own;
  }
  log.error({ err: error }, `${definition.source} scraper failed`);
  return SCRAPER_EXIT.FAILURE;
}

/** A scraper's `main.ts` in one call: runs it in this process and sets the exit code. */
export function runScraperMain<C extends ScraperProcessConfig>(definition: ScraperDefinition<C>): void {
  runScraper(definition).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${definition.app}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = SCRAPER_EXIT.FAILURE;
    },
  );
}
