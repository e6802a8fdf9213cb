import type { RejectedItem } from '@sentiment-ingest/db';
import type { Log } from '@sentiment-ingest/runtime';
import type { ScrapeMetrics } from '../metrics/scrape-metrics';

/**
 * Logs and counts items that could not be stored (they are quarantined in `rejected_items` by the
 * same write): one warning per item with its id, where it was refused, the reason and the SQLSTATE.
 */
export function reportRejected(log: Log, metrics: Pick<ScrapeMetrics, 'countRejected'>, stream: string, items: readonly RejectedItem[]): void {
  for (const item of items) {
    log.warn({ stream, id: item.itemId, stage: item.stage, reason: item.reason, sqlState: item.sqlState }, 'item rejected');
    metrics.countRejected(stream, item.stage);
  }
}
