import type { ItemBatch, SubmissionBatch } from '@sentiment-ingest/db';
import { normalizeT1Thing, type RedditComment, type ScrapeCheckpoint, type ScrapeGap, type Submission } from '@sentiment-ingest/models';
import type { ListingPage, RedditSource } from '../ports';
import { normalizeSubmission, type ChildResult, type NormalizeContext } from './normalize-page';
import type { ItemPosition } from './page-walk';
import { commentsStreamKey, type StreamGroup } from './subreddit-groups';

/** What a poll hands to its kind to build the batch it writes. */
export interface StreamBatchParts<Item> {
  readonly items: readonly Item[];
  readonly observedAt: Date;
  readonly rejected: NonNullable<SubmissionBatch['rejected']>;
  readonly origin: { readonly source: string; readonly stream: string };
  readonly checkpoints?: (stored: readonly Item[]) => ScrapeCheckpoint[];
  readonly gaps?: readonly ScrapeGap[];
}

/**
 * What a stream polls and stores, so one {@link StreamPoller} walks posts and comments alike: the
 * listing it reads, how a child becomes an item, the item's position for the walk, and the batch of
 * the shared write path it writes.
 */
export interface StreamKind<Item, Batch> {
  /** `item_kind` of its rejected_items rows */
  readonly itemKind: 'submission' | 'comment';
  /** the items' name in logs and gap reasons */
  readonly plural: string;
  /** the stream's key for a group */
  streamOf(group: StreamGroup): string;
  list(source: RedditSource, subreddits: readonly string[], page: { after?: string; limit?: number }, signal: AbortSignal): Promise<ListingPage>;
  normalize(child: unknown, options: NormalizeContext): ChildResult<Item>;
  position(item: Item): ItemPosition;
  subredditOf(item: Item): string;
  batch(parts: StreamBatchParts<Item>): Batch;
}

/** Posts: `/r/a+b/new` into raw_submissions (SubmissionWriter's batch); the stream is the group's key. */
export const SUBMISSIONS: StreamKind<Submission, SubmissionBatch> = {
  itemKind: 'submission',
  plural: 'submissions',
  streamOf: (group) => group.stream,
  list: (source, subreddits, page, signal) => source.listNew(subreddits, page, signal),
  normalize: normalizeSubmission,
  position: (s) => ({ id: s.id, createdUtc: s.createdUtc }),
  subredditOf: (s) => s.subreddit,
  batch: ({ items, ...rest }) => ({ submissions: items, ...rest }),
};

/**
 * Comments: `/r/a+b/comments` into raw_comments, through the shared ItemWriter over
 * `REDDIT_COMMENTS` (an ItemBatch); the stream is `comments:a+b`, with its own checkpoint.
 */
export const COMMENTS: StreamKind<RedditComment, ItemBatch<RedditComment>> = {
  itemKind: 'comment',
  plural: 'comments',
  streamOf: (group) => commentsStreamKey(group.subreddits),
  list: (source, subreddits, page, signal) => source.listComments(subreddits, page, signal),
  normalize: (child, options) => {
    const result = normalizeT1Thing(child, options);
    return result.ok ? { ok: true, item: result.comment } : result;
  },
  position: (c) => ({ id: c.id, createdUtc: c.createdUtc }),
  subredditOf: (c) => c.subreddit,
  batch: ({ items, observedAt, rejected, origin, checkpoints, gaps }) => ({
    items,
    observedAt,
    rejected,
    stream: origin.stream,
    seenAt: observedAt,
    ...(checkpoints ? { checkpoints } : {}),
    ...(gaps ? { gaps } : {}),
  }),
};
