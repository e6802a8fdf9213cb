/**
 * `npx nx run bench:write-path [-- --rows N --write-batch N --runs N --in-flight N --database-url URL | --help]`
 * Composition root of the write-path benchmark (docs/design-notes.md, "Write path measurements"): finds a
 * TimescaleDB server, creates and migrates a database of its own, times plain COPY against
 * SubmissionWriter for new, unchanged and changed rows, prints a table and a JSON line, and drops
 * the database whatever happens. Exit code: 0 when measured (even with a MISS), 1 on failure,
 * 2 on bad options, 130 when interrupted.
 */
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { poolConnectionSource, SubmissionWriter } from '@sentiment-ingest/db';
import { startTestServer, type TestDatabase } from '@sentiment-ingest/db/testing';
import { Pool } from 'pg';
import { makeBenchSubmissions } from './bench-data';
import { createBenchDatabase, readServerInfo } from './bench-database';
import { parseBenchOptions, type BenchOptions } from './bench-options';
import { formatReport, toJsonSummary } from './bench-report';
import { BenchUsageError, USAGE } from './errors';
import { summarisePhases } from './phase-stats';
import { WritePathBench } from './write-path-bench';

/** The bundle runs from dist/tools/bench/, three levels below the workspace root. */
const WORKSPACE_ROOT = resolve(__dirname, '../../..');

const progress = (line: string) => process.stderr.write(`[bench] ${line}\n`);

async function adminUrlFor(options: BenchOptions): Promise<string> {
  if (options.databaseUrl) return options.databaseUrl;
  const server = await startTestServer({ workspaceRoot: WORKSPACE_ROOT, env: process.env });
  progress(`TimescaleDB from ${server.origin}`);
  return server.adminUrl;
}

async function bench(options: BenchOptions, signal: AbortSignal): Promise<void> {
  const adminUrl = await adminUrlFor(options);
  const submissions = makeBenchSubmissions(options.rows);
  let database: TestDatabase | undefined;
  let pool: Pool | undefined;
  try {
    database = await createBenchDatabase(adminUrl);
    progress(`database ${database.name} created and migrated`);
    pool = new Pool({ connectionString: database.url, max: Math.max(2, options.inFlight), application_name: 'bench-write-path' });
    // An idle client's 'error' (server restart) must fail the run, not crash it without cleanup.
    pool.on('error', (err) => progress(`idle connection failed: ${err.message}`));
    const writer = new SubmissionWriter({ connections: poolConnectionSource(pool) });
    const server = await readServerInfo(pool);
    const { runs, batchSize, inFlight } = options;
    const measured = await new WritePathBench({ pool, writer, submissions, batchSize, inFlight, runs, signal, progress }).measure();
    const phases = summarisePhases(submissions.length, measured.runsMs, measured.runsCost);
    const context = { ...options, ...measured, rows: submissions.length, server, node: process.version, cpus: cpus().length };
    process.stdout.write(`\n${formatReport(context, phases)}\n\n${toJsonSummary(context, phases)}\n`);
  } finally {
    await pool?.end().catch(() => undefined);
    if (database) {
      await database.drop();
      progress(`database ${database.name} dropped`);
    }
  }
}

async function main(): Promise<number> {
  const controller = new AbortController();
  const abort = () => controller.abort(new Error('interrupted'));
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  try {
    const options = parseBenchOptions(process.argv.slice(2), process.env);
    if (options === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    await bench(options, controller.signal);
    return 0;
  } catch (error) {
    if (error instanceof BenchUsageError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    if (controller.signal.aborted) {
      process.stderr.write('[bench] interrupted\n');
      return 130;
    }
    process.stderr.write(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

void main().then((code) => {
  process.exitCode = code;
});
