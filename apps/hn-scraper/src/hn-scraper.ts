import { HN_ITEMS, ItemWriter, type ItemBatch } from '@sentiment-ingest/db';
import type { HnItem } from '@sentiment-ingest/models';
import { DurableWriter, JsonClient, keepAliveTransport, RateCap, TaskScheduler, type FetchLike, type ScraperDefinition } from '@sentiment-ingest/scraper-kit';
import { HttpHnApi, type HnApi } from './api/hn-api';
import { HnMetrics } from './api/hn-metrics';
import { hnScraperEnvShape, parseHnScraperConfig, type HnScraperConfig } from './config';
import { HnEngagementRefresher } from './engagement/engagement-refresher';
import { HN_ENGAGEMENT_STREAM } from './engagement/refresh-selection';
import { describeHnStart } from './hn-start';
import { HnIdWalk } from './walk/id-walk';
import { HnStoryResolver } from './walk/story-resolver';
import { HN_WALK_STREAM } from './walk/walk-position';

/** The `source` label of metrics, checkpoints and rejected items. */
export const HN_SOURCE = 'hn';

/** Sent with every request, so that the API's operators can tell who asks. */
export const HN_USER_AGENT = 'sentiment-ingest-hn-scraper (+https://github.com/HackerNews/API; polite: bounded concurrency and rate)';

/** What a test may replace: the HTTP client (a fake's fetch) or the whole API. */
export interface HnScraperOptions {
  readonly fetch?: FetchLike;
  readonly createApi?: (config: HnScraperConfig, parts: { client: JsonClient; cap: RateCap }) => HnApi;
}

/**
 * The Hacker News scraper as the kit runs it (libs/scraper-kit: configuration, database, schema
 * check, health server, signals, exit codes and the schedule are the kit's). Its tasks: the id walk
 * (`items`), which stores every item from its checkpoint up to `maxitem`, and, unless
 * HN_ENGAGEMENT_MAX_AGE_H is 0, the engagement refresh (`engagement`), which re-reads recent stories
 * on an age cadence and the ids `/v0/updates.json` lists.
 */
export function defineHnScraper(options: HnScraperOptions = {}): ScraperDefinition<HnScraperConfig> {
  return {
    app: 'hn-scraper',
    source: HN_SOURCE,
    summary:
      'Stores every Hacker News item (stories, comments, jobs, polls) from the public API in hn_items, walking every id\n' +
      'from its checkpoint up to maxitem, and follows the score and comment count of recent stories (hn_item_engagement).\n' +
      'No credentials are needed. README.md, "Hacker News scraper", says more.',
    envShape: hnScraperEnvShape,
    parseConfig: parseHnScraperConfig,
    start({ config, connections, state, log, metrics, streamHealth, clock, writeBackoffMs, shutdownGraceMs }) {
      const hnMetrics = new HnMetrics(metrics.registry);
      const transport = options.fetch ? undefined : keepAliveTransport();
      const client = new JsonClient({
        fetch: options.fetch ?? ((url, init) => fetch(url, init)),
        // one small JSON request per item: keep-alive connections without fetch's per-request objects
        // cost a third of its CPU (bench:hn-walk); a test's own fetch replaces both
        transport,
        clock,
        timeoutMs: config.requestTimeoutMs,
        maxRetries: config.maxRetries,
        headers: { 'user-agent': HN_USER_AGENT },
        maxBodyBytes: 4 * 1024 * 1024,
        log,
        onAttempt: hnMetrics.observe,
      });
      const cap = new RateCap({ perSecond: config.maxRequestsPerS, clock });
      const api = options.createApi?.(config, { client, cap }) ?? new HttpHnApi({ baseUrl: config.apiBaseUrl, client, cap });
      const items = new ItemWriter({ connections, table: HN_ITEMS, source: HN_SOURCE });
      const writer = new DurableWriter<ItemBatch<HnItem>>({
        write: (batch) => items.write(batch),
        rowsOf: (batch) => batch.items.length,
        clock,
        log,
        metrics,
        backoffMs: writeBackoffMs,
        shutdownGraceMs,
      });
      // what both tasks share; one resolver, so an ancestor either has met needs no request from the other
      const shared = {
        source: HN_SOURCE,
        api,
        state,
        writer,
        stories: new HnStoryResolver(),
        clock,
        log,
        metrics,
        concurrency: config.concurrency,
        batchSize: config.batchSize,
        pollIntervalMs: config.pollIntervalMs,
      };
      const walk = new HnIdWalk({ ...shared, start: config.start, nullRetryMs: config.nullRetryMs, absentRecheckMs: config.absentRecheckMs });
      // A failing round runs again after 1, 2, 4, then 8 poll intervals; /readyz counts the failures in a row.
      const failureBackoff = { minMs: config.pollIntervalMs / 2, maxMs: 8 * config.pollIntervalMs };
      const scheduler = new TaskScheduler({ clock, log, failureBackoff, health: streamHealth });
      scheduler.add(HN_WALK_STREAM, (signal) => walk.poll(signal));
      if (config.engagementMaxAgeMs > 0) {
        const refresher = new HnEngagementRefresher({ ...shared, maxAgeMs: config.engagementMaxAgeMs });
        scheduler.add(HN_ENGAGEMENT_STREAM, (signal) => refresher.poll(signal));
      }
      return {
        run: async (signal) => {
          try {
            await scheduler.run(signal);
          } finally {
            transport?.close();
          }
        },
        checks: {},
        startedFields: {
          api: config.apiBaseUrl,
          start: describeHnStart(config.start),
          concurrency: config.concurrency,
          maxRequestsPerS: config.maxRequestsPerS,
          pollIntervalS: config.pollIntervalMs / 1000,
        },
      };
    },
  };
}

/** The scraper `main.ts` runs. */
export const hnScraper = defineHnScraper();
