import { databaseEnvShape, parseEnv, toDatabaseConfig, type DatabaseConfig, type DatabaseUrlSource } from '@sentiment-ingest/db';
import { z } from 'zod';

/** Defaults of the migrator's own settings (the database ones live in libs/db). */
export const MIGRATOR_DEFAULTS = Object.freeze({ lockTimeoutMs: 300_000, logLevel: 'info' as const });

const migratorEnvShape = {
  ...databaseEnvShape,
  MIGRATOR_LOCK_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a whole number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(1_000, 'must be at least 1000')
    .default(MIGRATOR_DEFAULTS.lockTimeoutMs),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default(MIGRATOR_DEFAULTS.logLevel),
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
