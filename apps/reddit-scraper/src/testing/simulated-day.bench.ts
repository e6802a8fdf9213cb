/**
 * Benchmark (not a test): a simulated day of Reddit against the fake, run on virtual time.
 * Usage: npx nx run bench:scraper-day [-- --hours 24 --subreddits 50 --engagement-max-age-h 6 | --help]
 *
 * The scraper (the real modules, in a child process: simulated-day-scraper.bench.ts) runs on a
 * virtual clock whose waits (poll intervals, rate-limit pacing, backoff) pass at once, so a day
 * runs in minutes. It talks real HTTP to the fake Reddit through a proxy here that moves the fake's
 * clock to the scraper's virtual time on each request, and writes to a real TimescaleDB database
 * (fresh, dropped at the end). Prints posts captured vs generated, duplicates, gaps, requests,
 * requests per 100 new posts, and the scraper process's peak RSS.
 */
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { createOrmOptions, SchemaMigrator } from '@sentiment-ingest/db';
import { createDatabase, startTestServer, uniqueDatabaseName } from '@sentiment-ingest/db/testing';
import { FakeReddit } from '@sentiment-ingest/fake-reddit';
import { formatStorageBreakdown, STORAGE_BREAKDOWN_SQL, storageBreakdownJson, type TableBytes } from './storage-breakdown';
import { SCRAPER_DAY_USAGE, ScraperDayUsageError, parseScraperDayOptions, scraperDayProgressLine } from './simulated-day-options';

const HOUR = 3_600_000;
const VIRTUAL_TIME_HEADER = 'x-virtual-time';
const CHILD = join(__dirname, 'scraper-day-scraper.js');
const silent = { info: () => undefined, warn: () => undefined };

async function main(): Promise<void> {
  const options = parseScraperDayOptions(process.argv.slice(2));
  if (options === 'help') {
    process.stdout.write(`${SCRAPER_DAY_USAGE}\n`);
    return;
  }
  const { nodeOptions, hours } = options;
  const subredditCount = options.subreddits;
  const start = Date.UTC(2026, 10, 1);
  const end = start + hours * HOUR;
  let virtualNow = start;

  // A few busy subreddits, many quiet ones (posts per minute), plus scheduled bursts.
  const subreddits = Array.from({ length: subredditCount }, (_, i) => ({
    name: `sim_${String(i).padStart(3, '0')}`,
    postsPerMinute: i < 3 ? 3 : i < 10 ? 0.8 : 0.15,
  }));
  const fake = new FakeReddit({ clock: { now: () => virtualNow }, seed: options.seed, startAt: start, subreddits });
  const bursts = [
    { at: 3.2, sub: 0, count: 300 },
    { at: 7.5, sub: 5, count: 450 },
    { at: 12.1, sub: 1, count: 200 },
    { at: 16.8, sub: 20, count: 600 },
    { at: 20.4, sub: 2, count: 1_400 },
  ].filter((b) => b.at < hours && b.sub < subredditCount);
  for (const b of bursts) fake.addBurst(subreddits[b.sub]?.name ?? '', b.count, start + b.at * HOUR);
  const address = await fake.start(0);
  const proxy = await startProxy(address.baseUrl, (ms) => (virtualNow = Math.max(virtualNow, ms)));

  const server = await startTestServer({ workspaceRoot: join(__dirname, '../..'), env: process.env });
  const database = await createDatabase(server.adminUrl, uniqueDatabaseName('si_bench_day'));
  try {
    const setup = await MikroORM.init(createOrmOptions(database.config, { applicationName: 'bench-setup' }));
    await new SchemaMigrator({ orm: setup, db: database.config, lockTimeoutMs: 60_000, log: silent }).up();
    await setup.close(true);
    const wallStart = Date.now();
    const progress = setInterval(() => process.stderr.write(`${scraperDayProgressLine(virtualNow, start, end, Date.now() - wallStart)}\n`), 15_000);
    const child = await runChild(nodeOptions, {
      DATABASE_URL: database.url,
      BENCH_PROXY: proxy.url,
      BENCH_START: String(start),
      BENCH_END: String(end),
      BENCH_SUBREDDITS: subreddits.map((s) => s.name).join(','),
      BENCH_ENGAGEMENT_MAX_AGE_MS: String(options.engagementMaxAgeH * HOUR),
      BENCH_HEAL_BUDGET_PCT: String(options.healBudgetPct),
    }).finally(() => clearInterval(progress));
    const wallSeconds = Math.round((Date.now() - wallStart) / 1000);
    const report = await compare(database.url, fake, child.virtualEnd);
    const listing = child.requests.listing;
    const total = listing + child.requests.info;
    const naive = (child.polls * subredditCount) / child.streams;
    const per100 = (n: number) => ((n / report.stored) * 100).toFixed(2);
    const healRequests = child.heal.repoll + child.heal.idWalk;
    const perRecovered = child.heal.recovered > 0 ? healRequests / child.heal.recovered : null;
    const lines = [
      `simulated ${hours} h of ${subredditCount} subreddits (${child.streams} stream(s) of up to 50), ${bursts.length} bursts, in ${wallSeconds} s of wall time`,
      `posts generated                 ${report.generated}`,
      `posts captured                  ${report.captured} (${pct(report.captured, report.generated)})`,
      `  outside open gaps             ${report.capturedOutsideGaps} of ${report.generatedOutsideGaps} (${pct(report.capturedOutsideGaps, report.generatedOutsideGaps)})`,
      `duplicates                      ${report.duplicates}`,
      `gaps recorded                   ${report.gaps} (healed ${report.gapsResolved}, open ${report.gaps - report.gapsResolved})`,
      `healing (REDDIT_HEAL_BUDGET_PCT=${options.healBudgetPct})  ${healRequests} requests (re-poll ${child.heal.repoll}, id walk ${child.heal.idWalk}), ${child.heal.recovered} posts recovered: ${perRecovered === null ? 'n/a' : perRecovered.toFixed(3)} requests per recovered post`,
      `requests                        ${total} (listing ${listing}, info ${child.requests.info}; token ${child.requests.token})`,
      `requests per 100 new posts      listing ${per100(listing)}, all ${per100(total)}`,
      `one request per subreddit per poll would need ${Math.round(naive)} listing requests; used ${listing}`,
      `engagement observations         ${report.observations} (${(report.observations / Math.max(1, report.stored)).toFixed(1)} per post; ${report.observationRows} rows in submission_metrics, the others held by the posts)`,
      `bytes on disk per stored post   ${Math.round(report.bytesOnDisk / Math.max(1, report.stored))} (posts, keys and observations with their indexes: ${(report.bytesOnDisk / 1024 / 1024).toFixed(1)} MiB)`,
      ...formatStorageBreakdown(report.tables, report.stored),
      `average stored post row         ${Math.round(report.rowBytes)} B, of which raw jsonb ${Math.round(report.rawBytes)} B (pg_column_size: after any compression)`,
      `scraper peak RSS                ${child.peakRssMb.toFixed(0)} MB (node ${nodeOptions.join(' ') || 'defaults'}; heap used at the end ${child.heapUsedMb.toFixed(0)} MB)`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    process.stdout.write(
      `${JSON.stringify({ hours, subreddits: subredditCount, bursts: bursts.length, ...withoutTables(report), healBudgetPct: options.healBudgetPct, healRequests, healRepollRequests: child.heal.repoll, healIdWalkRequests: child.heal.idWalk, healRecoveredPosts: child.heal.recovered, healRequestsPerRecoveredPost: perRecovered === null ? null : +perRecovered.toFixed(4), listingRequests: listing, infoRequests: child.requests.info, naiveListingRequests: Math.round(naive), requestsPer100New: +per100(total), listingRequestsPer100New: +per100(listing), bytesPerPost: Math.round(report.bytesOnDisk / Math.max(1, report.stored)), bytesPerPostByTable: storageBreakdownJson(report.tables, report.stored), peakRssMb: Math.round(child.peakRssMb), nodeOptions: nodeOptions.join(' '), wallSeconds })}\n`,
    );
  } finally {
    await proxy.close();
    await fake.stop();
    await database.drop();
    await server.stop();
  }
}

/** Forwards requests to the fake Reddit after moving its clock to the caller's virtual time. */
async function startProxy(target: string, setTime: (ms: number) => void): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const time = Number(request.headers[VIRTUAL_TIME_HEADER]);
      if (Number.isFinite(time)) setTime(time);
      const headers: Record<string, string> = {};
      for (const [key, value] of Object.entries(request.headers)) {
        if (typeof value === 'string' && key !== 'host' && key !== 'content-length' && key !== VIRTUAL_TIME_HEADER) headers[key] = value;
      }
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      fetch(`${target}${request.url ?? '/'}`, { method: request.method, headers, body, redirect: 'manual' }).then(
        async (answer) => {
          const out: Record<string, string> = {};
          answer.headers.forEach((value, key) => {
            if (key !== 'content-encoding' && key !== 'content-length' && key !== 'transfer-encoding') out[key] = value;
          });
          response.writeHead(answer.status, out);
          response.end(Buffer.from(await answer.arrayBuffer()));
        },
        () => response.destroy(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

interface ChildReport {
  polls: number;
  streams: number;
  requests: { listing: number; info: number; token: number };
  heal: { repoll: number; idWalk: number; gapsHealed: number; recovered: number };
  virtualEnd: number;
  warnings: number;
  peakRssMb: number;
  heapUsedMb: number;
}

function runChild(nodeOptions: readonly string[], env: Record<string, string>): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeOptions, CHILD], { env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`the scraper half exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as ChildReport);
    });
  });
}

async function compare(url: string, fake: FakeReddit, until: number) {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const { rows: ids } = await db.query<{ id: string }>('select id from raw_submissions');
    const { rows: dup } = await db.query<{ n: number }>('select (count(*) - count(distinct id))::int as n from raw_submissions');
    const { rows: gaps } = await db.query<{ gap_start: Date; gap_end: Date; resolved: boolean }>('select gap_start, gap_end, resolved_at is not null as resolved from scrape_gaps');
    // the whole series (each post's current values included); submission_metrics holds the superseded ones
    const { rows: obs } = await db.query<{ n: number; rows: number }>(
      'select (select count(*) from submission_engagement)::int as n, (select count(*) from submission_metrics)::int as rows',
    );
    // Bytes on disk of what a stored post costs: its row, its key and its engagement observations,
    // indexes and TOAST included, as they stand after the day (dead row versions included).
    const { rows: size } = await db.query<{ bytes: string }>(
      `select (hypertable_size('raw_submissions') + hypertable_size('submission_metrics') + pg_total_relation_size('submission_keys'))::text as bytes`,
    );
    const { rows: tables } = await db.query<TableBytes>(STORAGE_BREAKDOWN_SQL);
    const { rows: rowSize } = await db.query<{ row: number; raw: number }>(
      'select avg(pg_column_size(t.*))::float8 as row, avg(pg_column_size(t.raw))::float8 as raw from raw_submissions t',
    );
    const stored = new Set(ids.map((r) => r.id));
    const truth = fake.posts({ until }).filter((p) => p.listed !== false);
    // a healed gap hides nothing: "outside recorded gaps" counts against the gaps still open
    const open = gaps.filter((g) => !g.resolved);
    const inGap = (ms: number) => open.some((g) => ms >= g.gap_start.getTime() && ms <= g.gap_end.getTime());
    const outside = truth.filter((p) => !inGap(p.createdUtc * 1000));
    return {
      generated: truth.length,
      stored: stored.size,
      captured: truth.filter((p) => stored.has(p.id)).length,
      generatedOutsideGaps: outside.length,
      capturedOutsideGaps: outside.filter((p) => stored.has(p.id)).length,
      duplicates: dup[0]?.n ?? 0,
      gaps: gaps.length,
      gapsResolved: gaps.length - open.length,
      observations: obs[0]?.n ?? 0,
      observationRows: obs[0]?.rows ?? 0,
      bytesOnDisk: Number(size[0]?.bytes ?? 0),
      tables,
      rowBytes: rowSize[0]?.row ?? 0,
      rawBytes: rowSize[0]?.raw ?? 0,
    };
  } finally {
    await db.end();
  }
}

/** The report without its per-table byte counts (the JSON line gives them per post instead). */
function withoutTables<T extends { tables: unknown }>(report: T): Omit<T, 'tables'> {
  const { tables: _tables, ...rest } = report;
  return rest;
}

const pct = (a: number, b: number) => `${b === 0 ? 100 : ((a / b) * 100).toFixed(2)}%`;

main().catch((error: unknown) => {
  if (error instanceof ScraperDayUsageError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 2;
    return;
  }
  process.stderr.write(`scraper-day benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
