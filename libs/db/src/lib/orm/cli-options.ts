import type { Options } from '@mikro-orm/postgresql';
import { databaseEnvShape, parseEnv, toDatabaseConfig } from '../config/database-config';
import { loadEnvironment } from '../config/env-file';
import { createOrmOptions } from './orm-options';

/** What the migrator offers instead of a MikroORM CLI command that would change the schema. */
const MIGRATOR_UP = 'npx nx run migrator:up (or `docker compose run --rm migrator up`)';
const MIGRATOR_DOWN = 'npx nx run migrator:down (or `node dist/apps/migrator/main.js down`)';
const MIGRATOR_CREATE = 'npx nx run migrator:create --name <what_changes>';

// MikroORM CLI commands that would change the schema (or write a migration) outside the migrator,
// which alone holds the migration lock, records checksums, sets the role names the migrations read
// and refuses to run through a pooler. Read-only commands (debug, migration:list, migration:pending,
// migration:check, schema:* --dump) stay available.
const REFUSED_ALWAYS: Readonly<Record<string, string>> = {
  'migration:up': MIGRATOR_UP,
  'migration:down': MIGRATOR_DOWN,
  'migration:fresh': `${MIGRATOR_UP}, after dropping the database yourself`,
  'migration:create': MIGRATOR_CREATE,
};
const REFUSED_WITH_RUN = new Set(['schema:create', 'schema:update', 'schema:drop', 'schema:fresh']);

/**
 * Why the MikroORM CLI must not run this command here, with what to run instead; null when the
 * command is safe (it only reads). `args` are the CLI's arguments after the program name.
 */
export function refusedCliCommand(args: readonly string[]): string | null {
  // Any argument naming a refused command, not only the first positional one: options with values
  // (`--config <file> migration:up`) come before the command.
  const command = args.find((arg) => Object.hasOwn(REFUSED_ALWAYS, arg) || REFUSED_WITH_RUN.has(arg));
  if (command === undefined) return null;
  const instead = REFUSED_ALWAYS[command];
  if (instead !== undefined) {
    return `\`mikro-orm ${command}\` is not used in sentiment-ingest: the migrator changes the schema (advisory lock, migration checksums, role settings). Run ${instead}.`;
  }
  if (REFUSED_WITH_RUN.has(command) && args.some((arg) => arg === '--run' || arg === '-r')) {
    return (
      `\`mikro-orm ${command} --run\` would change the schema outside the migrations. ` +
      `Print the SQL with --dump instead, and change the schema with a migration: ${MIGRATOR_CREATE}, then ${MIGRATOR_UP}.`
    );
  }
  return null;
}

/**
 * The MikroORM options for `npx mikro-orm …` (the workspace's `mikro-orm.config.ts`): the same
 * entities, migration list and connection settings as the apps, read from the environment and
 * `.env` in the working directory the way the apps read them. Throws a ConfigError that names each
 * missing or invalid setting; an Error with the refusal of {@link refusedCliCommand}.
 */
export function createCliOrmOptions(options: {
  cwd: string;
  processEnv: Readonly<Record<string, string | undefined>>;
  args: readonly string[];
}): Options {
  const refusal = refusedCliCommand(options.args);
  if (refusal !== null) throw new Error(refusal);
  const loaded = loadEnvironment({ cwd: options.cwd, processEnv: options.processEnv });
  const parsed = parseEnv(databaseEnvShape, loaded.env, undefined, { databaseUrlSource: loaded.databaseUrlSource });
  return createOrmOptions(toDatabaseConfig(parsed, loaded.databaseUrlSource), { applicationName: 'sentiment-mikro-orm-cli' });
}
