import { WriteFailedError, type WriteResult } from '@sentiment-ingest/db';
import type { Log } from '@sentiment-ingest/runtime';
import type { ScrapeMetrics } from '../metrics/scrape-metrics';
import type { Clock } from '../time/clock';

/** Stores a batch durably (retrying through database outages); null when it gave up at shutdown. */
export interface BatchWriter<B> {
  write(batch: B, signal: AbortSignal): Promise<WriteResult | null>;
}

/** Options of {@link DurableWriter}. */
export interface DurableWriterOptions<B> {
  /** one attempt at storing a batch: libs/db's `ItemWriter.write` or `SubmissionWriter.write` */
  readonly write: (batch: B) => Promise<WriteResult>;
  /** the rows of a batch, for log lines */
  readonly rowsOf: (batch: B) => number;
  readonly clock: Clock;
  readonly log: Log;
  readonly metrics: Pick<ScrapeMetrics, 'countWriteFailure'>;
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
 * reads the same items again.
 */
export class DurableWriter<B> implements BatchWriter<B> {
  private readonly o: DurableWriterOptions<B>;

  constructor(options: DurableWriterOptions<B>) {
    this.o = options;
  }

  async write(batch: B, signal: AbortSignal): Promise<WriteResult | null> {
    let giveUpAt: number | null = null;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.o.write(batch);
      } catch (error) {
        const retryable = error instanceof WriteFailedError && error.retryable;
        this.o.metrics.countWriteFailure(retryable);
        if (!retryable) throw error;
        if (signal.aborted) giveUpAt ??= this.o.clock.now() + this.o.shutdownGraceMs;
        const delay = this.o.backoffMs(attempt);
        const rows = this.o.rowsOf(batch);
        if (giveUpAt !== null && this.o.clock.now() + delay > giveUpAt) {
          this.o.log.error({ err: error, rows, attempt }, 'database still failing at shutdown; batch not stored, it will be read again on restart');
          return null;
        }
        this.o.log.warn({ err: error, rows, attempt, retryInMs: delay }, 'database write failed; retrying');
        // Not abortable: at shutdown the batch in hand is still worth storing within the grace period.
        await this.o.clock.sleep(delay);
      }
    }
  }
}
