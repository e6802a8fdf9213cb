import { parseArgs } from 'node:util';
import { intInRange } from '@sentiment-ingest/db';
import { z } from 'zod';
import { BenchUsageError } from './errors';

/** Defaults of the write-path benchmark (100k rows, as in docs/design-notes.md, "Write path measurements"). */
export const BENCH_DEFAULTS = Object.freeze({ rows: 100_000, batchSize: 5_000, runs: 3, inFlight: 1 });

/** Validated, frozen options of one benchmark run. */
export interface BenchOptions {
  readonly rows: number;
  readonly batchSize: number;
  readonly runs: number;
  /** writer batches in flight at once (each on its own connection), as an importer that pipelines its writes keeps them */
  readonly inFlight: number;
  /** admin URL of the server; `null`: find a test server (`startTestServer`) */
  readonly databaseUrl: string | null;
}

const count = (fallback: number, max: number) => intInRange(fallback, 1, max);

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => /^postgres(ql)?:\/\/[^/]/.test(value), 'must be a URL like postgres://user:password@host:5432/postgres');

const schema = z.object({
  rows: count(BENCH_DEFAULTS.rows, 10_000_000),
  batchSize: count(BENCH_DEFAULTS.batchSize, 1_000_000),
  runs: count(BENCH_DEFAULTS.runs, 99),
  inFlight: count(BENCH_DEFAULTS.inFlight, 8),
  databaseUrl: postgresUrl.optional(),
});

/**
 * Reads the command line (`--rows 1000` or `--rows=1000`) and `BENCH_DATABASE_URL`; the command
 * line wins. Every problem is reported at once, with the option's name. `--help` (or `-h`) anywhere
 * asks for the usage instead.
 */
export function parseBenchOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): BenchOptions | 'help' {
  if (argv.some((arg) => arg === '--help' || arg === '-h')) return 'help';
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        rows: { type: 'string' },
        'write-batch': { type: 'string' },
        runs: { type: 'string' },
        'in-flight': { type: 'string' },
        'database-url': { type: 'string' },
      },
    }));
  } catch (error) {
    throw new BenchUsageError([error instanceof Error ? error.message : String(error)]);
  }
  const parsed = schema.safeParse({
    rows: values['rows'],
    batchSize: values['write-batch'],
    runs: values['runs'],
    inFlight: values['in-flight'],
    databaseUrl: values['database-url'] ?? (env['BENCH_DATABASE_URL'] || undefined),
  });
  if (!parsed.success) {
    throw new BenchUsageError(parsed.error.issues.map((issue) => `${optionName(issue.path[0])} ${issue.message}`));
  }
  const { rows, batchSize, runs, inFlight, databaseUrl } = parsed.data;
  return Object.freeze({ rows, batchSize, runs, inFlight, databaseUrl: databaseUrl ?? null });
}

const OPTION_NAMES: Readonly<Record<string, string>> = {
  rows: '--rows',
  batchSize: '--write-batch',
  runs: '--runs',
  inFlight: '--in-flight',
  databaseUrl: '--database-url (or BENCH_DATABASE_URL)',
};

function optionName(key: PropertyKey | undefined): string {
  return OPTION_NAMES[String(key)] ?? String(key);
}
