import type { RejectedItem, SubmissionBatch } from '@sentiment-ingest/db';
import { MAX_FUTURE_SKEW_MS, type ScrapeCheckpoint, type ScrapeGap, type Submission } from '@sentiment-ingest/models';
import type { Log } from '@sentiment-ingest/runtime';
import { reportPoll, reportRejected, type Clock, type ScrapeMetrics } from '@sentiment-ingest/scraper-kit';
import type { BatchWriter as DurableBatchWriter } from '@sentiment-ingest/scraper-kit';
import { historyStart, type HistorySince } from '../healing/history-since';
import type { RedditSource, ScrapeStateReader } from '../ports';
import { normalizeChildren } from './normalize-page';
import {
  advancePosition,
  decideAfterPage,
  gapFor,
  historyGapFor,
  trustedPosition,
  type ItemPosition,
  type StreamPosition,
  type WalkDecision,
} from './page-walk';
import { SUBMISSIONS, type StreamBatchParts, type StreamKind } from './stream-kinds';
import type { StreamGroup } from './subreddit-groups';

/** The `source` of Reddit rows in scrape_checkpoints, scrape_gaps and rejected_items. */
export const REDDIT_SOURCE = 'reddit';

/** Default bound on the bytes of listing pages a poll holds before writing them (see {@link StreamPollerOptions.maxBatchBytes}). */
export const DEFAULT_MAX_BATCH_BYTES = 8 * 1024 * 1024;

/** What one poll of a stream did. */
export interface PollOutcome {
  readonly stream: string;
  readonly pages: number;
  readonly fetched: number;
  /** items refused by normalisation or by the database (quarantined in rejected_items) */
  readonly rejected: number;
  readonly inserted: number;
  readonly updated: number;
  readonly gap: ScrapeGap | null;
  /** the poll was cut short (shutdown or an error): rows were written, the checkpoint was not moved */
  readonly interrupted: boolean;
  readonly position: StreamPosition;
}

/** Counts per subreddit of the items a poll read (normalised) and stored (written, not refused). */
export type SubredditCounts = (stage: 'fetched' | 'stored', bySubreddit: ReadonlyMap<string, number>) => void;

export interface StreamPollerOptions<Item = Submission, Batch = SubmissionBatch> {
  /** what the stream lists and stores (default: submissions from `/new`) */
  readonly kind?: StreamKind<Item, Batch>;
  readonly source: RedditSource;
  readonly state: ScrapeStateReader;
  readonly writer: DurableBatchWriter<Batch>;
  /** told per subreddit what each write read and stored (comments' metrics) */
  readonly subredditCounts?: SubredditCounts;
  readonly clock: Clock;
  readonly log: Log;
  readonly metrics: ScrapeMetrics;
  readonly redactDeleted: boolean;
  /**
   * How far back a stream's first run wants its history (`REDDIT_HISTORY_SINCE`): what the listing
   * could not reach is recorded as an open gap, for the healer or the archive importer. Absent: none.
   */
  readonly historySince?: HistorySince | null;
  /**
   * Pages read are written (without moving the checkpoint) once they hold this many bytes, so a
   * burst of very large posts never holds more than this in memory (default 8 MiB).
   */
  readonly maxBatchBytes?: number;
}

/** What a walk read and wrote so far. */
interface WalkState<Item> {
  pages: number;
  fetched: number;
  rejected: number;
  inserted: number;
  updated: number;
  /** read and not yet written */
  pending: Item[];
  pendingRejected: RejectedItem[];
  pendingBytes: number;
  /** every item read (for the gap's end) */
  readonly seen: ItemPosition[];
  /** items already written and stored by an earlier part of this walk */
  readonly stored: ItemPosition[];
  /** the writer gave up at shutdown: nothing more is read */
  abandoned: boolean;
}

/**
 * Polls one stream of a group (`/r/a+b+c/new`, or `/r/a+b+c/comments` with the {@link COMMENTS}
 * kind): pages back from the newest item until it overlaps what the stream stored, then writes the
 * items and moves the checkpoint in one transaction. A poll cut
 * short still writes what it read, but leaves the checkpoint where it was, so the next poll reads
 * the same range again: no gap, and no duplicate (the upsert is idempotent). Items that cannot be
 * stored are quarantined with their reason and never hold the others back.
 */
export class StreamPoller<Item = Submission, Batch = SubmissionBatch> {
  private readonly o: StreamPollerOptions<Item, Batch>;
  readonly kind: StreamKind<Item, Batch>;

  constructor(options: StreamPollerOptions<Item, Batch>) {
    this.o = options;
    // without a kind, the poller reads posts (Item and Batch keep their defaults then)
    this.kind = options.kind ?? (SUBMISSIONS as unknown as StreamKind<Item, Batch>);
  }

  /** The stream this poller keeps for `group` (its key in scrape_checkpoints). */
  streamOf(group: StreamGroup): string {
    return this.kind.streamOf(group);
  }

  async poll(group: StreamGroup, signal: AbortSignal): Promise<PollOutcome> {
    const started = this.o.clock.now();
    const stream = this.kind.streamOf(group);
    const position = await this.readPosition(stream);
    const walk: WalkState<Item> = {
      pages: 0, fetched: 0, rejected: 0, inserted: 0, updated: 0,
      pending: [], pendingRejected: [], pendingBytes: 0, seen: [], stored: [], abandoned: false,
    };
    const { decision, error } = await this.walk(group, stream, position, walk, signal);
    const complete = error === null && !signal.aborted && decision !== null && !walk.abandoned;
    const gap = complete && decision !== null ? this.gapOf(decision, stream, position, walk.seen) : null;
    let next = position;
    const checkpoints = complete
      ? (stored: readonly Item[]): ScrapeCheckpoint[] => {
          next = advancePosition(position, [...walk.stored, ...stored.map((item) => this.kind.position(item))]);
          return [{ source: REDDIT_SOURCE, stream, ...next, state: { subreddits: group.subreddits, pages: walk.pages } }];
        }
      : undefined;
    if (!walk.abandoned) await this.flush(stream, walk, signal, { checkpoints, gaps: gap ? [gap] : [] });
    const outcome = this.record(stream, { ...walk, gap, interrupted: !complete || walk.abandoned, position: next }, started);
    if (error !== null) throw error;
    return outcome;
  }

  /** What a complete walk could not see: past the listing's end, or (first run) the history before it. */
  private gapOf(decision: WalkDecision, stream: string, position: StreamPosition, seen: readonly ItemPosition[]): ScrapeGap | null {
    const itemsName = this.kind.itemKind === 'comment' ? 'comments' : 'submissions';
    if (decision.kind === 'listing-end') return gapFor({ source: REDDIT_SOURCE, stream, position, items: seen, itemsName });
    if (decision.kind !== 'first-run-end' || !this.o.historySince) return null;
    const since = historyStart(this.o.historySince, new Date(this.o.clock.now()));
    return historyGapFor({ source: REDDIT_SOURCE, stream, since, items: seen, exhausted: decision.exhausted, itemsName });
  }

  /** The stored checkpoint; a time in the future (written before items were checked) is not trusted. */
  private async readPosition(stream: string): Promise<StreamPosition> {
    const stored = await this.o.state.readCheckpoint(REDDIT_SOURCE, stream);
    const raw: StreamPosition = { newestCreatedUtc: stored?.newestCreatedUtc ?? null, newestId: stored?.newestId ?? null };
    const { position, distrusted } = trustedPosition(raw, new Date(this.o.clock.now() + MAX_FUTURE_SKEW_MS));
    if (distrusted) {
      this.o.log.warn(
        { stream, newestCreatedUtc: raw.newestCreatedUtc?.toISOString(), newestId: raw.newestId },
        `checkpoint time is in the future; paging by id alone until newer ${this.kind.plural} replace it`,
      );
    }
    return position;
  }

  private async walk(
    group: StreamGroup,
    stream: string,
    position: StreamPosition,
    walk: WalkState<Item>,
    signal: AbortSignal,
  ): Promise<{ decision: WalkDecision | null; error: unknown }> {
    let after: string | undefined;
    for (;;) {
      if (signal.aborted || walk.abandoned) return { decision: null, error: null };
      let page;
      try {
        page = await this.kind.list(this.o.source, group.subreddits, after ? { after, limit: 100 } : { limit: 100 }, signal);
      } catch (error) {
        return { decision: null, error: signal.aborted ? null : error };
      }
      walk.pages += 1;
      walk.fetched += page.items.length;
      const normalized = normalizeChildren(page.items, this.kind.itemKind, this.kind.normalize, {
        redactDeleted: this.o.redactDeleted,
        now: new Date(this.o.clock.now()),
        source: REDDIT_SOURCE,
        stream,
      });
      const positions = normalized.items.map((item) => this.kind.position(item));
      walk.pending.push(...normalized.items);
      walk.pendingRejected.push(...normalized.rejected);
      walk.pendingBytes += page.bytes;
      walk.seen.push(...positions);
      this.countBySubreddit('fetched', normalized.items);
      const decision = decideAfterPage({
        position,
        page: { items: positions, after: page.after },
        pagesRead: walk.pages,
        itemsRead: walk.fetched,
      });
      if (decision.kind !== 'next') return { decision, error: null };
      after = decision.after;
      if (walk.pendingBytes >= (this.o.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES)) await this.flush(stream, walk, signal, {});
    }
  }

  /** Writes what the walk holds; with `checkpoints`, the checkpoint moves in the same transaction. */
  private async flush(
    stream: string,
    walk: WalkState<Item>,
    signal: AbortSignal,
    extra: Pick<StreamBatchParts<Item>, 'checkpoints' | 'gaps'>,
  ): Promise<void> {
    const items = walk.pending;
    const rejected = walk.pendingRejected;
    walk.pending = [];
    walk.pendingRejected = [];
    walk.pendingBytes = 0;
    const batch = this.kind.batch({
      items,
      observedAt: new Date(this.o.clock.now()),
      rejected,
      origin: { source: REDDIT_SOURCE, stream },
      ...(extra.checkpoints ? { checkpoints: extra.checkpoints } : {}),
      ...(extra.gaps ? { gaps: extra.gaps } : {}),
    });
    const result = await this.o.writer.write(batch, signal);
    if (result === null) {
      walk.abandoned = true;
      return;
    }
    const refused = new Set(result.rejected.map((r) => r.itemId));
    const stored = items.filter((item) => !refused.has(this.kind.position(item).id));
    for (const item of stored) walk.stored.push(this.kind.position(item));
    this.countBySubreddit('stored', stored);
    walk.inserted += result.inserted;
    walk.updated += result.updated;
    walk.rejected += rejected.length + result.rejected.length;
    reportRejected(this.o.log, this.o.metrics, stream, [...rejected, ...result.rejected]);
  }

  private countBySubreddit(stage: 'fetched' | 'stored', items: readonly Item[]): void {
    if (!this.o.subredditCounts || items.length === 0) return;
    const counts = new Map<string, number>();
    for (const item of items) {
      const subreddit = this.kind.subredditOf(item);
      counts.set(subreddit, (counts.get(subreddit) ?? 0) + 1);
    }
    this.o.subredditCounts(stage, counts);
  }

  private record(
    stream: string,
    outcome: Pick<PollOutcome, 'pages' | 'fetched' | 'rejected' | 'inserted' | 'updated' | 'gap' | 'interrupted' | 'position'>,
    started: number,
  ): PollOutcome {
    const { pages, fetched, rejected, inserted, updated, gap, interrupted, position } = outcome;
    const poll = { stream, pages, fetched, rejected, inserted, updated, gap, interrupted, position };
    reportPoll({ metrics: this.o.metrics, log: this.o.log, now: this.o.clock.now() }, { ...poll, newestCreatedAt: position.newestCreatedUtc }, started);
    return poll;
  }
}

