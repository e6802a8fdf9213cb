import { WriteFailedError, type SubmissionBatch, type WriteResult } from '@sentiment-ingest/db';
import type { ScraperMetrics } from '../http/scraper-metrics';
import type { Log } from '@sentiment-ingest/runtime';
import type { Clock } from '@sentiment-ingest/scraper-kit';
import type { BatchWriter } from '../ports';

/** Writes one batch (the db library's writer). */
export interface BatchStore {
  write(batch: SubmissionBatch): Promise<WriteResult>;
}

export interface DurableWriterOptions {
  readonly store: BatchStore;
  readonly clock: Clock;
  readonly log: Log;
  readonly metrics: ScraperMetrics;
  /** delay before retry `attempt` (1-based) */
  readonly backoffMs: (attempt: number) => number;
  /** after shutdown is requested, how long to keep retrying a batch in hand */
  readonly shutdownGraceMs: number;
}

/**
 * A database outage does not kill the scraper and loses nothing it fetched: a batch whose write
 * fails for a retryable reason (connection lost, server restarting, deadlock) is retried with
 * backoff, holding the rows in memory, until it succeeds. At shutdown it keeps trying for
 * `shutdownGraceMs`, then gives up and returns null: the checkpoint did not move, so the next start
 * reads the same posts again.
 */
export class DurableWriter implements BatchWriter {
  private readonly o: DurableWriterOptions;

  constructor(options: DurableWriterOptions) {
    this.o = options;
  }

  async write(batch: SubmissionBatch, signal: AbortSignal): Promise<WriteResult | null> {
    let giveUpAt: number | null = null;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.o.store.write(batch);
      } catch (error) {
        const retryable = error instanceof WriteFailedError && error.retryable;
        this.o.metrics.writeFailures.inc({ retryable: String(retryable) });
        if (!retryable) throw error;
        if (signal.aborted) giveUpAt ??= this.o.clock.now() + this.o.shutdownGraceMs;
        const delay = this.o.backoffMs(attempt);
        if (giveUpAt !== null && this.o.clock.now() + delay > giveUpAt) {
          this.o.log.error({ err: error, rows: batch.submissions.length, attempt }, 'database still failing at shutdown; batch not stored, it will be read again on restart');
          return null;
        }
        this.o.log.warn({ err: error, rows: batch.submissions.length, attempt, retryInMs: delay }, 'database write failed; retrying');
        // Not abortable: at shutdown the batch in hand is still worth storing within the grace period.
        await this.o.clock.sleep(delay);
      }
    }
  }
}
