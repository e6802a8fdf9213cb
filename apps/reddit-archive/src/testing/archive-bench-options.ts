import { wholeNumberOption } from '@sentiment-ingest/runtime';
import { parseArgs } from 'node:util';

/** What the generated dump holds: RS_ (submissions) or RC_ (comments). */
export type BenchKind = 'submissions' | 'comments';

/** Defaults of the archive-import benchmark. */
export const ARCHIVE_BENCH_DEFAULTS = Object.freeze({
  /** decompressed size of the generated dump, in MiB */
  megabytes: 1024,
  kind: 'submissions' as BenchKind,
  seed: 42,
});

/** Command-line help. */
export const ARCHIVE_BENCH_USAGE = `Usage: npx nx run bench:archive-import [-- options]
Generates a deterministic Reddit dump (RS_ or RC_, realistic line sizes, with the drift and the traps
of real dumps: created_utc as string/float/int, edited false or an epoch, null scores, retrieved_on
or retrieved_utc, removed_by_category absent, lone surrogates, blank and non-JSON lines, a truncated
last line, mixed-case subreddits), compresses it as the dumps are (zstd --long=31), and times the
BUILT importer (node dist/apps/reddit-archive/main.js import, a child process) into a fresh, migrated
TimescaleDB database in two scenarios: every line wanted (no --subreddits), and ~5% wanted
(--subreddits naming the subreddits of ~5% of the lines). Baselines measured in the same run:
zstd -dc --long=31 of the file to /dev/null, and a plain COPY of the rows the import stored into the
same (truncated) tables.
Options:
  --database-url URL   admin URL of a TimescaleDB server (default: TEST_DATABASE_URL, else DATABASE_URL)
  --megabytes N        decompressed size of the dump in MiB (default ${ARCHIVE_BENCH_DEFAULTS.megabytes}; 100 for a quick run)
  --kind submissions|comments
                       RS_ posts (~1-1.5 KB a line) or RC_ comments (~0.5-1 KB) (default ${ARCHIVE_BENCH_DEFAULTS.kind})
  --seed N             seed of the generator (default ${ARCHIVE_BENCH_DEFAULTS.seed})
  --help               print this help
Prints rows/s, the ratio to COPY (100% match), the import's time against zstd decode + COPY of the
stored rows (5% match), the importer's peak RSS, CPU time of the importer, zstd and PostgreSQL, and a
JSON line of all figures. Exit code: 0 measured and the stored rows are those expected, 1 failed or
wrong count, 2 bad options.`;

/** Validated options of one run. */
export interface ArchiveBenchOptions {
  readonly databaseUrl: string;
  readonly megabytes: number;
  readonly kind: BenchKind;
  readonly seed: number;
}

/** A bad command line: the message says which option and why. */
export class ArchiveBenchUsageError extends Error {}

/** Parses the benchmark's options (`help` when asked for). Pure. */
export function parseArchiveBenchOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ArchiveBenchOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        'database-url': { type: 'string' },
        megabytes: { type: 'string' },
        kind: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new ArchiveBenchUsageError(`${error instanceof Error ? error.message : String(error)}\n(--help lists the options)`);
  }
  if (values.help) return 'help';
  const databaseUrl = values['database-url'] || env['TEST_DATABASE_URL'] || env['DATABASE_URL'];
  if (!databaseUrl) throw new ArchiveBenchUsageError('no database: pass --database-url or set TEST_DATABASE_URL or DATABASE_URL');
  const megabytes = wholeNumber('--megabytes', values.megabytes, ARCHIVE_BENCH_DEFAULTS.megabytes, 1, 65_536);
  const kind = values.kind ?? ARCHIVE_BENCH_DEFAULTS.kind;
  if (kind !== 'submissions' && kind !== 'comments') throw new ArchiveBenchUsageError(`--kind "${kind}" must be submissions or comments`);
  const seed = wholeNumber('--seed', values.seed, ARCHIVE_BENCH_DEFAULTS.seed, 0, 2 ** 32 - 1);
  return { databaseUrl, megabytes, kind, seed };
}

const wholeNumber = (name: string, text: string | undefined, fallback: number, min: number, max: number): number =>
  wholeNumberOption(name, text, { fallback, min, max }, (message) => new ArchiveBenchUsageError(message));
