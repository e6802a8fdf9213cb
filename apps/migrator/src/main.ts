import { MIGRATOR_SESSION_SETTINGS, SchemaMigrator, loadEnvironment, openOrm } from '@sentiment-ingest/db';
import type { MikroORM } from '@mikro-orm/postgresql';
import { helpText, parseArgs } from './cli/args';
import { exitCodeFor, isExpectedError } from './cli/error-exit';
import { EXIT, type ExitCode } from './cli/exit-codes';
import { runCommand } from './commands/run-command';
import { parseMigratorConfig } from './config';
import { createLogger } from '@sentiment-ingest/runtime';

/** The composition root: arguments, configuration, logger, ORM, command, exit code. */
async function main(argv: readonly string[]): Promise<ExitCode> {
  const args = parseArgs(argv);
  if (args.kind === 'help') {
    process.stdout.write(helpText(args.command));
    return EXIT.OK;
  }
  if (args.kind === 'error') {
    process.stderr.write(`migrator: ${args.message}\n\n${helpText()}`);
    return EXIT.USAGE;
  }

  const earlyLog = createLogger({ app: 'migrator', level: 'info', pretty: Boolean(process.stderr.isTTY), fd: 2 });
  let config;
  try {
    const loaded = loadEnvironment({ cwd: process.cwd(), processEnv: process.env });
    config = parseMigratorConfig(loaded.env, loaded.databaseUrlSource);
  } catch (error) {
    earlyLog.error(error instanceof Error ? error.message : String(error));
    return exitCodeFor(error);
  }

  const log = createLogger({ app: 'migrator', level: config.logLevel, pretty: Boolean(process.stderr.isTTY), fd: 2 });
  log.debug({ database: config.db.displayUrl, from: config.databaseUrlSource }, 'configuration loaded');
  let orm: MikroORM | undefined;
  try {
    // the session timeouts make the server clean up after a migrator whose client vanished
    const sessionSettings = { ...MIGRATOR_SESSION_SETTINGS, ...config.roleSettings };
    orm = await openOrm(config.db, { applicationName: 'sentiment-ingest-migrator', sessionSettings });
    const migrator = new SchemaMigrator({
      orm,
      db: config.db,
      lockTimeoutMs: config.lockTimeoutMs,
      log,
      sessionSettings: config.roleSettings,
    });
    return await runCommand(args.command, {
      migrator,
      orm,
      log,
      out: (text) => process.stdout.write(text),
      workspaceRoot: process.cwd(),
      now: () => new Date(),
      retentionDays: config.retentionDays,
      rollupLookbackDays: config.rollupLookbackDays,
      compressAfterDays: config.compressAfterDays,
      db: config.db,
      loginUsers: config.loginUsers,
    }, { name: args.name });
  } catch (error) {
    if (isExpectedError(error)) log.error({ code: (error as { code?: string }).code }, (error as Error).message);
    else log.error({ err: error }, 'migrator failed');
    return exitCodeFor(error);
  } finally {
    await orm?.close(true).catch(() => undefined);
  }
}

// `migrator plan | head` closes stdout early: that is the reader's choice, not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.OK);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`migrator: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = EXIT.FAILURE;
  },
);
