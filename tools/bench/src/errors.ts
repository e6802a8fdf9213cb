/** Errors of the benchmark, grouped by what the user does next (docs/design-notes.md, "Code conventions"). */
export abstract class BenchError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The command line or environment is invalid: fix it and run again. */
export class BenchUsageError extends BenchError {
  readonly code = 'BENCH_USAGE';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid benchmark options:\n${problems.map((p) => `  - ${p}`).join('\n')}\n${USAGE}`);
  }
}

/** A phase did not do what it claims to measure (rows not inserted, not changed...): its timing means nothing. */
export class BenchInvariantError extends BenchError {
  readonly code = 'BENCH_INVARIANT';
}

/** Command-line help, printed with usage errors. */
export const USAGE = `Usage: npx nx run bench:write-path [-- --rows N --write-batch N --runs N --in-flight N --database-url URL | --help]
  --rows          rows per phase (default 100000)
  --write-batch   submissions per SubmissionWriter.write call (default 5000); not --batch-size,
                  which the Nx CLI takes for its own --batch flag and never forwards
  --runs          timed rounds; each runs every phase once, the fastest run of each phase is reported (default 3)
  --in-flight     writer batches written at once, each on its own connection, as a pipelining importer
                  writes them (default 1: one after another)
  --database-url  admin URL of a TimescaleDB server; the benchmark creates and drops its own database
                  (default: BENCH_DATABASE_URL, else the test server: TEST_DATABASE_URL, testcontainers
                  or tools/local-timescaledb)`;
