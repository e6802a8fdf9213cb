import { databaseEnvShape, intInRange, toDatabaseConfig, type DatabaseConfig, type DatabaseUrlSource } from '@sentiment-ingest/db';
import { logLevelVar } from '@sentiment-ingest/runtime';
import { z } from 'zod';
import { DEFAULT_FAILURES_NOT_READY } from '../health/stream-health';

/** The port of /healthz, /readyz and /metrics when a scraper names none (Prometheus' exporter range). */
export const DEFAULT_HTTP_PORT = 9464;

/** What every scraper process is configured with, whatever its source. */
export interface ScraperProcessConfig {
  readonly db: DatabaseConfig;
  readonly databaseUrlSource: DatabaseUrlSource;
  /** interface of the health/metrics server: 0.0.0.0 in a container, 127.0.0.1 on a shared host */
  readonly httpHost: string;
  /** 0 picks a free port */
  readonly httpPort: number;
  readonly logLevel: string;
  /** polls failed in a row before /readyz says not ready */
  readonly streamFailuresNotReady: number;
}

/**
 * The variables every scraper reads (the database's, `HTTP_HOST`, `HTTP_PORT`, `LOG_LEVEL`), as a
 * zod shape a scraper spreads into its own; `httpPort` is the scraper's default port.
 */
export function scraperProcessEnvShape(defaults: { httpPort?: number } = {}) {
  return {
    ...databaseEnvShape,
    HTTP_HOST: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9.:_[\]-]+$/, 'must be an interface address or host name, e.g. 0.0.0.0, 127.0.0.1 or ::')
      .default('0.0.0.0')
      .describe('interface of /healthz, /readyz and /metrics (127.0.0.1: this host only)'),
    HTTP_PORT: intInRange(defaults.httpPort ?? DEFAULT_HTTP_PORT, 0, 65_535).describe('port of /healthz, /readyz and /metrics (0: any free port)'),
    LOG_LEVEL: logLevelVar.describe('fatal, error, warn, info, debug, trace or silent'),
  };
}

/** A variable of the failures-before-not-ready threshold (each source names its own). */
export const streamFailuresVar = intInRange(DEFAULT_FAILURES_NOT_READY, 1, 1_000).describe('/readyz says not ready once a task failed this many times in a row');

type ProcessEnv = z.infer<z.ZodObject<ReturnType<typeof scraperProcessEnvShape>>>;

/** The {@link ScraperProcessConfig} part of a scraper's config, from variables parsed with its shape. */
export function scraperProcessConfig(
  values: ProcessEnv,
  databaseUrlSource: DatabaseUrlSource,
  streamFailuresNotReady: number = DEFAULT_FAILURES_NOT_READY,
): ScraperProcessConfig {
  return {
    db: toDatabaseConfig(values, databaseUrlSource),
    databaseUrlSource,
    httpHost: values.HTTP_HOST,
    httpPort: values.HTTP_PORT,
    logLevel: values.LOG_LEVEL,
    streamFailuresNotReady,
  };
}
