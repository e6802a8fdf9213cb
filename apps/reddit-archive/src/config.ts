import { databaseEnvShape, parseEnv, toDatabaseConfig, type DatabaseConfig, type DatabaseUrlSource } from '@sentiment-ingest/db';
import { intInRange, logLevelVar } from '@sentiment-ingest/runtime';
import { z } from 'zod';

const archiveEnvShape = {
  ...databaseEnvShape,
  LOG_LEVEL: logLevelVar,
  ARCHIVE_PROGRESS_INTERVAL_MS: intInRange(10_000, 100, 3_600_000).describe('without a terminal: one progress log line every this many ms'),
};

/** reddit-archive's validated configuration (the database's, the log level, how often progress is logged). */
export interface ArchiveConfig {
  readonly db: DatabaseConfig;
  readonly logLevel: z.infer<typeof archiveEnvShape.LOG_LEVEL>;
  readonly progressIntervalMs: number;
}

/** Parses the merged environment once; throws a ConfigError listing every problem. */
export function parseArchiveConfig(env: Readonly<Record<string, string | undefined>>, databaseUrlSource: DatabaseUrlSource): ArchiveConfig {
  const parsed = parseEnv(archiveEnvShape, env, undefined, { databaseUrlSource });
  return Object.freeze({
    db: toDatabaseConfig(parsed, databaseUrlSource),
    logLevel: parsed.LOG_LEVEL,
    progressIntervalMs: parsed.ARCHIVE_PROGRESS_INTERVAL_MS,
  });
}
