/**
 * Benchmark (not a test): the Hacker News id walk against the fake Hacker News on loopback, writing
 * to a real TimescaleDB. Usage: npx nx run bench:hn-walk [-- --items 100000 --concurrency 32] (--help
 * lists every option).
 *
 * This process creates a fresh, migrated database, and serves the fake (fixed seed, its clock frozen
 * at the start, `--items` ids generated over the minutes before it at about 7 a minute, no null lag),
 * then runs the walker (walk-walker.bench.ts: the scraper as main.ts builds it) in a child process,
 * so that its RSS and CPU time are the walker's alone, from the fake's first id until its checkpoint
 * reaches maxitem. It prints items/s, requests per item, the walker's peak RSS and where the time
 * goes, checks that hn_items holds exactly the fake's items of the range, and drops the database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createMigratedDatabase, startTestServer, uniqueDatabaseName, type TestDatabase } from '@sentiment-ingest/db/testing';
import { FakeHackerNews } from '@sentiment-ingest/fake-hn';
import { parseWalkBenchOptions, WALK_BENCH_USAGE, WalkBenchUsageError, type WalkBenchOptions } from './walk-bench-options';
import { formatWalkReport, toWalkJson, type WalkBenchFigures } from './walk-bench-report';
import type { WalkerReport } from './walk-walker.bench';

/** The walker's bundle, built next to this one (project.json, `bench-walk`). */
const CHILD = join(__dirname, 'hn-walk-walker.js');
/** The bundle runs from dist/bench/, two levels below the workspace root. */
const WORKSPACE_ROOT = join(__dirname, '../..');
/** Hacker News's pace: about 10k ids a day. */
const IDS_PER_MINUTE = 7;

const progress = (line: string) => process.stderr.write(`[bench] ${line}\n`);

/** CPU time (ms) used so far: this process, the PostgreSQL processes, and the whole machine. */
interface CpuSnapshot {
  readonly self: number;
  readonly postgres: number;
  readonly machine: number;
}

const TICK_MS = 10; // /proc counts clock ticks, 100 a second on Linux

function cpuSnapshot(): CpuSnapshot {
  const usage = process.cpuUsage();
  let postgres = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      postgres += (Number(fields[11]) + Number(fields[12])) * TICK_MS;
    } catch {
      // the process ended meanwhile
    }
  }
  const [, ...ticks] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).map(Number);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  const total = ticks.slice(0, 8).reduce((sum, t) => sum + t, 0);
  return { self: (usage.user + usage.system) / 1000, postgres, machine: (total - idle) * TICK_MS };
}

/** Runs the walker half; resolves to its report and the CPU time of this process, PostgreSQL and the machine during the walk. */
function runWalker(
  options: WalkBenchOptions,
  env: Record<string, string>,
  onChild: (child: ChildProcess) => void,
): Promise<{ report: WalkerReport; cpu: { fake: number; postgres: number; machine: number } }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...options.nodeOptions, CHILD], { env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    onChild(child);
    let before: CpuSnapshot | null = null;
    let after: CpuSnapshot | null = null;
    let report: WalkerReport | null = null;
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
        const line = buffered.slice(0, end).trim();
        buffered = buffered.slice(end + 1);
        if (line === '') continue;
        const message = JSON.parse(line) as { event: string } & WalkerReport;
        if (message.event === 'start') before = cpuSnapshot();
        else if (message.event === 'walked') after = cpuSnapshot();
        else if (message.event === 'done') report = message;
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code !== 0 || report === null || before === null || after === null) return reject(new Error(`the walker exited with ${signal ?? code} before reporting`));
      const [b, a] = [before as CpuSnapshot, after as CpuSnapshot];
      resolve({ report, cpu: { fake: a.self - b.self, postgres: a.postgres - b.postgres, machine: a.machine - b.machine } });
    });
  });
}

async function countStored(url: string, firstId: number, maxItem: number): Promise<number> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query<{ n: number }>('select count(*)::int as n from hn_items where id between $1 and $2', [firstId, maxItem]);
    return rows[0]?.n ?? 0;
  } finally {
    await db.end();
  }
}

async function bench(options: WalkBenchOptions, onChild: (child: ChildProcess) => void): Promise<boolean> {
  const server = options.databaseUrl === null ? await startTestServer({ workspaceRoot: WORKSPACE_ROOT, env: process.env }) : null;
  const adminUrl = options.databaseUrl ?? (server as { adminUrl: string }).adminUrl;
  const frozenAt = Date.now();
  const historyMinutes = Math.ceil(options.items / IDS_PER_MINUTE);
  const fake = new FakeHackerNews({
    clock: { now: () => frozenAt },
    seed: options.seed,
    startAt: frozenAt - historyMinutes * 60_000,
    itemsPerMinute: IDS_PER_MINUTE,
    bursts: false,
    nullLagMs: 0,
    lateRate: 0,
  });
  let database: TestDatabase | undefined;
  try {
    const { baseUrl } = await fake.start(0);
    const firstId = fake.firstId;
    const maxItem = fake.maxItem();
    progress(`fake Hacker News at ${baseUrl}: ids ${firstId}..${maxItem} over the ${historyMinutes} minutes before ${new Date(frozenAt).toISOString()}`);
    database = await createMigratedDatabase(adminUrl, uniqueDatabaseName('si_bench_hn_walk'), 'bench-setup');
    progress(`database ${database.name} created and migrated; walking`);
    const { report, cpu } = await runWalker(
      options,
      {
        DATABASE_URL: database.url,
        BENCH_API: baseUrl,
        BENCH_START_ID: String(firstId),
        BENCH_MAX_ITEM: String(maxItem),
        BENCH_CONCURRENCY: String(options.concurrency),
        BENCH_MAX_REQUESTS_PER_S: String(options.maxRequestsPerS),
        BENCH_WRITE_BATCH: String(options.writeBatch),
        BENCH_NULL_RETRY_S: String(options.nullRetryS),
        BENCH_TRANSPORT: options.transport,
      },
      onChild,
    );
    const requests = Object.fromEntries(
      Object.entries(fake.stats().requests).map(([endpoint, byStatus]) => [endpoint, Object.values(byStatus).reduce((sum, n) => sum + n, 0)]),
    );
    const figures: WalkBenchFigures = {
      firstId,
      maxItem,
      expectedItems: fake.items({ from: firstId, to: maxItem }).length,
      storedItems: await countStored(database.url, firstId, maxItem),
      walkMs: report.walkMs,
      requests,
      concurrency: options.concurrency,
      writeBatch: options.writeBatch,
      httpMs: report.requests.httpMs,
      writes: report.writes,
      normalizeUsPerItem: report.normalizeUsPerItem,
      cpuMs: { walker: report.cpu.userMs + report.cpu.systemMs, fake: cpu.fake, postgres: cpu.postgres, machine: cpu.machine },
      cores: cpus().length,
      walkerEventLoopUtilization: report.eventLoopUtilization,
      walkerPeakRssMb: report.peakRssMb,
      walkerHeapUsedMb: report.heapUsedMb,
      transport: options.transport,
      nodeOptions: options.nodeOptions.join(' '),
      fakePeakRssMb: process.resourceUsage().maxRSS / 1024,
      warnings: report.warnings,
    };
    process.stdout.write(`\n${formatWalkReport(figures)}\n\n${toWalkJson(figures)}\n`);
    return figures.storedItems === figures.expectedItems;
  } finally {
    await fake.stop();
    if (database) {
      await database.drop();
      progress(`database ${database.name} dropped`);
    }
    await server?.stop();
  }
}

async function main(): Promise<number> {
  let options: WalkBenchOptions | 'help';
  try {
    options = parseWalkBenchOptions(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof WalkBenchUsageError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${WALK_BENCH_USAGE}\n`);
    return 0;
  }
  let child: ChildProcess | undefined;
  let interrupted = false;
  const stop = () => {
    interrupted = true;
    child?.kill('SIGTERM');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const correct = await bench(options, (c) => (child = c));
    if (!correct) process.stderr.write('[bench] hn_items does not hold exactly the fake\'s items of the walked range\n');
    return correct ? 0 : 1;
  } catch (error) {
    if (interrupted) {
      process.stderr.write('[bench] interrupted\n');
      return 130;
    }
    process.stderr.write(`[bench] hn-walk failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

void main().then((code) => {
  process.exitCode = code;
});
