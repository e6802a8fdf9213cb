import { databaseEnvShape, intInRange, parseEnv, toDatabaseConfig, type DatabaseConfig, type DatabaseUrlSource } from '@sentiment-ingest/db';
import { logLevelVar } from '@sentiment-ingest/runtime';
import { z } from 'zod';

/** Defaults of the migrator's own settings (the database ones live in libs/db). */
export const MIGRATOR_DEFAULTS = Object.freeze({ lockTimeoutMs: 300_000 });

const migratorEnvShape = {
  ...databaseEnvShape,
  MIGRATOR_LOCK_TIMEOUT_MS: intInRange(MIGRATOR_DEFAULTS.lockTimeoutMs, 1_000, 86_400_000),
  LOG_LEVEL: logLevelVar,
};

/** The migrator's validated, frozen configuration. */
export interface MigratorConfig {
  readonly db: DatabaseConfig;
  readonly databaseUrlSource: DatabaseUrlSource;
  readonly lockTimeoutMs: number;
  readonly logLevel: z.infer<typeof migratorEnvShape.LOG_LEVEL>;
}

/** Parses the merged environment once; throws a ConfigError listing every problem. */
export function parseMigratorConfig(
  env: Readonly<Record<string, string | undefined>>,
  databaseUrlSource: DatabaseUrlSource,
): MigratorConfig {
  const parsed = parseEnv(migratorEnvShape, env);
  return Object.freeze({
    db: toDatabaseConfig(parsed),
    databaseUrlSource,
    lockTimeoutMs: parsed.MIGRATOR_LOCK_TIMEOUT_MS,
    logLevel: parsed.LOG_LEVEL,
  });
}
