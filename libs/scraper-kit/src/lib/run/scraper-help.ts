import { describeEnvShape, formatEnvVariables } from '@sentiment-ingest/runtime';
import type { z } from 'zod';
import { SCRAPER_EXIT } from './exit-codes';

/** What `--help` says of a scraper, from its definition. */
export interface ScraperHelpSource {
  readonly app: string;
  /** one paragraph: what the scraper collects and where it stores it */
  readonly summary?: string;
  /** every variable it reads, described (`.describe()`), in the order to list them */
  readonly envShape?: z.ZodRawShape;
  /** the source's own exit codes (from 7 on) and what each means */
  readonly exitCodes?: Readonly<Record<number, string>>;
}

const KIT_EXIT_CODES: Readonly<Record<number, string>> = {
  [SCRAPER_EXIT.OK]: 'stopped by SIGTERM or SIGINT, the batch in hand written',
  [SCRAPER_EXIT.FAILURE]: 'an unexpected failure (the log says which), or a second signal',
  [SCRAPER_EXIT.USAGE]: 'an argument it does not know',
  [SCRAPER_EXIT.CONFIG]: 'invalid configuration: the log lists every variable to fix',
  [SCRAPER_EXIT.DATABASE]: 'the database is unreachable or refused the login',
  [SCRAPER_EXIT.SCHEMA]: 'migrations are pending: run the migrator first',
};

/** The text of `--help`: usage, summary, every variable with its default, exit codes. */
export function scraperHelp(source: ScraperHelpSource): string {
  const codes = { ...KIT_EXIT_CODES, ...source.exitCodes };
  const lines = [
    `Usage: node dist/apps/${source.app}/main.js [--help]`,
    `   or: npx nx run ${source.app}:serve`,
    '',
    ...(source.summary ? [source.summary, ''] : []),
    'It takes no other argument. It is configured by environment variables, read from the process and',
    'from a .env file in the working directory (a variable set in the process wins):',
    '',
    source.envShape ? formatEnvVariables(describeEnvShape(source.envShape)) : '  (see the README)',
    '',
    'Exit codes:',
    ...Object.entries(codes)
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([code, meaning]) => `  ${code.padStart(2)}  ${meaning}`),
    '',
  ];
  return lines.join('\n');
}

/** What the arguments ask for: help, a run, or a usage error naming the first unknown argument. */
export function scraperArguments(argv: readonly string[]): { kind: 'help' } | { kind: 'run' } | { kind: 'unknown'; argument: string } {
  if (argv.length === 0) return { kind: 'run' };
  const first = argv[0] ?? '';
  if (argv.length === 1 && (first === '--help' || first === '-h')) return { kind: 'help' };
  return { kind: 'unknown', argument: argv.find((a) => a !== '--help' && a !== '-h') ?? first };
}
