/** Public API of the scraper kit: what every long-running scraper needs, whatever its source. */
export { AbortError, abortable, isAbortError, throwIfAborted } from './lib/time/abort';
export { systemClock, type Clock } from './lib/time/clock';
export { backoffDelay, DEFAULT_BACKOFF, isRetryableStatus, RETRYABLE_STATUSES, type BackoffOptions } from './lib/retry/backoff';
export { retryAfterMs, retryWaitMs, secondsHeaderMs, type HeaderSource, type RetryWaitOptions } from './lib/retry/retry-after';
export { failureBackoffMs, type FailureBackoff } from './lib/schedule/failure-backoff';
export { TaskScheduler, type TaskErrorVerdict, type TaskOptions, type TaskRun, type TaskSchedulerOptions } from './lib/schedule/task-scheduler';
export { ScrapeMetrics, type ScrapeMetricsOptions } from './lib/metrics/scrape-metrics';
export { registerDatabaseGauges, type DatabaseGaugeSources } from './lib/metrics/database-gauges';
export { startHealthServer, type HealthServerOptions, type ReadinessCheck, type ReadinessObserver } from './lib/http/health-server';
export { ReadinessFailure } from './lib/http/readiness';
export { DEFAULT_FAILURES_NOT_READY, StreamHealth, type StreamHealthMetrics } from './lib/health/stream-health';
export { DurableWriter, type BatchWriter, type DurableWriterOptions } from './lib/storage/durable-writer';
export { reportRejected } from './lib/storage/rejection-report';
export { DEFAULT_HTTP_PORT, scraperProcessConfig, scraperProcessEnvShape, streamFailuresVar, type ScraperProcessConfig } from './lib/run/process-config';
export { FIRST_SOURCE_EXIT_CODE, SCRAPER_EXIT } from './lib/run/exit-codes';
export { processHost, runScraper, runScraperMain, SHUTDOWN_GRACE_MS, type ScraperContext, type ScraperDefinition, type ScraperHost, type StartedScraper } from './lib/run/run-scraper';
export { reportPoll, type PollReport } from './lib/polling/poll-report';
