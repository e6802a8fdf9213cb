/**
 * The scraper half of the simulated-day benchmark (see simulated-day.bench.ts), in its own process
 * so that its peak RSS is the scraper's alone. Runs the real scraper modules on a virtual clock
 * whose every wait advances at once; each request carries the virtual time in `x-virtual-time`, so
 * the fake Reddit behind the benchmark's proxy generates posts up to that moment.
 */
import { databaseEnvShape, openOrm, parseEnv, toDatabaseConfig } from '@sentiment-ingest/db';
import { ScrapeMetrics } from '@sentiment-ingest/scraper-kit';
import { FakeClock, MemoryLog } from '@sentiment-ingest/scraper-kit/testing';
import { REDDIT_SOURCE } from '../polling/stream-poller';
import { RedditClient } from '../reddit';
import { ScraperService } from '../scraper-service';
import { buildScraperComponents } from '../scraper-components';

/** Header through which the scraper's virtual time reaches the fake Reddit. */
export const VIRTUAL_TIME_HEADER = 'x-virtual-time';

async function main(): Promise<void> {
  const env = process.env;
  const db = toDatabaseConfig(parseEnv(databaseEnvShape, { DATABASE_URL: env['DATABASE_URL'] }));
  const start = Number(env['BENCH_START']);
  const end = Number(env['BENCH_END']);
  const subreddits = (env['BENCH_SUBREDDITS'] ?? '').split(',');
  const engagementMaxAgeMs = Number(env['BENCH_ENGAGEMENT_MAX_AGE_MS']);
  const base = env['BENCH_PROXY'] as string;
  const clock = new FakeClock({ now: start, autoAdvance: true });
  const orm = await openOrm(db, { applicationName: 'bench-scraper-day' });
  const log = new MemoryLog();
  const metrics = new ScrapeMetrics({ source: REDDIT_SOURCE });
  const requests = { listing: 0, comments: 0, info: 0, token: 0 };
  const client = new RedditClient({
    fetch: (url, init) => fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), [VIRTUAL_TIME_HEADER]: String(clock.now()) } }),
    clock,
    credentials: { kind: 'client_credentials', clientId: 'fake-client', clientSecret: 'fake-secret' },
    userAgent: 'bench:sentiment-ingest:0.1.0 (by /u/si_bench)',
    apiBaseUrl: base,
    authUrl: `${base}/api/v1/access_token`,
    observer: { onResponse: (e) => void (requests[e.endpoint] += 1) },
  });
  const heal = { repoll: 0, idWalk: 0, gapsHealed: 0, recovered: 0 };
  const { poller, refresher, healer } = buildScraperComponents({
    orm,
    source: client,
    clock,
    log,
    metrics,
    redactDeleted: true,
    engagementMaxAgeMs,
    writeBackoffMs: () => 1_000,
    shutdownGraceMs: 10_000,
    healObserver: {
      onRequest: (method) => void (method === 'repoll' ? (heal.repoll += 1) : (heal.idWalk += 1)),
      onResolved: (_resolution, recovered) => {
        heal.gapsHealed += 1;
        heal.recovered += recovered;
      },
    },
  });
  const controller = new AbortController();
  let polls = 0;
  const service = new ScraperService({
    poller,
    refresher,
    healer,
    healBudgetPct: Number(env['BENCH_HEAL_BUDGET_PCT']),
    rateLimit: () => client.rateLimit(),
    clock,
    log,
    subreddits,
    subredditsPerRequest: 50,
    pollMinIntervalMs: 15_000,
    pollMaxIntervalMs: 300_000,
    onPoll: () => {
      polls += 1;
      if (clock.now() >= end) controller.abort();
    },
  });
  await service.run(controller.signal);
  await orm.close(true);
  const warnings = log.lines.filter((l) => l.level === 'warn' || l.level === 'error').length;
  process.stdout.write(
    `${JSON.stringify({ polls, streams: service.streamKeys().length, requests, heal, virtualEnd: clock.now(), warnings, peakRssMb: process.resourceUsage().maxRSS / 1024, heapUsedMb: process.memoryUsage().heapUsed / 1048576 })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`scraper half failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
