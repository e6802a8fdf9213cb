import { describeEnvShape, formatEnvVariables } from '@sentiment-ingest/runtime';
import { migratorEnvShape } from '../config';
/** The commands of the migrator CLI with their one-line help, in the order `--help` lists them. */
export const COMMANDS = {
  up: 'apply pending migrations under an advisory lock (the default; `serve` is the same)',
  status: 'list applied and pending migrations, one per line',
  plan: 'print the SQL of pending migrations without running it',
  verify: 'check extension, hypertables, chunk intervals, pending migrations and checksums',
  check: 'compare the entities with the database schema; exit 7 on drift',
  stats: 'per hypertable: size, chunks, rows (approx.), oldest/newest, compression; per stream: ingest lag',
  maintain: 'retention (RETENTION_*_DAYS) and the hourly rollup; idempotent, cron-friendly',
  down: 'revert the last applied migration',
  create: 'write a new migration from the entity diff: create --name <what-changes>',
} as const;

export type Command = keyof typeof COMMANDS;

/** What the command line asked for. */
export type ParsedArgs =
  | { readonly kind: 'run'; readonly command: Command; readonly name?: string }
  | { readonly kind: 'help'; readonly command?: Command }
  | { readonly kind: 'error'; readonly message: string };

/** Parses `main.js [command] [--name n] [--help]`. Pure. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const args = [...argv];
  let command: Command | undefined;
  let name: string | undefined;
  let help = false;
  while (args.length > 0) {
    const arg = args.shift() as string;
    if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--name' || arg.startsWith('--name=')) {
      name = arg.includes('=') ? arg.slice('--name='.length) : args.shift();
      if (!name) return { kind: 'error', message: '--name needs a value, e.g. --name add_comments_table' };
    } else if (arg.startsWith('-')) return { kind: 'error', message: `unknown option ${arg}` };
    else if (command === undefined) {
      const normalised = arg === 'serve' ? 'up' : arg;
      if (!(normalised in COMMANDS)) return { kind: 'error', message: `unknown command "${arg}"` };
      command = normalised as Command;
    } else return { kind: 'error', message: `unexpected argument "${arg}"` };
  }
  if (help) return command ? { kind: 'help', command } : { kind: 'help' };
  if (command === 'create') {
    if (!name) return { kind: 'error', message: 'create needs --name <what-changes>, e.g. create --name add_comments_table' };
    if (!/^[a-z][a-z0-9_]*$/.test(name)) {
      return { kind: 'error', message: `--name "${name}" must be snake_case: lower-case letters, digits and _` };
    }
    return { kind: 'run', command, name };
  }
  if (name !== undefined) return { kind: 'error', message: '--name only goes with create' };
  return { kind: 'run', command: command ?? 'up' };
}

/** The text of `--help`. */
export function helpText(command?: Command): string {
  const usage = 'usage: node dist/apps/migrator/main.js <command> [options]   (or: npx nx run migrator:<command>)';
  if (command) return `${usage}\n\n  ${command.padEnd(8)} ${COMMANDS[command]}\n`;
  const lines = Object.entries(COMMANDS).map(([name, text]) => `  ${name.padEnd(8)} ${text}`);
  return [
    usage,
    '',
    'The only program that changes the sentiment-ingest schema. Reads DATABASE_URL (see .env.example).',
    '',
    'commands:',
    ...lines,
    '',
    'exit codes: 0 ok, 1 unexpected error, 2 usage, 3 configuration, 4 database unreachable or refused,',
    '            5 TimescaleDB missing, 6 schema not ready (verify), 7 drift (check), 8 edited migration,',
    '            9 lock timeout, 10 connected through a pooler (use a direct DATABASE_URL),',
    '            11 the database user lacks a privilege a migration or the login users need (docs/managed-databases.md)',
    '',
    'settings (environment, or .env in the working directory):',
    formatEnvVariables(describeEnvShape(migratorEnvShape)),
    '',
  ].join('\n');
}
