/**
 * Configuration of the MikroORM CLI (`npx mikro-orm debug`, `migration:list`, `migration:pending`,
 * `schema:update --dump`, ...), for those who reach for it. It reads the database the way the apps
 * do (environment, then `.env` in the working directory). The schema is changed by the migrator
 * only (`npx nx run migrator:up`): commands that would change it here are refused with what to run
 * instead (README, "The MikroORM CLI").
 */
import { createCliOrmOptions } from '@sentiment-ingest/db';
import { ConfigError } from '@sentiment-ingest/runtime';

function cliOptions() {
  try {
    return createCliOrmOptions({ cwd: process.cwd(), processEnv: process.env, args: process.argv.slice(2) });
  } catch (error) {
    // The CLI would print its usage and a stack trace above the reason: print only the reason.
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof ConfigError ? 3 : 2);
  }
}

export default cliOptions();
