import type { MikroORM } from '@mikro-orm/postgresql';
import type { ConnectionSource, ScrapeStateRepository } from '@sentiment-ingest/db';
import { ScrapeMetrics, StreamHealth, type ScraperContext } from '@sentiment-ingest/scraper-kit';
import { FakeClock, MemoryLog } from '@sentiment-ingest/scraper-kit/testing';
import { parseHnScraperConfig, type HnScraperConfig } from './config';
import type { HnFeed } from './hn-feed';
import { defineHnScraper, HN_STREAM, hnScraper } from './hn-scraper';

/** The kit's shared parts with no database behind them: nothing here writes (the feeds return no items). */
function context(): { context: ScraperContext<HnScraperConfig>; clock: FakeClock; readCheckpoint: jest.Mock } {
  const clock = new FakeClock();
  const metrics = new ScrapeMetrics({ source: 'hn' });
  const readCheckpoint = jest.fn().mockResolvedValue(null);
  const connections: ConnectionSource = { acquire: () => Promise.reject(new Error('no database in unit tests')), release: () => undefined };
  const config = parseHnScraperConfig({ DATABASE_URL: 'postgres://u:p@localhost:5433/d', HN_POLL_INTERVAL_S: '30' }, 'environment DATABASE_URL');
  return {
    clock,
    readCheckpoint,
    context: {
      config,
      orm: {} as MikroORM,
      connections,
      state: { readCheckpoint } as unknown as ScrapeStateRepository,
      log: new MemoryLog(),
      metrics,
      streamHealth: new StreamHealth({ metrics, failuresNotReady: config.streamFailuresNotReady }),
      clock,
      writeBackoffMs: () => 1000,
      shutdownGraceMs: 10_000,
    },
  };
}

describe('hnScraper', () => {
  it('is the hn-scraper app of source hn', () => {
    expect(hnScraper).toMatchObject({ app: 'hn-scraper', source: 'hn' });
  });

  it('starts with its stream and poll interval in the start line, and no checks of its own yet', async () => {
    const started = await hnScraper.start(context().context);
    expect(started.startedFields).toEqual({ stream: HN_STREAM, pollIntervalS: 30 });
    expect(started.checks).toEqual({});
  });

  it('polls at once, then every interval, and returns when stopped', async () => {
    const { context: parts, clock, readCheckpoint } = context();
    const started = await hnScraper.start(parts);
    const controller = new AbortController();
    const run = started.run(controller.signal);
    await clock.whenSleeping();
    expect(readCheckpoint).toHaveBeenCalledTimes(1);
    await clock.advance(30_000);
    await clock.whenSleeping();
    expect(readCheckpoint).toHaveBeenCalledTimes(2);
    controller.abort();
    await expect(run).resolves.toBeUndefined();
  });

  it('backs off a failing source, and /readyz reports the stream after the configured failures in a row', async () => {
    const failing: HnFeed = { fetchNew: () => Promise.reject(new Error('source down')) };
    const { context: parts, clock } = context();
    const started = await defineHnScraper({ createFeed: () => failing }).start(parts);
    const controller = new AbortController();
    const run = started.run(controller.signal);
    for (const wait of [30_000, 60_000]) {
      await clock.whenSleeping();
      expect(clock.sleeps.at(-1)?.ms).toBe(wait);
      await clock.advance(wait);
    }
    await clock.whenSleeping();
    expect(parts.streamHealth.failing()).toEqual([HN_STREAM]);
    controller.abort();
    await expect(run).resolves.toBeUndefined();
  });
});
