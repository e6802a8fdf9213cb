import { ConfigError, booleanVar, intInRange, parseEnv as parseVariables } from '@sentiment-ingest/runtime';
import { z } from 'zod';
import { decodeUrlPart, postgresUrlProblems, redactUrl } from './postgres-url';
import { urlVariableLabel, type DatabaseUrlSource } from './url-source';

export { redactUrl } from './postgres-url';

/** Connection and pool settings; see the README's configuration table. Defaults live here. */
export const DATABASE_DEFAULTS = Object.freeze({
  poolMin: 0,
  poolMax: 10,
  poolIdleTimeoutMs: 30_000,
  connectTimeoutMs: 5_000,
  statementTimeoutMs: 60_000,
});

const postgresUrl = z
  .string({
    error:
      'is not set: copy .env.example to .env, or set DATABASE_URL=postgres://user:password@host:5432/db ' +
      '(or PG_HOST, PG_PORT, PG_USER, PG_PASSWORD and PG_DB, from which the URL is built)',
  })
  .trim()
  .min(1, 'is empty: set it to postgres://user:password@host:5432/db')
  .superRefine((value, ctx) => {
    for (const message of postgresUrlProblems(value)) ctx.addIssue({ code: 'custom', message });
  });

// The helpers of every app's config schema live in libs/runtime (tools without the ORM use them);
// re-exported here, where apps have always found them.
export { booleanVar, intInRange };

/** The environment variables of the database connection, as a zod shape apps merge into theirs. */
export const databaseEnvShape = {
  DATABASE_URL: postgresUrl.describe('postgres://user:password@host:5432/db (or DATABASE_URL_LOCAL, or PG_HOST, PG_PORT, PG_USER, PG_PASSWORD, PG_DB)'),
  DB_POOL_MIN: intInRange(DATABASE_DEFAULTS.poolMin, 0, 1000).describe('connections the pool keeps open'),
  DB_POOL_MAX: intInRange(DATABASE_DEFAULTS.poolMax, 1, 1000).describe('most connections of the pool'),
  DB_POOL_IDLE_TIMEOUT_MS: intInRange(DATABASE_DEFAULTS.poolIdleTimeoutMs, 1_000, 86_400_000).describe('an idle connection is closed after this (ms)'),
  DB_CONNECT_TIMEOUT_MS: intInRange(DATABASE_DEFAULTS.connectTimeoutMs, 100, 600_000).describe('a connection attempt gives up after this (ms)'),
  DB_STATEMENT_TIMEOUT_MS: intInRange(DATABASE_DEFAULTS.statementTimeoutMs, 0, 86_400_000).describe('a statement is cancelled after this (ms; 0: never)'),
};

/** Validated, frozen database settings. `password` is not enumerable, so it never serialises. */
export interface DatabaseConfig {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  readonly password: string;
  /** the URL with its password masked, safe to log */
  readonly displayUrl: string;
  /** where the URL came from, so that errors name the variable to fix; undefined when not known */
  readonly urlSource?: DatabaseUrlSource;
  readonly pool: { readonly min: number; readonly max: number; readonly idleTimeoutMs: number };
  readonly connectTimeoutMs: number;
  /** 0 disables the timeout */
  readonly statementTimeoutMs: number;
}

type DatabaseEnv = z.infer<z.ZodObject<typeof databaseEnvShape>>;

/** Builds the {@link DatabaseConfig} from already-validated variables. */
export function toDatabaseConfig(env: DatabaseEnv, urlSource?: DatabaseUrlSource): DatabaseConfig {
  const url = new URL(env.DATABASE_URL);
  const decode = (text: string, part: string) => {
    const decoded = decodeUrlPart(text);
    if (decoded === undefined) {
      // parseEnv has refused such a URL already; this guards callers that skipped it.
      throw new ConfigError([`${urlVariableLabel(urlSource)} has a malformed %-escape in its ${part}: percent-encode \`%\` as %25`]);
    }
    return decoded;
  };
  const config = {
    host: url.hostname,
    port: url.port === '' ? 5432 : Number(url.port),
    database: decode(url.pathname.replace(/^\//, ''), 'database name') || 'postgres',
    user: decode(url.username, 'user name') || 'postgres',
    displayUrl: redactUrl(env.DATABASE_URL),
    urlSource,
    pool: { min: Math.min(env.DB_POOL_MIN, env.DB_POOL_MAX), max: env.DB_POOL_MAX, idleTimeoutMs: env.DB_POOL_IDLE_TIMEOUT_MS },
    connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS,
    statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
  };
  Object.defineProperty(config, 'password', { value: decode(url.password, 'password'), enumerable: false });
  return Object.freeze(config) as DatabaseConfig;
}

/**
 * libs/runtime's `parseEnv` (every problem at once, each naming the variable; values never echoed),
 * naming DATABASE_URL after the place it came from (`DATABASE_URL_LOCAL in .env`, ...).
 */
export function parseEnv<S extends z.ZodRawShape>(
  shape: S,
  env: Readonly<Record<string, string | undefined>>,
  /** checks across variables, run once each variable is valid; return one line per problem */
  crossChecks?: (parsed: z.infer<z.ZodObject<S>>) => string[],
  /** where DATABASE_URL came from (loadEnvironment), so that its problems name that variable */
  options: { databaseUrlSource?: DatabaseUrlSource } = {},
): z.infer<z.ZodObject<S>> {
  return parseVariables(shape, env, crossChecks, {
    label: (name, given) => (name === 'DATABASE_URL' && given ? urlVariableLabel(options.databaseUrlSource) : name),
  });
}
