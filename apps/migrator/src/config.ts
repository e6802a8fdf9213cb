import { booleanVar, databaseEnvShape, intInRange, parseEnv, toDatabaseConfig, type DatabaseConfig, type DatabaseUrlSource } from '@sentiment-ingest/db';
import { logLevelVar } from '@sentiment-ingest/runtime';
import { z } from 'zod';

/** Defaults of the migrator's own settings (the database ones live in libs/db). */
export const MIGRATOR_DEFAULTS = Object.freeze({ lockTimeoutMs: 300_000 });

const roleName = (fallback: string) =>
  z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case PostgreSQL role name (letters, digits, _)')
    .default(fallback);

const migratorEnvShape = {
  ...databaseEnvShape,
  MIGRATOR_LOCK_TIMEOUT_MS: intInRange(MIGRATOR_DEFAULTS.lockTimeoutMs, 1_000, 86_400_000),
  LOG_LEVEL: logLevelVar,
  // Retention windows in days (unset: keep everything) and how far back `maintain` looks for changes.
  RETENTION_RAW_SUBMISSIONS_DAYS: intInRange(0, 0, 36_500),
  RETENTION_SUBMISSION_METRICS_DAYS: intInRange(0, 0, 36_500),
  ROLLUP_LOOKBACK_DAYS: intInRange(7, 1, 3_650),
  // Community edition: compress chunks older than this many days (unset: no compression policy).
  COMPRESS_AFTER_DAYS: intInRange(0, 0, 36_500),
  // Least privilege: group roles granted to scrapers (writer) and analysts (reader).
  DB_WRITER_ROLE: roleName('sentiment_writer'),
  DB_READER_ROLE: roleName('sentiment_reader'),
  DB_CREATE_ROLES: booleanVar(true),
};

/** The migrator's validated, frozen configuration. */
export interface MigratorConfig {
  readonly db: DatabaseConfig;
  readonly databaseUrlSource: DatabaseUrlSource;
  readonly lockTimeoutMs: number;
  /** days of data kept per hypertable; null keeps everything */
  readonly retentionDays: { readonly raw_submissions: number | null; readonly submission_metrics: number | null };
  readonly rollupLookbackDays: number;
  /** community edition: compress chunks older than this; null: no compression policy */
  readonly compressAfterDays: number | null;
  /** session settings read by the roles migration (`sentiment.writer_role`, ...) */
  readonly roleSettings: Readonly<Record<string, string>>;
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
    retentionDays: {
      raw_submissions: parsed.RETENTION_RAW_SUBMISSIONS_DAYS || null,
      submission_metrics: parsed.RETENTION_SUBMISSION_METRICS_DAYS || null,
    },
    rollupLookbackDays: parsed.ROLLUP_LOOKBACK_DAYS,
    compressAfterDays: parsed.COMPRESS_AFTER_DAYS || null,
    roleSettings: {
      'sentiment.writer_role': parsed.DB_WRITER_ROLE,
      'sentiment.reader_role': parsed.DB_READER_ROLE,
      'sentiment.create_roles': parsed.DB_CREATE_ROLES ? 'on' : 'off',
    },
    logLevel: parsed.LOG_LEVEL,
  });
}
