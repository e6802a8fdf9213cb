import type { RejectedItem, SubmissionBatch } from '@sentiment-ingest/db';
import { MAX_FUTURE_SKEW_MS, type ScrapeCheckpoint, type ScrapeGap, type Submission } from '@sentiment-ingest/models';
import type { Log } from '@sentiment-ingest/runtime';
import { reportPoll, reportRejected, type Clock, type ScrapeMetrics } from '@sentiment-ingest/scraper-kit';
import type { BatchWriter, RedditSource, ScrapeStateReader } from '../ports';
import { normalizePage } from './normalize-page';
import {
  advancePosition,
  decideAfterPage,
  gapFor,
  trustedPosition,
  type ItemPosition,
  type StreamPosition,
  type WalkDecision,
} from './page-walk';
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

export interface StreamPollerOptions {
  readonly source: RedditSource;
  readonly state: ScrapeStateReader;
  readonly writer: BatchWriter;
  readonly clock: Clock;
  readonly log: Log;
  readonly metrics: ScrapeMetrics;
  readonly redactDeleted: boolean;
  /**
   * Pages read are written (without moving the checkpoint) once they hold this many bytes, so a
   * burst of very large posts never holds more than this in memory (default 8 MiB).
   */
  readonly maxBatchBytes?: number;
}

/** What a walk read and wrote so far. */
interface WalkState {
  pages: number;
  fetched: number;
  rejected: number;
  inserted: number;
  updated: number;
  /** read and not yet written */
  pending: Submission[];
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
 * Polls one stream (`/r/a+b+c/new`): pages back from the newest post until it overlaps what the
 * stream stored, then writes the posts and moves the checkpoint in one transaction. A poll cut
 * short still writes what it read, but leaves the checkpoint where it was, so the next poll reads
 * the same range again: no gap, and no duplicate (the upsert is idempotent). Items that cannot be
 * stored are quarantined with their reason and never hold the others back.
 */
export class StreamPoller {
  private readonly o: StreamPollerOptions;

  constructor(options: StreamPollerOptions) {
    this.o = options;
  }

  async poll(group: StreamGroup, signal: AbortSignal): Promise<PollOutcome> {
    const started = this.o.clock.now();
    const position = await this.readPosition(group);
    const walk: WalkState = {
      pages: 0, fetched: 0, rejected: 0, inserted: 0, updated: 0,
      pending: [], pendingRejected: [], pendingBytes: 0, seen: [], stored: [], abandoned: false,
    };
    const { decision, error } = await this.walk(group, position, walk, signal);
    const complete = error === null && !signal.aborted && decision !== null && !walk.abandoned;
    const gap = complete && decision?.kind === 'listing-end'
      ? gapFor({ source: REDDIT_SOURCE, stream: group.stream, position, items: walk.seen })
      : null;
    let next = position;
    const checkpoints = complete
      ? (stored: readonly Submission[]): ScrapeCheckpoint[] => {
          next = advancePosition(position, [...walk.stored, ...stored]);
          return [{ source: REDDIT_SOURCE, stream: group.stream, ...next, state: { subreddits: group.subreddits, pages: walk.pages } }];
        }
      : undefined;
    if (!walk.abandoned) await this.flush(group, walk, signal, { checkpoints, gaps: gap ? [gap] : [] });
    const outcome = this.record(group, { ...walk, gap, interrupted: !complete || walk.abandoned, position: next }, started);
    if (error !== null) throw error;
    return outcome;
  }

  /** The stored checkpoint; a time in the future (written before items were checked) is not trusted. */
  private async readPosition(group: StreamGroup): Promise<StreamPosition> {
    const stored = await this.o.state.readCheckpoint(REDDIT_SOURCE, group.stream);
    const raw: StreamPosition = { newestCreatedUtc: stored?.newestCreatedUtc ?? null, newestId: stored?.newestId ?? null };
    const { position, distrusted } = trustedPosition(raw, new Date(this.o.clock.now() + MAX_FUTURE_SKEW_MS));
    if (distrusted) {
      this.o.log.warn(
        { stream: group.stream, newestCreatedUtc: raw.newestCreatedUtc?.toISOString(), newestId: raw.newestId },
        'checkpoint time is in the future; paging by id alone until newer posts replace it',
      );
    }
    return position;
  }

  private async walk(
    group: StreamGroup,
    position: StreamPosition,
    walk: WalkState,
    signal: AbortSignal,
  ): Promise<{ decision: WalkDecision | null; error: unknown }> {
    let after: string | undefined;
    for (;;) {
      if (signal.aborted || walk.abandoned) return { decision: null, error: null };
      let page;
      try {
        page = await this.o.source.listNew(group.subreddits, after ? { after, limit: 100 } : { limit: 100 }, signal);
      } catch (error) {
        return { decision: null, error: signal.aborted ? null : error };
      }
      walk.pages += 1;
      walk.fetched += page.items.length;
      const normalized = normalizePage(page.items, {
        redactDeleted: this.o.redactDeleted,
        now: new Date(this.o.clock.now()),
        source: REDDIT_SOURCE,
        stream: group.stream,
      });
      walk.pending.push(...normalized.submissions);
      walk.pendingRejected.push(...normalized.rejected);
      walk.pendingBytes += page.bytes;
      walk.seen.push(...normalized.submissions.map(toItemPosition));
      const decision = decideAfterPage({
        position,
        page: { items: normalized.submissions, after: page.after },
        pagesRead: walk.pages,
        itemsRead: walk.fetched,
      });
      if (decision.kind !== 'next') return { decision, error: null };
      after = decision.after;
      if (walk.pendingBytes >= (this.o.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES)) await this.flush(group, walk, signal, {});
    }
  }

  /** Writes what the walk holds; with `checkpoints`, the checkpoint moves in the same transaction. */
  private async flush(
    group: StreamGroup,
    walk: WalkState,
    signal: AbortSignal,
    extra: Pick<SubmissionBatch, 'checkpoints' | 'gaps'>,
  ): Promise<void> {
    const submissions = walk.pending;
    const rejected = walk.pendingRejected;
    walk.pending = [];
    walk.pendingRejected = [];
    walk.pendingBytes = 0;
    const result = await this.o.writer.write(
      {
        submissions,
        observedAt: new Date(this.o.clock.now()),
        rejected,
        origin: { source: REDDIT_SOURCE, stream: group.stream },
        ...extra,
      },
      signal,
    );
    if (result === null) {
      walk.abandoned = true;
      return;
    }
    const refused = new Set(result.rejected.map((r) => r.itemId));
    for (const s of submissions) if (!refused.has(s.id)) walk.stored.push(toItemPosition(s));
    walk.inserted += result.inserted;
    walk.updated += result.updated;
    walk.rejected += rejected.length + result.rejected.length;
    reportRejected(this.o.log, this.o.metrics, group.stream, [...rejected, ...result.rejected]);
  }

  private record(
    group: StreamGroup,
    outcome: Pick<PollOutcome, 'pages' | 'fetched' | 'rejected' | 'inserted' | 'updated' | 'gap' | 'interrupted' | 'position'>,
    started: number,
  ): PollOutcome {
    const { pages, fetched, rejected, inserted, updated, gap, interrupted, position } = outcome;
    const poll = { stream: group.stream, pages, fetched, rejected, inserted, updated, gap, interrupted, position };
    reportPoll({ metrics: this.o.metrics, log: this.o.log, now: this.o.clock.now() }, { ...poll, newestCreatedAt: position.newestCreatedUtc }, started);
    return poll;
  }
}

const toItemPosition = (s: Submission): ItemPosition => ({ id: s.id, createdUtc: s.createdUtc });
