import type { ScrapeCheckpoint, ScrapeGap, Submission } from '@sentiment-ingest/models';
import type { ScraperMetrics } from '../http/scraper-metrics';
import type { BatchWriter, Clock, Log, RedditSource, ScrapeStateReader } from '../ports';
import { normalizePage } from './normalize-page';
import { advancePosition, decideAfterPage, gapFor, type StreamPosition, type WalkDecision } from './page-walk';
import type { StreamGroup } from './subreddit-groups';

/** The `source` of Reddit rows in scrape_checkpoints and scrape_gaps. */
export const REDDIT_SOURCE = 'reddit';

/** What one poll of a stream did. */
export interface PollOutcome {
  readonly stream: string;
  readonly pages: number;
  readonly fetched: number;
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
  readonly metrics: ScraperMetrics;
  readonly redactDeleted: boolean;
}

/**
 * Polls one stream (`/r/a+b+c/new`): pages back from the newest post until it overlaps what the
 * stream stored, then writes the posts and moves the checkpoint in one transaction. A poll cut
 * short still writes what it read, but leaves the checkpoint where it was, so the next poll reads
 * the same range again: no gap, and no duplicate (the upsert is idempotent).
 */
export class StreamPoller {
  private readonly o: StreamPollerOptions;

  constructor(options: StreamPollerOptions) {
    this.o = options;
  }

  async poll(group: StreamGroup, signal: AbortSignal): Promise<PollOutcome> {
    const started = this.o.clock.now();
    const stored = await this.o.state.readCheckpoint(REDDIT_SOURCE, group.stream);
    const position: StreamPosition = { newestCreatedUtc: stored?.newestCreatedUtc ?? null, newestId: stored?.newestId ?? null };
    const walk = await this.walk(group, position, signal);
    const complete = walk.error === null && !signal.aborted && walk.decision !== null;
    const next = complete ? advancePosition(position, walk.submissions) : position;
    const gap =
      complete && walk.decision?.kind === 'listing-end'
        ? gapFor({ source: REDDIT_SOURCE, stream: group.stream, position, submissions: walk.submissions })
        : null;
    const checkpoint: ScrapeCheckpoint | null = complete
      ? { source: REDDIT_SOURCE, stream: group.stream, ...next, state: { subreddits: group.subreddits, pages: walk.pages } }
      : null;
    const observedAt = new Date(this.o.clock.now());
    const result = await this.o.writer.write(
      { submissions: walk.submissions, observedAt, checkpoints: checkpoint ? [checkpoint] : [], gaps: gap ? [gap] : [] },
      signal,
    );
    const outcome = this.record(group, {
      pages: walk.pages,
      fetched: walk.submissions.length + walk.rejected,
      rejected: walk.rejected,
      inserted: result?.inserted ?? 0,
      updated: result?.updated ?? 0,
      gap,
      interrupted: !complete,
      position: next,
    }, started);
    if (walk.error !== null) throw walk.error;
    return outcome;
  }

  private async walk(
    group: StreamGroup,
    position: StreamPosition,
    signal: AbortSignal,
  ): Promise<{ submissions: Submission[]; rejected: number; pages: number; decision: WalkDecision | null; error: unknown }> {
    const submissions: Submission[] = [];
    let rejected = 0;
    let pages = 0;
    let after: string | undefined;
    for (;;) {
      if (signal.aborted) return { submissions, rejected, pages, decision: null, error: null };
      let page;
      try {
        page = await this.o.source.listNew(group.subreddits, after ? { after, limit: 100 } : { limit: 100 }, signal);
      } catch (error) {
        return { submissions, rejected, pages, decision: null, error: signal.aborted ? null : error };
      }
      pages += 1;
      const normalized = normalizePage(page.items, { redactDeleted: this.o.redactDeleted });
      for (const r of normalized.rejected) {
        this.o.log.warn({ stream: group.stream, id: r.id, reason: r.reason }, 'item rejected');
      }
      rejected += normalized.rejected.length;
      submissions.push(...normalized.submissions);
      const decision = decideAfterPage({ position, page: { submissions: normalized.submissions, after: page.after }, pagesRead: pages });
      if (decision.kind !== 'next') return { submissions, rejected, pages, decision, error: null };
      after = decision.after;
    }
  }

  private record(group: StreamGroup, outcome: Omit<PollOutcome, 'stream'>, started: number): PollOutcome {
    const { metrics, log, clock } = this.o;
    const stream = group.stream;
    metrics.postsFetched.inc({ stream }, outcome.fetched);
    metrics.postsInserted.inc({ stream }, outcome.inserted);
    metrics.postsUpdated.inc({ stream }, outcome.updated);
    metrics.postsRejected.inc({ stream }, outcome.rejected);
    metrics.pollDuration.observe({ stream }, (clock.now() - started) / 1000);
    if (outcome.position.newestCreatedUtc) {
      metrics.streamLag.set({ stream }, Math.max(0, (clock.now() - outcome.position.newestCreatedUtc.getTime()) / 1000));
    }
    if (outcome.gap) {
      metrics.gaps.inc({ stream });
      log.warn(
        { stream, gapStart: outcome.gap.gapStart.toISOString(), gapEnd: outcome.gap.gapEnd.toISOString() },
        'gap recorded: the listing ended before the checkpoint',
      );
    }
    const fields = { stream, pages: outcome.pages, fetched: outcome.fetched, inserted: outcome.inserted, updated: outcome.updated, rejected: outcome.rejected };
    if (outcome.interrupted) log.info(fields, 'poll interrupted; rows written, checkpoint kept');
    else log.info(fields, 'poll complete');
    return { stream, ...outcome };
  }
}
