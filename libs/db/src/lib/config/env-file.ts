import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'dotenv';
import { expand } from 'dotenv-expand';

/** Where the effective DATABASE_URL came from, for start-up logs and error messages. */
export type DatabaseUrlSource =
  | 'environment DATABASE_URL'
  | 'environment DATABASE_URL_LOCAL'
  | '.env DATABASE_URL_LOCAL'
  | '.env DATABASE_URL'
  | 'unset';

/** The process environment merged with `.env`, as the config schemas read it. */
export interface LoadedEnvironment {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly envFile: string | null;
  readonly databaseUrlSource: DatabaseUrlSource;
}

/**
 * Reads `<cwd>/.env` (if present), expands its `${VAR}` references, and merges it under the process
 * environment: a variable set in the process always wins over `.env`.
 *
 * DATABASE_URL is chosen in this order: DATABASE_URL from the process (what compose passes to
 * containers), DATABASE_URL_LOCAL from the process, DATABASE_URL_LOCAL from `.env` (the host's view:
 * localhost:PG_PORT_HOST), DATABASE_URL from `.env`.
 *
 * Nx copies `.env` into the environment of every task it runs, so a process value equal to the
 * `.env` value is taken as coming from `.env`, not as an override; otherwise `nx run migrator:serve`
 * on the host would pick the containers' DATABASE_URL.
 */
export function loadEnvironment(options: {
  cwd: string;
  processEnv: Readonly<Record<string, string | undefined>>;
}): LoadedEnvironment {
  const envFile = join(options.cwd, '.env');
  const fromFile = existsSync(envFile) ? expandFile(readFileSync(envFile, 'utf8'), options.processEnv) : {};
  const env: Record<string, string | undefined> = { ...fromFile, ...options.processEnv };
  const { url, source } = chooseDatabaseUrl(options.processEnv, fromFile);
  env['DATABASE_URL'] = url;
  return Object.freeze({ env: Object.freeze(env), envFile: existsSync(envFile) ? envFile : null, databaseUrlSource: source });
}

const URL_KEYS = ['DATABASE_URL', 'DATABASE_URL_LOCAL'];

function expandFile(text: string, processEnv: Readonly<Record<string, string | undefined>>): Record<string, string> {
  // dotenv-expand resolves references against processEnv first (and lets it replace file values);
  // give it a copy so nothing leaks into the real process.env, without the URL keys, whose file
  // values chooseDatabaseUrl compares with the process values.
  const scratch: Record<string, string> = {};
  for (const [key, value] of Object.entries(processEnv)) {
    if (value !== undefined && !URL_KEYS.includes(key)) scratch[key] = value;
  }
  const result = expand({ parsed: parse(text), processEnv: scratch });
  return { ...(result.parsed ?? {}) };
}

function chooseDatabaseUrl(
  processEnv: Readonly<Record<string, string | undefined>>,
  fromFile: Readonly<Record<string, string>>,
): { url: string | undefined; source: DatabaseUrlSource } {
  const setInProcess = (key: string) => {
    const value = processEnv[key];
    return value !== undefined && value !== fromFile[key] ? value : undefined;
  };
  const candidates: [string | undefined, DatabaseUrlSource][] = [
    [setInProcess('DATABASE_URL'), 'environment DATABASE_URL'],
    [setInProcess('DATABASE_URL_LOCAL'), 'environment DATABASE_URL_LOCAL'],
    [fromFile['DATABASE_URL_LOCAL'], '.env DATABASE_URL_LOCAL'],
    [fromFile['DATABASE_URL'], '.env DATABASE_URL'],
  ];
  for (const [url, source] of candidates) if (url) return { url, source };
  return { url: undefined, source: 'unset' };
}
