import type { MikroORM } from '@mikro-orm/postgresql';
import type { ConnectionSource, ScrapeStateRepository } from '@sentiment-ingest/db';
import { ScrapeMetrics, StreamHealth, type ScraperContext } from '@sentiment-ingest/scraper-kit';
import { FakeClock, MemoryLog } from '@sentiment-ingest/scraper-kit/testing';
import type { HnApi } from './api/hn-api';
import { parseHnScraperConfig, type HnScraperConfig } from './config';
import { defineHnScraper, hnScraper } from './hn-scraper';
import { HN_WALK_STREAM } from './walk/walk-position';

/** The kit's shared parts with no database behind them: nothing here writes (the APIs hold no items). */
function context(env: Record<string, string> = {}): { context: ScraperContext<HnScraperConfig>; clock: FakeClock } {
  const clock = new FakeClock();
  const metrics = new ScrapeMetrics({ source: 'hn' });
  const connections: ConnectionSource = { acquire: () => Promise.reject(new Error('no database in unit tests')), release: () => undefined };
  const config = parseHnScraperConfig(
    { DATABASE_URL: 'postgres://u:p@localhost:5433/d', HN_POLL_INTERVAL_S: '30', HN_START: '1', HN_ENGAGEMENT_MAX_AGE_H: '0', ...env },
    'environment DATABASE_URL',
  );
  return {
    clock,
    context: {
      config,
      orm: {} as MikroORM,
      connections,
      state: { readCheckpoint: async () => null } as unknown as ScrapeStateRepository,
      log: new MemoryLog(),
      metrics,
      streamHealth: new StreamHealth({ metrics, failuresNotReady: config.streamFailuresNotReady }),
      clock,
      writeBackoffMs: () => 1000,
      shutdownGraceMs: 10_000,
    },
  };
}

const emptyHn = (maxItem: jest.Mock): HnApi => ({ maxItem, item: async () => null, updates: async () => ({ items: [] }) });

describe('hnScraper', () => {
  it('is the hn-scraper app of source hn', () => {
    expect(hnScraper).toMatchObject({ app: 'hn-scraper', source: 'hn' });
  });

  it('says in its start line which API it reads, where a first run begins and how politely', async () => {
    const started = await hnScraper.start(context({ HN_START: '24h' }).context);
    expect(started.startedFields).toEqual({ api: 'https://hacker-news.firebaseio.com/v0', start: '24h ago', concurrency: 8, maxRequestsPerS: 30, pollIntervalS: 30 });
  });

  it('walks at once, then every poll interval once it has reached maxitem, and returns when stopped', async () => {
    const maxItem = jest.fn().mockResolvedValue(0);
    const { context: parts, clock } = context();
    const started = await defineHnScraper({ createApi: () => emptyHn(maxItem) }).start(parts);
    const controller = new AbortController();
    const run = started.run(controller.signal);
    await clock.whenSleeping();
    expect(maxItem).toHaveBeenCalledTimes(1);
    await clock.advance(30_000);
    await clock.whenSleeping();
    expect(maxItem).toHaveBeenCalledTimes(2);
    controller.abort();
    await expect(run).resolves.toBeUndefined();
  });

  it('backs off a failing API, and /readyz reports the walk after the configured failures in a row', async () => {
    const maxItem = jest.fn().mockRejectedValue(new Error('https://hacker-news.firebaseio.com/v0/maxitem.json answered HTTP 503 after every retry'));
    const { context: parts, clock } = context();
    const started = await defineHnScraper({ createApi: () => emptyHn(maxItem) }).start(parts);
    const controller = new AbortController();
    const run = started.run(controller.signal);
    for (const wait of [30_000, 60_000]) {
      await clock.whenSleeping();
      expect(clock.sleeps.at(-1)?.ms).toBe(wait);
      await clock.advance(wait);
    }
    await clock.whenSleeping();
    expect(parts.streamHealth.failing()).toEqual([HN_WALK_STREAM]);
    controller.abort();
    await expect(run).resolves.toBeUndefined();
  });
});
