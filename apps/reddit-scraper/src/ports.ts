import type { RedditComment, ScrapeCheckpoint, Submission } from '@sentiment-ingest/models';
import type { ItemBatch, ScrapeStateRepository, SubmissionBatch } from '@sentiment-ingest/db';
import type { BatchWriter as DurableBatchWriter } from '@sentiment-ingest/scraper-kit';

/** One page of a Reddit listing: the raw children (`{ kind, data }`), newest first, and the cursor to older ones. */
export interface ListingPage {
  readonly items: readonly unknown[];
  readonly after: string | null;
  /** size of the response body, which bounds what a poll holds in memory */
  readonly bytes: number;
}

/** What the scraper needs of Reddit (implemented by the Reddit client; faked in unit tests). */
export interface RedditSource {
  listNew(subreddits: readonly string[], page: { after?: string; limit?: number }, signal?: AbortSignal): Promise<ListingPage>;
  /** the newest comments of the subreddits (`/r/a+b/comments`), one page, newest first */
  listComments(subreddits: readonly string[], page: { after?: string; limit?: number }, signal?: AbortSignal): Promise<ListingPage>;
  /** the children (`{ kind, data }`) Reddit knows of, in request order */
  info(fullnames: readonly string[], signal?: AbortSignal): Promise<readonly unknown[]>;
}

/** What the scraper reads of its own state in the database. */
export interface ScrapeStateReader {
  readCheckpoint(source: string, stream: string): Promise<ScrapeCheckpoint | null>;
  /** submissions created after `since`, for engagement refreshes */
  recentSubmissions(since: Date): Promise<{ id: string; createdUtc: Date }[]>;
}

/** What the gap healer reads and resolves of the scrape state (the shared repository of libs/db). */
export type HealState = Pick<ScrapeStateRepository, 'openGapsOfSource' | 'readCheckpoint' | 'countItems' | 'resolveGap'>;

/** Stores a batch of submissions durably (the kit's DurableWriter over libs/db's SubmissionWriter). */
export type BatchWriter = DurableBatchWriter<SubmissionBatch>;

/** Stores a batch of comments durably (the kit's DurableWriter over libs/db's ItemWriter with REDDIT_COMMENTS). */
export type CommentBatchWriter = DurableBatchWriter<ItemBatch<RedditComment>>;

export type { Submission };
