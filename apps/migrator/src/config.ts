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

const roleNameString = (example: string) =>
  z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case PostgreSQL role name (letters, digits, _)')
    .superRefine((name, ctx) => {
      const problem = reservedRoleProblem(name);
      if (problem) ctx.addIssue({ code: 'custom', message: `${problem}; choose a name of your own, e.g. ${example}` });
    });

const roleName = (fallback: string) => roleNameString(fallback).default(fallback);

/** A login user the migrator manages; unset: none is created. */
const loginUserName = (example: string) => roleNameString(example).optional();

/** A login user's password: any text (unset or blank: none). Never echoed in problems or logs. */
const password = z.string().optional();

/** Names the problems suggest for the login users (and .env.example sets). */
const LOGIN_USER_EXAMPLES = Object.freeze({ scraper: 'sentiment_scraper', analyst: 'sentiment_analyst' });

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
  // Login users `up` creates (or updates) after the migrations: scrapers log in as the first, Grafana
  // and analysts as the second. Unset: no user is created.
  DB_SCRAPER_USER: loginUserName(LOGIN_USER_EXAMPLES.scraper).describe('up: login user for the scrapers, made a member of DB_WRITER_ROLE (unset: none)'),
  DB_SCRAPER_PASSWORD: password.describe('up: its password, set again on every up (change it here to rotate)'),
  DB_ANALYST_USER: loginUserName(LOGIN_USER_EXAMPLES.analyst).describe('up: login user for Grafana and analysts, made a member of DB_READER_ROLE (unset: none)'),
  DB_ANALYST_PASSWORD: password.describe('up: its password, set again on every up (change it here to rotate)'),
};

/**
 * A login user `up` creates when missing, whose password it sets, and which it makes a member of a
 * group role. `password` is not enumerable, so it never serialises into a log line.
 */
export interface LoginUser {
  /** scraper: member of the writer role; analyst: member of the reader role */
  readonly purpose: 'scraper' | 'analyst';
  readonly name: string;
  readonly password: string;
  /** the group role it is granted */
  readonly memberOf: string;
  /** the variables that set it, for messages */
  readonly userVariable: string;
  readonly passwordVariable: string;
}

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
  /** login users `up` manages after the migrations; empty when none is configured */
  readonly loginUsers: readonly LoginUser[];
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
    (values) => [
      ...(values.DB_WRITER_ROLE === values.DB_READER_ROLE
        ? ['DB_WRITER_ROLE and DB_READER_ROLE must differ: analysts would get the scrapers\' write rights; name them e.g. sentiment_writer and sentiment_reader']
        : []),
      ...loginUserProblems(values, toDatabaseConfig(values, databaseUrlSource).user),
    ],
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
    loginUsers: Object.freeze(loginUsersOf(parsed)),
    logLevel: parsed.LOG_LEVEL,
  });
}

type MigratorEnv = z.infer<z.ZodObject<typeof migratorEnvShape>>;

/** The two login users' variables, with the group role each is granted. */
function loginUserSlots(values: MigratorEnv) {
  return [
    { purpose: 'scraper', userVariable: 'DB_SCRAPER_USER', passwordVariable: 'DB_SCRAPER_PASSWORD', name: values.DB_SCRAPER_USER, password: values.DB_SCRAPER_PASSWORD, memberOf: values.DB_WRITER_ROLE },
    { purpose: 'analyst', userVariable: 'DB_ANALYST_USER', passwordVariable: 'DB_ANALYST_PASSWORD', name: values.DB_ANALYST_USER, password: values.DB_ANALYST_PASSWORD, memberOf: values.DB_READER_ROLE },
  ] as const;
}

/**
 * Why the login users cannot be managed as configured: a user without a password (or a password
 * without a user), a user that is the migrator's own (the owner of every table), a group role, or
 * the other user. Passwords are never part of a problem.
 */
function loginUserProblems(values: MigratorEnv, owner: string): string[] {
  const slots = loginUserSlots(values);
  const problems: string[] = [];
  for (const slot of slots) {
    const example = LOGIN_USER_EXAMPLES[slot.purpose];
    if (slot.name === undefined) {
      if (slot.password !== undefined) {
        problems.push(`${slot.passwordVariable} is set but ${slot.userVariable} is empty: set ${slot.userVariable} (e.g. ${example}) to create that user, or remove ${slot.passwordVariable}`);
      }
      continue;
    }
    if (slot.password === undefined) {
      problems.push(`${slot.passwordVariable} is not set: ${slot.userVariable}=${slot.name} needs a password. Set ${slot.passwordVariable} in .env, or leave ${slot.userVariable} empty to create no ${slot.purpose} user`);
    }
    if (slot.name === owner) {
      problems.push(
        `${slot.userVariable} must not be ${owner}, the migrator's own user (the owner of every table): the ${slot.purpose}s would keep every right. Choose a user of their own, e.g. ${example}`,
      );
    }
    if (slot.name === values.DB_WRITER_ROLE || slot.name === values.DB_READER_ROLE) {
      problems.push(`${slot.userVariable} must not be a group role (DB_WRITER_ROLE, DB_READER_ROLE): choose a login user of its own, e.g. ${example}`);
    }
  }
  const [scraper, analyst] = slots;
  if (scraper.name !== undefined && scraper.name === analyst.name) {
    problems.push(`DB_SCRAPER_USER and DB_ANALYST_USER must differ: analysts would get the scrapers' write rights; name them e.g. ${LOGIN_USER_EXAMPLES.scraper} and ${LOGIN_USER_EXAMPLES.analyst}`);
  }
  return problems;
}

/** The configured login users (checked by loginUserProblems), each password not enumerable. */
function loginUsersOf(values: MigratorEnv): LoginUser[] {
  return loginUserSlots(values).flatMap((slot) => {
    if (slot.name === undefined || slot.password === undefined) return [];
    const user = { purpose: slot.purpose, name: slot.name, memberOf: slot.memberOf, userVariable: slot.userVariable, passwordVariable: slot.passwordVariable };
    Object.defineProperty(user, 'password', { value: slot.password, enumerable: false });
    return [Object.freeze(user) as LoginUser];
  });
}
