/**
 * Benchmark (not a test): the BUILT archive importer against a generated monthly dump and a real
 * TimescaleDB. Usage: npx nx run bench:archive-import [-- --megabytes 100] (--help lists the options).
 *
 * Generates a deterministic RS_/RC_ dump (archive-bench-data.ts) streamed into `zstd --long=31`,
 * times `zstd -dc --long=31` of it, then for two scenarios (every line wanted; ~5% wanted) creates a
 * fresh migrated database, runs `node dist/apps/reddit-archive/main.js import` as a child process
 * (its peak RSS sampled from /proc, CPU of it, its zstd and PostgreSQL), checks the stored row count,
 * exports the stored rows with COPY TO, truncates the tables and times a plain COPY FROM of the same
 * rows into them. Prints the figures and one JSON line; drops the databases and the files.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, openSync, closeSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { createMigratedDatabase, uniqueDatabaseName } from '@sentiment-ingest/db/testing';
import { DumpGenerator, dumpChunks, TARGET_SUBREDDITS, type DumpTally } from './archive-bench-data';
import { ARCHIVE_BENCH_USAGE, ArchiveBenchUsageError, parseArchiveBenchOptions, type ArchiveBenchOptions } from './archive-bench-options';
import { derive, formatArchiveReport, toArchiveJson, type ArchiveBenchFigures, type ScenarioFigures } from './archive-bench-report';

/** The bundle runs from dist/bench/, two levels below the workspace root. */
const WORKSPACE_ROOT = join(__dirname, '../..');
const ARCHIVE_MAIN = join(WORKSPACE_ROOT, 'dist/apps/reddit-archive/main.js');
const TICK_MS = 10; // /proc counts clock ticks, 100 a second on Linux
const SAMPLE_MS = 200;

const progress = (line: string) => process.stderr.write(`[bench] ${line}\n`);

/** The tables an import of `kind` writes, in load order. */
function tablesOf(kind: ArchiveBenchOptions['kind']): { keys: string; raw: string; metrics: string } {
  return kind === 'submissions'
    ? { keys: 'submission_keys', raw: 'raw_submissions', metrics: 'submission_metrics' }
    : { keys: 'comment_keys', raw: 'raw_comments', metrics: 'comment_metrics' };
}

/** CPU ms of each live `postgres` process, by pid. */
function postgresCpu(): Map<number, number> {
  const out = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(Number(entry));
    if (stat?.comm === 'postgres') out.set(Number(entry), stat.cpuMs);
  }
  return out;
}

/** Busy CPU ms of the whole machine. */
function machineCpu(): number {
  const [, ...ticks] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).map(Number);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return (ticks.slice(0, 8).reduce((sum, t) => sum + t, 0) - idle) * TICK_MS;
}

/** A process's name, own CPU ms and CPU ms of its reaped children; null once it is gone. */
function procStat(pid: number): { comm: string; cpuMs: number; childrenCpuMs: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { comm, cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS, childrenCpuMs: (Number(fields[13]) + Number(fields[14])) * TICK_MS };
  } catch {
    return null;
  }
}

/** VmHWM (peak RSS) of a process in MB; 0 once it is gone. */
function peakRssMb(pid: number): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (text !== '') out.push(...text.split(' ').map(Number));
    }
  } catch {
    // gone
  }
  return out;
}

/** Streams the generated dump into `zstd --long=31 -T0 -q -o file`; resolves to the tally. */
async function generate(options: ArchiveBenchOptions, file: string): Promise<DumpTally> {
  const tally: DumpTally = { lines: 0, bytes: 0, valid: 0, validTarget: 0, rejected: 0 };
  const zstd = spawn('zstd', ['--long=31', '-T0', '-q', '-f', '-o', file], { stdio: ['pipe', 'inherit', 'inherit'] });
  const closed = once(zstd, 'close') as Promise<[number | null, NodeJS.Signals | null]>;
  for (const chunk of dumpChunks(new DumpGenerator(options.kind, options.seed), options.megabytes * 2 ** 20, tally)) {
    if (!zstd.stdin.write(chunk)) await once(zstd.stdin, 'drain');
  }
  zstd.stdin.end();
  const [code, signal] = await closed;
  if (code !== 0) throw new Error(`zstd (compress) exited with ${signal ?? code}`);
  return tally;
}

/** Wall-clock ms of `zstd -dc --long=31 file > /dev/null`. */
async function timeDecode(file: string): Promise<number> {
  const devNull = openSync('/dev/null', 'w');
  try {
    const start = performance.now();
    const zstd = spawn('zstd', ['-dc', '--long=31', file], { stdio: ['ignore', devNull, 'inherit'] });
    const [code] = (await once(zstd, 'close')) as [number | null];
    if (code !== 0) throw new Error(`zstd -dc exited with ${code}`);
    return performance.now() - start;
  } finally {
    closeSync(devNull);
  }
}

async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** CHECKPOINT (superuser only): each timed write starts without the previous one's dirty pages. */
async function checkpoint(client: Client): Promise<void> {
  await client.query('checkpoint').catch((error: Error) => progress(`checkpoint skipped: ${error.message}`));
}

interface ImportRun {
  readonly ms: number;
  readonly stdout: string;
  readonly importerPeakRssMb: number;
  readonly zstdPeakRssMb: number;
  readonly cpuMs: ScenarioFigures['cpuMs'];
}

/** Runs the built CLI, sampling its /proc entries (and its zstd's) every {@link SAMPLE_MS}. */
async function runImport(args: readonly string[], env: Record<string, string>, cwd: string): Promise<ImportRun> {
  // backends end with the importer's connections: their CPU is taken from the last sample before that
  const postgresBefore = postgresCpu();
  const postgresLast = new Map(postgresBefore);
  const machineBefore = machineCpu();
  const start = performance.now();
  const child = spawn(process.execPath, [ARCHIVE_MAIN, ...args], { cwd, env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderrTail = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderrTail = (stderrTail + chunk.toString()).slice(-4000)));
  const pid = child.pid as number;
  let importerPeak = 0;
  let zstdPeak = 0;
  let importerCpu = 0;
  let zstdCpu = 0;
  const zstdCpuOf = new Map<number, number>();
  const sample = () => {
    importerPeak = Math.max(importerPeak, peakRssMb(pid));
    const self = procStat(pid);
    if (self) {
      importerCpu = self.cpuMs;
      zstdCpu = Math.max(zstdCpu, self.childrenCpuMs);
    }
    for (const kid of childrenOf(pid)) {
      const stat = procStat(kid);
      if (stat?.comm !== 'zstd') continue;
      zstdPeak = Math.max(zstdPeak, peakRssMb(kid));
      zstdCpuOf.set(kid, stat.cpuMs);
    }
    zstdCpu = Math.max(zstdCpu, [...zstdCpuOf.values()].reduce((a, b) => a + b, 0));
    for (const [pg, ms] of postgresCpu()) postgresLast.set(pg, ms);
  };
  const timer = setInterval(sample, SAMPLE_MS);
  const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
  const ms = performance.now() - start;
  clearInterval(timer);
  const machine = machineCpu() - machineBefore;
  for (const [pg, ms] of postgresCpu()) postgresLast.set(pg, ms);
  let postgres = 0;
  for (const [pg, ms] of postgresLast) postgres += ms - (postgresBefore.get(pg) ?? 0);
  if (code !== 0) throw new Error(`the importer exited with ${signal ?? code}\n${stdout}\n${stderrTail}`);
  return {
    ms,
    stdout,
    importerPeakRssMb: importerPeak,
    zstdPeakRssMb: zstdPeak,
    cpuMs: { importer: importerCpu, zstd: zstdCpu, postgres, machine },
  };
}

/** Exports the stored rows of each table, truncates them, and times a plain COPY FROM of the same rows. */
async function timeCopyBaseline(url: string, kind: ArchiveBenchOptions['kind'], dir: string): Promise<{ rawMs: number; allMs: number }> {
  const tables = tablesOf(kind);
  return withClient(url, async (client) => {
    const files: Record<string, string> = {};
    for (const table of Object.values(tables)) {
      files[table] = join(dir, `${table}.copy`);
      await pipeline(client.query(copyTo(`copy (select * from ${table}) to stdout`)), createWriteStream(files[table]));
    }
    await client.query(`truncate ${Object.values(tables).join(', ')}`);
    await checkpoint(client);
    const timed: Record<string, number> = {};
    for (const table of [tables.keys, tables.raw, tables.metrics]) {
      const start = performance.now();
      await pipeline(createReadStream(files[table] as string, { highWaterMark: 1 << 20 }), client.query(copyFrom(`copy ${table} from stdin`)));
      timed[table] = performance.now() - start;
      rmSync(files[table] as string, { force: true });
    }
    const rawMs = timed[tables.raw] ?? 0;
    return { rawMs, allMs: Object.values(timed).reduce((a, b) => a + b, 0) };
  });
}

async function scenario(
  name: ScenarioFigures['name'],
  options: ArchiveBenchOptions,
  file: string,
  dir: string,
  expectedRows: number,
): Promise<ScenarioFigures> {
  const subreddits = name === 'all' ? [] : TARGET_SUBREDDITS.map((s) => s.toLowerCase());
  const database = await createMigratedDatabase(options.databaseUrl, uniqueDatabaseName('si_bench_archive'), 'bench-setup');
  try {
    await withClient(database.url, checkpoint);
    progress(`${name}: importing into ${database.name}`);
    const args = ['import', '--rejects', join(dir, `rejects-${name}.tsv`), ...(subreddits.length > 0 ? ['--subreddits', subreddits.join(',')] : []), file];
    const run = await runImport(args, { DATABASE_URL: database.url, LOG_LEVEL: 'warn' }, dir);
    progress(`${name}: import took ${(run.ms / 1000).toFixed(1)} s; summary:\n${run.stdout.trimEnd()}`);
    const storedRows = await withClient(database.url, async (client) => {
      const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from ${tablesOf(options.kind).raw}`);
      return rows[0]?.n ?? 0;
    });
    progress(`${name}: ${storedRows} rows stored; timing COPY of them`);
    const copy = await timeCopyBaseline(database.url, options.kind, dir);
    return {
      name,
      subreddits,
      importMs: run.ms,
      expectedRows,
      storedRows,
      copyRawMs: copy.rawMs,
      copyAllMs: copy.allMs,
      importerPeakRssMb: run.importerPeakRssMb,
      zstdPeakRssMb: run.zstdPeakRssMb,
      cpuMs: run.cpuMs,
    };
  } finally {
    await database.drop();
    progress(`database ${database.name} dropped`);
  }
}

async function bench(options: ArchiveBenchOptions): Promise<boolean> {
  statSync(ARCHIVE_MAIN); // built by the target's dependsOn
  const dir = mkdtempSync(join(tmpdir(), 'archive-bench-'));
  try {
    const file = join(dir, `${options.kind === 'submissions' ? 'RS' : 'RC'}_2023-01.zst`);
    progress(`generating ${options.megabytes} MiB of ${options.kind} into ${file}`);
    const generateStart = performance.now();
    const tally = await generate(options, file);
    const generateMs = performance.now() - generateStart;
    progress(`generated ${tally.lines} lines (${tally.valid} valid, ${tally.validTarget} in the ~5% set) in ${(generateMs / 1000).toFixed(1)} s`);
    const decodes = [await timeDecode(file), await timeDecode(file)];
    progress(`zstd -dc: ${decodes.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(', ')} (the faster counts)`);
    const scenarios = [await scenario('all', options, file, dir, tally.valid), await scenario('five-percent', options, file, dir, tally.validTarget)];
    const figures: ArchiveBenchFigures = {
      kind: options.kind,
      seed: options.seed,
      decompressedBytes: tally.bytes,
      compressedBytes: statSync(file).size,
      lines: tally.lines,
      generateMs,
      zstdDecodeMs: Math.min(...decodes),
      cores: cpus().length,
      scenarios,
    };
    process.stdout.write(`\n${formatArchiveReport(figures)}\n\n${toArchiveJson(figures)}\n`);
    return scenarios.every((s) => derive(s, figures.zstdDecodeMs, figures.lines).correct);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  let options: ArchiveBenchOptions | 'help';
  try {
    options = parseArchiveBenchOptions(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof ArchiveBenchUsageError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${ARCHIVE_BENCH_USAGE}\n`);
    return 0;
  }
  try {
    const correct = await bench(options);
    if (!correct) process.stderr.write('[bench] the stored row count is not what the generator expected\n');
    return correct ? 0 : 1;
  } catch (error) {
    process.stderr.write(`[bench] archive-import failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

void main().then((code) => {
  process.exitCode = code;
});
