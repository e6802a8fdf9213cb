import { FIRST_SOURCE_EXIT_CODE, ReadinessFailure, SCRAPER_EXIT, type ScraperDefinition } from '@sentiment-ingest/scraper-kit';
import { parseScraperConfig, scraperEnvShape, type ScraperConfig } from './config';
import { describeHistorySince } from './healing/history-since';
import { RedditMetrics } from './http/reddit-metrics';
import { REDDIT_SOURCE } from './polling/stream-poller';
import { RedditAuthError, RedditClient, RedditConfigError } from './reddit';
import { buildScraperComponents } from './scraper-components';
import { ScraperService } from './scraper-service';

/** Exit codes, documented in the README ("Reddit scraper"): the kit's, and Reddit's refused credentials. */
export const REDDIT_SCRAPER_EXIT = Object.freeze({ ...SCRAPER_EXIT, REDDIT_AUTH: FIRST_SOURCE_EXIT_CODE });

/** The Reddit scraper as the kit runs it: the Reddit client, its streams and engagement refreshes. */
export const redditScraper: ScraperDefinition<ScraperConfig> = {
  app: 'reddit-scraper',
  source: REDDIT_SOURCE,
  summary:
    'Polls the newest posts of the configured subreddits through the Reddit API (OAuth credentials needed) into\n' +
    'raw_submissions and their newest comments into raw_comments (REDDIT_COMMENTS), follows the score and\n' +
    'comment count of recent posts (submission_engagement), and heals the gaps a burst or a first run leaves\n' +
    '(REDDIT_HEAL_BUDGET_PCT, REDDIT_HISTORY_SINCE).\n' +
    'README.md, "Reddit scraper", says more.',
  envShape: scraperEnvShape,
  exitCodes: { [FIRST_SOURCE_EXIT_CODE]: 'Reddit refused the credentials, or they are incomplete (the log says which)' },
  parseConfig: parseScraperConfig,
  start({ config, orm, state, log, metrics, streamHealth, clock, writeBackoffMs, shutdownGraceMs }) {
    const redditMetrics = new RedditMetrics(metrics.registry);
    const client = new RedditClient({
      fetch: (input, init) => fetch(input, init),
      clock,
      credentials: config.credentials,
      userAgent: config.userAgent,
      apiBaseUrl: config.apiBaseUrl,
      authUrl: config.authUrl,
      requestTimeoutMs: config.requestTimeoutMs,
      maxRetries: config.maxRetries,
      maxResponseBytes: config.maxResponseBytes,
      log,
      observer: redditMetrics,
    });
    const { poller, commentsPoller, refresher, healer } = buildScraperComponents({
      orm,
      repository: state,
      source: client,
      clock,
      log,
      metrics,
      redactDeleted: config.redactDeleted,
      engagementMaxAgeMs: config.engagementMaxAgeMs,
      writeBackoffMs,
      shutdownGraceMs,
      maxBatchBytes: config.maxBatchBytes,
      comments: config.comments,
      commentCounts: (stage, bySubreddit) => redditMetrics.countComments(stage, bySubreddit),
      historySince: config.historySince,
      healMaxWalkMs: config.healMaxWalkMs,
      healObserver: redditMetrics,
    });
    const service = new ScraperService({
      poller,
      commentsPoller,
      rateLimit: () => client.rateLimit(),
      refresher,
      healer,
      healBudgetPct: config.healBudgetPct,
      clock,
      log,
      subreddits: config.subreddits,
      subredditsPerRequest: config.subredditsPerRequest,
      pollMinIntervalMs: config.pollMinIntervalMs,
      pollMaxIntervalMs: config.pollMaxIntervalMs,
      health: streamHealth,
    });
    return {
      run: (signal) => service.run(signal),
      checks: {
        reddit: async () => {
          if (!client.tokenValid()) throw new ReadinessFailure('reddit_no_token');
        },
      },
      startedFields: {
        subreddits: config.subreddits.length,
        streams: service.streamKeys().length,
        api: config.apiBaseUrl,
        healBudgetPct: config.healBudgetPct,
        ...(config.historySince ? { history: describeHistorySince(config.historySince) } : {}),
      },
    };
  },
  exitCodeFor: (error) => (error instanceof RedditAuthError || error instanceof RedditConfigError ? REDDIT_SCRAPER_EXIT.REDDIT_AUTH : undefined),
};
