import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readEnvText, resolveEnvFile } from './env-file-expansion';
import { databaseUrlFromParts } from './postgres-url';
import type { DatabaseUrlSource } from './url-source';

export type { DatabaseUrlSource } from './url-source';

/** The process environment merged with `.env`, as the config schemas read it. */
export interface LoadedEnvironment {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly envFile: string | null;
  readonly databaseUrlSource: DatabaseUrlSource;
}

/**
 * Reads `<cwd>/.env` (if present), expands its references (rules in env-file-expansion.ts and the
 * README), and merges it under the process environment: a variable set in the process always wins.
 *
 * DATABASE_URL is chosen in this order: DATABASE_URL from the process (what you pass to a
 * container), DATABASE_URL_LOCAL from the process, DATABASE_URL_LOCAL from `.env` (the host's view:
 * localhost:PG_PORT_HOST), DATABASE_URL from `.env`, and last a URL built from PG_HOST, PG_PORT,
 * PG_USER, PG_PASSWORD and PG_DB (what compose passes, percent-encoded here).
 *
 * Nx copies `.env` into the environment of every task it runs, expanded its own way; such copies
 * are recognised and replaced by our expansion (see `resolveEnvFile`), otherwise
 * `nx run migrator:serve` on the host would pick the containers' DATABASE_URL, or a password with a
 * `$` as Nx mangled it.
 */
export function loadEnvironment(options: {
  cwd: string;
  processEnv: Readonly<Record<string, string | undefined>>;
}): LoadedEnvironment {
  const envFile = join(options.cwd, '.env');
  const present = existsSync(envFile);
  const file = resolveEnvFile(readEnvText(present ? readFileSync(envFile, 'utf8') : ''), options.processEnv);
  const env: Record<string, string | undefined> = { ...options.processEnv };
  for (const [key, value] of Object.entries(file.values)) if (!file.overridden.has(key)) env[key] = value;
  // Only the process's own values count as set in the process, not Nx's copies of `.env`.
  const fromProcess = (key: string) =>
    Object.hasOwn(file.values, key) && !file.overridden.has(key) ? undefined : options.processEnv[key];
  const candidates: [string | undefined, DatabaseUrlSource][] = [
    [fromProcess('DATABASE_URL'), 'environment DATABASE_URL'],
    [fromProcess('DATABASE_URL_LOCAL'), 'environment DATABASE_URL_LOCAL'],
    [file.values['DATABASE_URL_LOCAL'], '.env DATABASE_URL_LOCAL'],
    [file.values['DATABASE_URL'], '.env DATABASE_URL'],
    [databaseUrlFromParts(env), 'PG_HOST, PG_PORT, PG_USER, PG_PASSWORD, PG_DB'],
  ];
  const [url, source] = candidates.find(([candidate]) => candidate) ?? [undefined, 'unset'];
  env['DATABASE_URL'] = url;
  return Object.freeze({ env: Object.freeze(env), envFile: present ? envFile : null, databaseUrlSource: source });
}
