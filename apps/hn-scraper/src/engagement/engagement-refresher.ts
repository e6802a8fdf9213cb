import { HN_ITEMS, type ItemBatch, type RecentItem, type RecentItemsFilter, type RejectedItem, type TimedItemTable } from '@sentiment-ingest/db';
import { isHnAbsent, normalizeHnItem, type HnItem, type ScrapeCheckpoint } from '@sentiment-ingest/models';
import type { Log } from '@sentiment-ingest/runtime';
import { reportPoll, reportRejected, type BatchWriter, type CadenceStep, type Clock, type ScrapeMetrics } from '@sentiment-ingest/scraper-kit';
import type { HnApi } from '../api/hn-api';
import { ancestorsFromApi, type HnStoryResolver } from '../walk/story-resolver';
import { HN_WALK_STREAM, positionOf } from '../walk/walk-position';
import { delayUntilNextRound, HN_ENGAGEMENT_STREAM, HN_ENGAGEMENT_TYPES, planRefresh } from './refresh-selection';

/** Most ids one round requests by default. */
export const ENGAGEMENT_IDS_PER_ROUND = 500;

/** What the refresher reads of the scrape state (libs/db's ScrapeStateRepository). */
export interface EngagementState {
  readCheckpoint(source: string, stream: string): Promise<ScrapeCheckpoint | null>;
  recentItems(items: TimedItemTable, since: Date, filter?: RecentItemsFilter): Promise<RecentItem[]>;
}

/** Options of {@link HnEngagementRefresher}. */
export interface HnEngagementRefresherOptions {
  readonly source: string;
  readonly api: HnApi;
  readonly state: EngagementState;
  /** the walk's DurableWriter over libs/db's ItemWriter (HN_ITEMS) */
  readonly writer: BatchWriter<ItemBatch<HnItem>>;
  /** the walk's resolver: ancestors either has seen serve both */
  readonly stories: HnStoryResolver;
  readonly clock: Clock;
  readonly log: Log;
  readonly metrics: ScrapeMetrics;
  /** stories younger than this are followed */
  readonly maxAgeMs: number;
  /** requests in flight at once */
  readonly concurrency: number;
  /** items per write */
  readonly batchSize: number;
  /** the longest wait between rounds */
  readonly pollIntervalMs: number;
  /** most ids per round (default {@link ENGAGEMENT_IDS_PER_ROUND}) */
  readonly idsPerRound?: number;
  readonly cadence?: readonly CadenceStep[];
}

/** What one round's requests answered. */
interface Reads {
  readonly items: HnItem[];
  readonly rejected: RejectedItem[];
  /** when each item was read: its observation time */
  readonly readAt: Map<number, Date>;
  /** ids whose request was answered */
  readonly answered: number[];
  missing: number;
}

/**
 * Re-reads the score and comment count of recent Hacker News stories (polls, jobs) on an age-based
 * cadence, and at once the ids `/v0/updates.json` lists that the id walk has already passed: those
 * also bring edits, deletions (a redacted row) and late answers for ids the walk recorded absent.
 * Every answer goes through the walk's normalisation, story resolution and durable writer, without
 * a checkpoint: the write path stores a row only when it changed, and only then moves the
 * observation it supersedes to `hn_item_metrics`. Items that cannot be stored are quarantined. When each story was last
 * checked is kept in memory: after a restart every recent story is due once.
 */
export class HnEngagementRefresher {
  private readonly lastChecked = new Map<number, Date>();

  constructor(private readonly o: HnEngagementRefresherOptions) {}

  /** One round; resolves to the delay before the next one. */
  async poll(signal: AbortSignal): Promise<number> {
    const { clock, api, state, source } = this.o;
    const started = clock.now();
    const recent = await state.recentItems(HN_ITEMS, new Date(started - this.o.maxAgeMs), { column: 'type', anyOf: HN_ENGAGEMENT_TYPES });
    const stories = recent.map((r) => ({ id: Number(r.id), createdAt: r.time }));
    const following = new Set(stories.map((s) => s.id));
    for (const id of this.lastChecked.keys()) if (!following.has(id)) this.lastChecked.delete(id);
    const updates = await api.updates(signal);
    const walkFrontier = positionOf(await state.readCheckpoint(source, HN_WALK_STREAM))?.frontier ?? null;
    const plan = planRefresh({
      now: new Date(started),
      stories,
      lastChecked: this.lastChecked,
      updates: updates.items,
      walkFrontier,
      maxAgeMs: this.o.maxAgeMs,
      limit: this.o.idsPerRound ?? ENGAGEMENT_IDS_PER_ROUND,
      cadence: this.o.cadence,
    });

    const reads: Reads = { items: [], rejected: [], readAt: new Map(), answered: [], missing: 0 };
    const failure = await this.readAll(plan.ids, reads, signal);
    const checkedAt = new Date(clock.now());
    for (const id of reads.answered) if (following.has(id)) this.lastChecked.set(id, checkedAt);
    // what was read is written also when a request failed
    const totals = { inserted: 0, updated: 0, rejected: 0, ancestorsFetched: 0 };
    const batches: HnItem[][] = [];
    for (let i = 0; i < reads.items.length; i += this.o.batchSize) batches.push(reads.items.slice(i, i + this.o.batchSize));
    if (batches.length === 0 && reads.rejected.length > 0) batches.push([]);
    let stopped = false;
    for (const [n, batch] of batches.entries()) {
      stopped = !(await this.write(batch, n === 0 ? reads.rejected : [], reads.readAt, totals, signal));
      if (stopped) break;
    }
    if (failure) throw failure.reason;

    reportPoll(
      { metrics: this.o.metrics, log: this.o.log, now: clock.now() },
      {
        stream: HN_ENGAGEMENT_STREAM,
        pages: reads.answered.length,
        fetched: reads.items.length + reads.rejected.length,
        inserted: totals.inserted,
        updated: totals.updated,
        rejected: totals.rejected,
        gap: null,
        interrupted: signal.aborted || stopped,
        newestCreatedAt: null,
      },
      started,
    );
    this.o.log.debug(
      { following: stories.length, updates: updates.items.length, walkFrontier, requested: plan.ids.length, leftOver: plan.leftOver, missing: reads.missing, ancestorsFetched: totals.ancestorsFetched },
      'engagement round',
    );
    if (stopped) return this.o.pollIntervalMs;
    return delayUntilNextRound(plan, clock.now(), this.o.pollIntervalMs);
  }

  /** Requests every id with bounded concurrency; resolves to the first failure, if any. */
  private async readAll(ids: readonly number[], reads: Reads, signal: AbortSignal): Promise<PromiseRejectedResult | undefined> {
    const queue = [...ids];
    const reader = async (): Promise<void> => {
      for (let id = queue.shift(); id !== undefined && !signal.aborted; id = queue.shift()) {
        const payload = await this.o.api.item(id, signal);
        this.take(id, payload, reads);
      }
    };
    const readers = Array.from({ length: Math.max(1, Math.min(this.o.concurrency, ids.length)) }, () => reader());
    const outcomes = await Promise.allSettled(readers);
    return outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  }

  private take(id: number, payload: unknown, reads: Reads): void {
    const readAt = new Date(this.o.clock.now());
    reads.answered.push(id);
    const result = normalizeHnItem(payload, { now: readAt });
    if (isHnAbsent(result)) {
      // a stored story the API no longer shows, or an update of an id still absent: nothing to store
      reads.missing += 1;
      return;
    }
    if (!result.ok) {
      reads.rejected.push({
        source: this.o.source,
        stream: HN_ENGAGEMENT_STREAM,
        itemKind: HN_ITEMS.kind,
        itemId: result.id ?? String(id),
        stage: 'normalize',
        reason: result.reason,
        sqlState: null,
        payload,
      });
      return;
    }
    reads.items.push(result.item);
    reads.readAt.set(result.item.id, readAt);
  }

  /** Resolves comment stories and writes one batch, without a checkpoint; false when the writer gave up at shutdown. */
  private async write(
    read: readonly HnItem[],
    rejected: readonly RejectedItem[],
    readAt: ReadonlyMap<number, Date>,
    totals: { inserted: number; updated: number; rejected: number; ancestorsFetched: number },
    signal: AbortSignal,
  ): Promise<boolean> {
    const { items, fetched } = await this.o.stories.resolve(read, ancestorsFromApi(this.o.api, this.o.clock, signal), { concurrency: this.o.concurrency });
    totals.ancestorsFetched += fetched;
    const fallback = new Date(this.o.clock.now());
    const result = await this.o.writer.write(
      { items, observedAt: (item) => readAt.get(item.id) ?? fallback, rejected, stream: HN_ENGAGEMENT_STREAM },
      signal,
    );
    if (result === null) return false;
    totals.inserted += result.inserted;
    totals.updated += result.updated;
    totals.rejected += rejected.length + result.rejected.length;
    reportRejected(this.o.log, this.o.metrics, HN_ENGAGEMENT_STREAM, [...rejected, ...result.rejected]);
    return true;
  }
}
