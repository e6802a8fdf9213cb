import { REDDIT_SUBMISSIONS, type ScrapeStateRepository } from '@sentiment-ingest/db';
import type { ScrapeStateReader } from '../ports';

/**
 * The scraper's state port over the shared repository of libs/db (which holds the SQL): its recent
 * items are the Reddit submissions of `raw_submissions`.
 */
export function redditScrapeState(repository: ScrapeStateRepository): ScrapeStateReader {
  return {
    readCheckpoint: (source, stream) => repository.readCheckpoint(source, stream),
    recentSubmissions: async (since) =>
      (await repository.recentItems(REDDIT_SUBMISSIONS, since)).map((item) => ({ id: item.id, createdUtc: item.time })),
  };
}
