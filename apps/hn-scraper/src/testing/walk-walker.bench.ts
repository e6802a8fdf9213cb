/**
 * The walker half of the id-walk benchmark (see walk.bench.ts), in a process of its own so that its
 * peak RSS and CPU time are the walker's alone. It starts the scraper as main.ts does
 * (`defineHnScraper().start`, the real TaskScheduler, HnIdWalk, HttpHnApi, JsonClient, RateCap,
 * DurableWriter and ItemWriter) with two seams for timing: the API (`createApi`, each request timed)
 * and the database connections (each write timed from acquire to release). It stops once the
 * checkpoint reaches `BENCH_MAX_ITEM`, and prints JSON lines on stdout: `{"event":"start"}` when the
 * walk begins, then `{"event":"done",...}` with its figures.
 */
import { performance } from 'node:perf_hooks';
import {
  ormConnectionSource,
  ormPoolState,
  openOrm,
  ScrapeStateRepository,
  type ConnectionSource,
} from '@sentiment-ingest/db';
import { normalizeHnItem } from '@sentiment-ingest/models';
import type { Log } from '@sentiment-ingest/runtime';
import {
  JsonClient,
  keepAliveTransport,
  ScrapeMetrics,
  SHUTDOWN_GRACE_MS,
  StreamHealth,
  systemClock,
  type HttpTransport,
  type JsonClientOptions,
} from '@sentiment-ingest/scraper-kit';
import { HttpHnApi, type HnApi, type HnUpdates } from '../api/hn-api';
import { parseHnScraperConfig } from '../config';
import { defineHnScraper, HN_SOURCE } from '../hn-scraper';
import { HN_WALK_STREAM } from '../walk/walk-position';

/** What the walker half reports (the `done` line). */
export interface WalkerReport {
  readonly walkMs: number;
  readonly frontier: number;
  readonly requests: { readonly item: number; readonly maxItem: number; readonly httpMs: number };
  readonly writes: { readonly count: number; readonly ms: number };
  readonly cpu: { readonly userMs: number; readonly systemMs: number };
  /** share of the walk the event loop was busy (0..1) */
  readonly eventLoopUtilization: number;
  /** normalizeHnItem's cost per payload, measured after the walk on a sample of the payloads */
  readonly normalizeUsPerItem: number;
  readonly peakRssMb: number;
  readonly heapUsedMb: number;
  readonly warnings: number;
}

/** Every how many payloads one is kept to time normalisation after the walk. */
const SAMPLE_EVERY = 97;

/** A log that only counts warnings and errors (the benchmark's output is its report). */
class CountingLog implements Log {
  warnings = 0;
  last: unknown = null;
  debug(): void {
    // not counted
  }
  info(): void {
    // not counted
  }
  warn(fields: Record<string, unknown>, message: string): void {
    this.warnings += 1;
    this.last = { message, ...fields };
  }
  error(fields: Record<string, unknown>, message: string): void {
    this.warnings += 1;
    this.last = { message, ...fields };
  }
}

/** The API with each call timed (wall time from the call, rate cap included, to the parsed body). */
class TimedApi implements HnApi {
  items = 0;
  maxItems = 0;
  httpMs = 0;
  readonly sample: unknown[] = [];

  constructor(private readonly inner: HnApi) {}

  async maxItem(signal: AbortSignal): Promise<number> {
    this.maxItems += 1;
    return this.inner.maxItem(signal);
  }

  async item(id: number, signal: AbortSignal): Promise<unknown> {
    const started = performance.now();
    const payload = await this.inner.item(id, signal);
    this.httpMs += performance.now() - started;
    this.items += 1;
    if (this.items % SAMPLE_EVERY === 0) this.sample.push(payload);
    return payload;
  }

  updates(signal: AbortSignal): Promise<HnUpdates> {
    return this.inner.updates(signal);
  }
}

/** Connections with the time each was held (a write's transaction, start to end) added up. */
function timedConnections(inner: ConnectionSource, totals: { count: number; ms: number }): ConnectionSource {
  const acquiredAt = new WeakMap<object, number>();
  return {
    async acquire() {
      const started = performance.now();
      const client = await inner.acquire();
      acquiredAt.set(client, started);
      return client;
    },
    release(client, error) {
      const started = acquiredAt.get(client);
      if (started !== undefined) {
        totals.count += 1;
        totals.ms += performance.now() - started;
      }
      inner.release(client, error);
    },
  };
}

async function main(): Promise<void> {
  const env = process.env;
  const maxItem = Number(env['BENCH_MAX_ITEM']);
  const config = parseHnScraperConfig(
    {
      DATABASE_URL: env['DATABASE_URL'],
      HN_API_BASE_URL: env['BENCH_API'],
      HN_START: env['BENCH_START_ID'],
      HN_CONCURRENCY: env['BENCH_CONCURRENCY'],
      HN_MAX_REQUESTS_PER_S: env['BENCH_MAX_REQUESTS_PER_S'],
      HN_BATCH_SIZE: env['BENCH_WRITE_BATCH'],
      HN_NULL_RETRY_S: env['BENCH_NULL_RETRY_S'],
      HN_POLL_INTERVAL_S: '1',
      // the walk alone: the engagement refresh is another task, with requests of its own
      HN_ENGAGEMENT_MAX_AGE_H: '0',
      LOG_LEVEL: 'warn',
    },
    'environment DATABASE_URL',
  );
  const orm = await openOrm(config.db, { applicationName: 'bench-hn-walk' });
  const writes = { count: 0, ms: 0 };
  const rawConnections = ormConnectionSource(orm);
  const state = new ScrapeStateRepository({ connections: rawConnections, pool: ormPoolState(orm) });
  const log = new CountingLog();
  const metrics = new ScrapeMetrics({ source: HN_SOURCE });
  let api: TimedApi | undefined;
  const forced = env['BENCH_TRANSPORT'];
  const transport = forced === 'keep-alive' ? keepAliveTransport() : undefined;
  const scraper = defineHnScraper({
    createApi: (c, parts) => {
      // --transport fetch|keep-alive: the scraper's JsonClient with every option as built, but that one
      const client = forced === 'fetch' || forced === 'keep-alive' ? withTransport(parts.client, transport) : parts.client;
      api = new TimedApi(new HttpHnApi({ baseUrl: c.apiBaseUrl, client, cap: parts.cap }));
      return api;
    },
  });
  const started = await scraper.start({
    config,
    orm,
    connections: timedConnections(rawConnections, writes),
    state,
    log,
    metrics,
    streamHealth: new StreamHealth({ metrics, failuresNotReady: config.streamFailuresNotReady }),
    clock: systemClock,
    writeBackoffMs: () => 1_000,
    shutdownGraceMs: SHUTDOWN_GRACE_MS,
  });

  const controller = new AbortController();
  let frontier = -1;
  let finishedAt = 0;
  // the checkpoint is read back every 50 ms: the walk is done when it reaches maxitem
  const watch = setInterval(() => {
    void state.readCheckpoint(HN_SOURCE, HN_WALK_STREAM).then((checkpoint) => {
      frontier = Number(checkpoint?.newestId ?? -1);
      if (frontier >= maxItem && !controller.signal.aborted) {
        finishedAt = performance.now();
        controller.abort();
      }
    });
  }, 50);
  process.stdout.write(`${JSON.stringify({ event: 'start' })}\n`);
  const elu = performance.eventLoopUtilization();
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  await started.run(controller.signal);
  const walkMs = (finishedAt || performance.now()) - t0;
  const cpuUsed = process.cpuUsage(cpu);
  const loop = performance.eventLoopUtilization(elu);
  clearInterval(watch);
  process.stdout.write(`${JSON.stringify({ event: 'walked' })}\n`);

  const timed = api as TimedApi;
  const normalizeUsPerItem = timeNormalize(timed.sample);
  await orm.close(true);
  transport?.close();
  const report: WalkerReport = {
    walkMs,
    frontier,
    requests: { item: timed.items, maxItem: timed.maxItems, httpMs: timed.httpMs },
    writes,
    cpu: { userMs: cpuUsed.user / 1000, systemMs: cpuUsed.system / 1000 },
    eventLoopUtilization: loop.utilization,
    normalizeUsPerItem,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    heapUsedMb: process.memoryUsage().heapUsed / 1_048_576,
    warnings: log.warnings,
  };
  if (log.last !== null) process.stderr.write(`[walker] last warning: ${JSON.stringify(log.last)}\n`);
  process.stdout.write(`${JSON.stringify({ event: 'done', ...report })}\n`);
}

/**
 * The scraper's JsonClient again, with every option hn-scraper.ts gave it (read from the built one:
 * its metrics hook included), sending through `transport` (undefined: the global fetch).
 */
function withTransport(client: JsonClient, transport: HttpTransport | undefined): JsonClient {
  const options = (client as unknown as { o: JsonClientOptions }).o;
  return new JsonClient({ ...options, transport });
}

/** Microseconds normalizeHnItem takes per payload, the best of five passes over `sample`. */
function timeNormalize(sample: readonly unknown[]): number {
  if (sample.length === 0) return 0;
  const now = new Date();
  let best = Infinity;
  for (let pass = 0; pass < 5; pass += 1) {
    const started = performance.now();
    for (const payload of sample) normalizeHnItem(payload, { now });
    best = Math.min(best, performance.now() - started);
  }
  return (best * 1000) / sample.length;
}

main().catch((error: unknown) => {
  process.stderr.write(`walker half failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
