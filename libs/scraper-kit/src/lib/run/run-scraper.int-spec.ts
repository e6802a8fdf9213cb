import { createServer } from 'node:net';
import { parseEnv } from '@sentiment-ingest/db';
import { createEmptyTestDatabase, createMigratedTestDatabase, type TestDatabase } from '@sentiment-ingest/db/testing';
import { testScraperHost } from '../../testing/test-host';
import { ReadinessFailure } from '../http/readiness';
import { FIRST_SOURCE_EXIT_CODE, SCRAPER_EXIT } from './exit-codes';
import { scraperProcessConfig, scraperProcessEnvShape, type ScraperProcessConfig } from './process-config';
import { runScraper, type ScraperContext, type ScraperDefinition } from './run-scraper';

class FeedGoneError extends Error {
  readonly code = 'FEED_GONE';
}

/** A scraper whose run waits for the stop signal, recording what it was given and how it ended. */
function exampleScraper(options: { sourceReady?: () => boolean; start?: (context: ScraperContext<ScraperProcessConfig>) => void } = {}) {
  const seen: { context?: ScraperContext<ScraperProcessConfig>; stopReason?: unknown; finished: boolean } = { finished: false };
  let releaseBatch: () => void = () => undefined;
  const batchInHand = new Promise<void>((resolve) => (releaseBatch = resolve));
  const definition: ScraperDefinition<ScraperProcessConfig> = {
    app: 'example-scraper',
    source: 'example',
    parseConfig: (env, source) => scraperProcessConfig(parseEnv(scraperProcessEnvShape(), env, undefined, { databaseUrlSource: source }), source),
    start(context) {
      seen.context = context;
      options.start?.(context);
      return {
        async run(signal) {
          context.streamHealth.success('example:new', context.clock.now());
          context.metrics.countFetched('example:new', 3);
          await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
          seen.stopReason = signal.reason;
          await batchInHand; // the batch in hand is written before the process ends
          seen.finished = true;
        },
        checks: {
          example: async () => {
            if (!(options.sourceReady?.() ?? true)) throw new ReadinessFailure('example_offline');
          },
        },
        startedFields: { feeds: 1 },
      };
    },
    exitCodeFor: (error) => (error instanceof FeedGoneError ? FIRST_SOURCE_EXIT_CODE : undefined),
  };
  return { definition, seen, releaseBatch };
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('runScraper against TimescaleDB', () => {
  const databases: TestDatabase[] = [];
  const running: { stop(): void; exit: Promise<number> }[] = [];
  /** Starts a scraper in-process; a failed test still stops it. */
  function start(scraper: ReturnType<typeof exampleScraper>, host: ReturnType<typeof testScraperHost>): Promise<number> {
    const exit = runScraper(scraper.definition, host);
    running.push({ exit, stop: () => (scraper.releaseBatch(), host.signals.emit('SIGTERM')) });
    return exit;
  }
  afterEach(async () => {
    for (const scraper of running.splice(0)) {
      scraper.stop();
      await scraper.exit;
    }
  });
  afterAll(async () => {
    for (const database of databases) await database.drop();
  });

  it('serves /healthz, /readyz and /metrics while it runs, and on SIGTERM finishes the batch in hand and exits 0', async () => {
    const database = await createMigratedTestDatabase();
    databases.push(database);
    let sourceReady = false;
    const scraper = exampleScraper({ sourceReady: () => sourceReady });
    const { seen, releaseBatch } = scraper;
    const host = testScraperHost({ DATABASE_URL: database.url, HTTP_HOST: '127.0.0.1', HTTP_PORT: '0' });
    const exit = start(scraper, host);

    const started = await host.waitForLine('example scraper started');
    expect(started).toMatchObject({ app: 'example-scraper', feeds: 1 });
    expect(started['database']).toMatch(/^postgres:\/\/postgres:\*\*\*@/); // the password masked
    const base = `http://${String(started['http'])}`;

    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const notReady = await fetch(`${base}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({ checks: { database: 'ok', example: 'example_offline', streams: 'ok' } });
    sourceReady = true;
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(Object.keys(((await ready.json()) as { checks: object }).checks)).toEqual(['database', 'example', 'streams']);

    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('scrape_items_fetched_total{source="example",stream="example:new"} 3');
    expect(metrics).toContain('sentiment_db_up 1');
    expect(metrics).toContain('process_cpu_seconds_total');

    host.signals.emit('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen.stopReason).toBeInstanceOf(Error);
    expect(seen.finished).toBe(false); // still writing: the process waits for it
    host.signals.emit('SIGTERM');
    expect(host.forced).toEqual([SCRAPER_EXIT.FAILURE]); // a second signal: the operator insists
    releaseBatch();
    await expect(exit).resolves.toBe(SCRAPER_EXIT.OK);
    expect(seen.finished).toBe(true);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow(); // the port is closed
    expect(host.signals.listenerCount('SIGTERM')).toBe(0);
  });

  it('gives the source the shared parts over one pool: the scrape state, the write backoff and the shutdown grace', async () => {
    const database = await createMigratedTestDatabase();
    databases.push(database);
    const scraper = exampleScraper();
    const { seen, releaseBatch } = scraper;
    const host = testScraperHost({ DATABASE_URL: database.url, HTTP_HOST: '127.0.0.1', HTTP_PORT: '0' });
    const exit = start(scraper, host);
    await host.waitForLine('example scraper started');
    const context = seen.context as ScraperContext<ScraperProcessConfig>;
    await expect(context.state.readCheckpoint('example', 'example:new')).resolves.toBeNull();
    await expect(context.state.ping()).resolves.toBeUndefined();
    expect(context.shutdownGraceMs).toBeGreaterThan(0);
    expect(context.writeBackoffMs(1)).toBeGreaterThan(0);
    releaseBatch();
    host.signals.emit('SIGINT');
    await expect(exit).resolves.toBe(SCRAPER_EXIT.OK);
  });

  it('exits 6 on a database the migrator has not brought up to date, naming the pending migrations', async () => {
    const database = await createEmptyTestDatabase();
    databases.push(database);
    const { definition, seen } = exampleScraper();
    const host = testScraperHost({ DATABASE_URL: database.url, HTTP_PORT: '0' });
    await expect(runScraper(definition, host)).resolves.toBe(SCRAPER_EXIT.SCHEMA);
    const line = host.lines().find((l) => l['code'] === 'SCHEMA_NOT_READY');
    expect(String(line?.['msg'])).toMatch(/Migration2026/);
    expect(String(line?.['msg'])).toMatch(/migrator/);
    expect(seen.context).toBeUndefined(); // the source never started
  });

  it('exits 4 when the database is unreachable, saying which address it tried', async () => {
    const port = await closedPort();
    const { definition } = exampleScraper();
    const host = testScraperHost({ DATABASE_URL: `postgres://writer:pw@127.0.0.1:${port}/ingest`, HTTP_PORT: '0', DB_CONNECT_TIMEOUT_MS: '1000' });
    await expect(runScraper(definition, host)).resolves.toBe(SCRAPER_EXIT.DATABASE);
    const line = host.lines().find((l) => l['level'] === 50);
    expect(String(line?.['msg'])).toContain(String(port));
  });

  it("exits with the source's own code for its fatal errors, and 1 for anything else", async () => {
    const database = await createMigratedTestDatabase();
    databases.push(database);
    const gone = exampleScraper({
      start: () => {
        throw new FeedGoneError('the feed is gone: check EXAMPLE_FEED');
      },
    });
    const host = testScraperHost({ DATABASE_URL: database.url, HTTP_PORT: '0' });
    await expect(runScraper(gone.definition, host)).resolves.toBe(FIRST_SOURCE_EXIT_CODE);
    expect(host.lines().find((l) => l['code'] === 'FEED_GONE')?.['msg']).toBe('the feed is gone: check EXAMPLE_FEED');

    const bug = exampleScraper({
      start: () => {
        throw new TypeError('undefined is not a function');
      },
    });
    const other = testScraperHost({ DATABASE_URL: database.url, HTTP_PORT: '0' });
    await expect(runScraper(bug.definition, other)).resolves.toBe(SCRAPER_EXIT.FAILURE);
    expect(other.lines().some((l) => l['msg'] === 'example scraper failed')).toBe(true);
  });
});
