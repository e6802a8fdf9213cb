import { booleanVar, databaseEnvShape, intInRange, parseEnv, toDatabaseConfig, type DatabaseConfig, type DatabaseUrlSource } from '@sentiment-ingest/db';
import { logLevelVar } from '@sentiment-ingest/runtime';
import { z } from 'zod';

/** Defaults of the migrator's own settings (the database ones live in libs/db). */
export const MIGRATOR_DEFAULTS = Object.freeze({ lockTimeoutMs: 300_000 });

// Names PostgreSQL keeps for itself: `public` and `none` cannot be created, `pg_*` are its predefined
// roles (granting rows to pg_monitor would hand them to every monitoring user), and current_user,
// session_user and current_role mean "whoever runs the statement" in GRANT and ALTER ROLE.
// https://www.postgresql.org/docs/15/sql-createrole.html, https://www.postgresql.org/docs/15/predefined-roles.html
const RESERVED_ROLE_NAMES = new Set(['public', 'none', 'current_user', 'session_user', 'current_role']);

/** Why a role name cannot be used, or null when it can. */
function reservedRoleProblem(name: string): string | null {
  if (name.startsWith('pg_')) return 'must not start with pg_: PostgreSQL reserves those names for its predefined roles';
  if (RESERVED_ROLE_NAMES.has(name)) return `must not be ${name}: PostgreSQL reserves that name`;
  return null;
}

const roleName = (fallback: string) =>
  z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case PostgreSQL role name (letters, digits, _)')
    .superRefine((name, ctx) => {
      const problem = reservedRoleProblem(name);
      if (problem) ctx.addIssue({ code: 'custom', message: `${problem}; choose a name of your own, e.g. ${fallback}` });
    })
    .default(fallback);

/** The variables the migrator reads (tools/workspace-checks checks that compose passes each one). */
export const migratorEnvShape = {
  ...databaseEnvShape,
  MIGRATOR_LOCK_TIMEOUT_MS: intInRange(MIGRATOR_DEFAULTS.lockTimeoutMs, 1_000, 86_400_000).describe('ms to wait for another migrator holding the migration lock'),
  LOG_LEVEL: logLevelVar.describe('fatal, error, warn, info, debug, trace or silent'),
  // Retention windows in days (unset: keep everything) and how far back `maintain` looks for changes.
  RETENTION_RAW_SUBMISSIONS_DAYS: intInRange(0, 0, 36_500).describe('maintain: drop raw_submissions chunks older than this many days (0 or unset: keep all)'),
  RETENTION_SUBMISSION_METRICS_DAYS: intInRange(0, 0, 36_500).describe('maintain: drop submission_metrics chunks older than this many days (0 or unset: keep all)'),
  ROLLUP_LOOKBACK_DAYS: intInRange(7, 1, 3_650).describe('maintain (OSS edition): days back to refresh the hourly rollup for changed rows'),
  // Community edition: compress chunks older than this many days (unset: no compression policy).
  COMPRESS_AFTER_DAYS: intInRange(0, 0, 36_500).describe('maintain (community edition): compress chunks older than this many days (0 or unset: no compression)'),
  // Least privilege: group roles granted to scrapers (writer) and analysts (reader).
  DB_WRITER_ROLE: roleName('sentiment_writer').describe('group role the migrations grant writes to (scrapers log in as its members)'),
  DB_READER_ROLE: roleName('sentiment_reader').describe('group role the migrations grant reads to (analysts, Grafana)'),
  DB_CREATE_ROLES: booleanVar(true).describe('create the two roles when missing (false on a managed database where you create them)'),
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
  const parsed = parseEnv(
    migratorEnvShape,
    env,
    (values) =>
      values.DB_WRITER_ROLE === values.DB_READER_ROLE
        ? ['DB_WRITER_ROLE and DB_READER_ROLE must differ: analysts would get the scrapers\' write rights; name them e.g. sentiment_writer and sentiment_reader']
        : [],
    { databaseUrlSource },
  );
  return Object.freeze({
    db: toDatabaseConfig(parsed, databaseUrlSource),
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
