import type { Log } from '@sentiment-ingest/runtime';
import type { ScrapeMetrics } from '../metrics/scrape-metrics';

/** What one poll of a stream read and stored, as every scraper reports it. */
export interface PollReport {
  readonly stream: string;
  readonly pages: number;
  /** items read from the source */
  readonly fetched: number;
  readonly inserted: number;
  readonly updated: number;
  /** items refused by normalisation or by the database (already logged one by one) */
  readonly rejected: number;
  /** a period the stream could not see, when the poll recorded one */
  readonly gap: { readonly gapStart: Date; readonly gapEnd: Date } | null;
  /** the poll was cut short: rows were written, the checkpoint kept */
  readonly interrupted: boolean;
  /** creation time of the newest item the stream has stored (its lag is measured to it) */
  readonly newestCreatedAt: Date | null;
}

/**
 * Counts a poll in the shared series (`scrape_items_*`, poll duration, lag, gaps) and logs it in one
 * line (`poll complete` or `poll interrupted; rows written, checkpoint kept`), plus a warning for a
 * gap, the same way for every source.
 */
export function reportPoll(
  deps: { readonly metrics: ScrapeMetrics; readonly log: Log; readonly now: number },
  poll: PollReport,
  startedAt: number,
): void {
  const { metrics, log, now } = deps;
  const { stream } = poll;
  metrics.countFetched(stream, poll.fetched);
  metrics.countInserted(stream, poll.inserted);
  metrics.countUpdated(stream, poll.updated);
  metrics.observePollDuration(stream, (now - startedAt) / 1000);
  if (poll.newestCreatedAt) metrics.setLag(stream, Math.max(0, (now - poll.newestCreatedAt.getTime()) / 1000));
  if (poll.gap) {
    metrics.countGap(stream);
    log.warn(
      { stream, gapStart: poll.gap.gapStart.toISOString(), gapEnd: poll.gap.gapEnd.toISOString() },
      'gap recorded: the listing ended before the checkpoint',
    );
  }
  const fields = { stream, pages: poll.pages, fetched: poll.fetched, inserted: poll.inserted, updated: poll.updated, rejected: poll.rejected };
  if (poll.interrupted) log.info(fields, 'poll interrupted; rows written, checkpoint kept');
  else log.info(fields, 'poll complete');
}
