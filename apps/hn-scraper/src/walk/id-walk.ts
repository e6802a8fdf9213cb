import type { ItemBatch, RejectedItem } from '@sentiment-ingest/db';
import { isHnAbsent, normalizeHnItem, type HnItem, type ScrapeCheckpoint } from '@sentiment-ingest/models';
import type { Log } from '@sentiment-ingest/runtime';
import {
  DenseIdFrontier,
  firstIdAtOrAfter,
  reportPoll,
  reportRejected,
  type BatchWriter,
  type Clock,
  type ScrapeMetrics,
} from '@sentiment-ingest/scraper-kit';
import type { HnApi } from '../api/hn-api';
import type { HnStart } from '../hn-start';
import { afterNull, type PendingNull } from './null-answers';
import { ancestorsFromApi, type HnStoryResolver } from './story-resolver';
import { checkpointOf, HN_WALK_STREAM, liveAbsentIds, positionOf, type AbsentId } from './walk-position';

/** Options of {@link HnIdWalk}. */
export interface HnIdWalkOptions {
  readonly source: string;
  readonly api: HnApi;
  readonly state: { readCheckpoint(source: string, stream: string): Promise<ScrapeCheckpoint | null> };
  /** the kit's DurableWriter over libs/db's ItemWriter (HN_ITEMS) */
  readonly writer: BatchWriter<ItemBatch<HnItem>>;
  readonly stories: HnStoryResolver;
  readonly clock: Clock;
  readonly log: Log;
  readonly metrics: ScrapeMetrics;
  /** where a first run begins */
  readonly start: HnStart;
  /** requests in flight at once */
  readonly concurrency: number;
  /** items per write */
  readonly batchSize: number;
  /** how long a `null` is asked again before the id is recorded absent */
  readonly nullRetryMs: number;
  /** how long an absent id is still asked now and then */
  readonly absentRecheckMs: number;
  /** the wait between rounds once the walk has reached `maxitem` */
  readonly pollIntervalMs: number;
  /** most new ids one round requests: a backfill is walked in rounds, so other tasks get their turn (default 20 batches) */
  readonly idsPerRound?: number;
}

/** What the walk holds in memory between rounds; dropped after a failed round (the next one resumes from the checkpoint). */
interface WalkSession {
  readonly frontier: DenseIdFrontier;
  /** the highest id requested so far */
  cursor: number;
  newestCreatedAt: Date | null;
  /** creation times (ms) of items fetched above the frontier: the evidence that a `null` below them is a hole */
  readonly createdAbove: Map<number, number>;
  readonly pendingNulls: Map<number, PendingNull>;
  absent: AbsentId[];
  /** the checkpoint past maxitem was reported */
  warnedAhead: boolean;
}

/** What one round read and stored. */
interface RoundTotals {
  fetched: number;
  inserted: number;
  updated: number;
  rejected: number;
  absent: number;
  ancestorsFetched: number;
}

/** What is waiting for the next write. */
interface Pending {
  items: HnItem[];
  rejected: RejectedItem[];
  /** ids resolved (stored, quarantined or absent) since the last write */
  resolved: number[];
}

/** How far a `null` id looks up for a later item's creation time. */
const EVIDENCE_SCAN = 64;

/**
 * The Hacker News id walk, a task of the kit's TaskScheduler. Every id from the checkpoint up to
 * `/v0/maxitem.json` is requested with bounded concurrency (the API's rate cap applies to all of
 * them together) and written in batches through the durable writer. Each batch moves the checkpoint
 * in its own transaction to the highest id at or below which every id is stored, quarantined or known
 * absent: ids above it may already be stored, but it never passes one still unanswered, so a restart
 * (even after kill -9) requests again only ids at or above it, and the idempotent upsert stores
 * nothing twice.
 *
 * An id answered `null` is asked again for a bounded time (fresh ids take a moment to appear), then
 * recorded absent in the checkpoint and asked now and then until it expires: a later answer is
 * stored. A first run starts at `HN_START`: an id, or the first id created that long ago, found by a
 * binary search of the id range.
 */
export class HnIdWalk {
  private session: WalkSession | null = null;

  constructor(private readonly o: HnIdWalkOptions) {}

  /** One round; resolves to the delay before the next one (0 while a backfill has ids left). */
  async poll(signal: AbortSignal): Promise<number> {
    try {
      return await this.round(signal);
    } catch (error) {
      // what was written is covered by the checkpoint; the rest is requested again from it
      this.session = null;
      if (error instanceof WalkStoppedError) return this.o.pollIntervalMs;
      throw error;
    }
  }

  private async round(signal: AbortSignal): Promise<number> {
    const { clock, api } = this.o;
    const started = clock.now();
    const maxItem = await api.maxItem(signal);
    const session = this.session ?? (await this.openSession(maxItem, signal));
    this.session = session;
    if (session.frontier.checkpoint > maxItem && !session.warnedAhead) {
      session.warnedAhead = true;
      this.o.log.warn(
        { checkpoint: session.frontier.checkpoint, maxItem },
        'the checkpoint is past the API\'s maxitem: HN_API_BASE_URL is not the API this database was filled from (or that API was reset); nothing is walked until maxitem passes the checkpoint',
      );
    }
    const now = clock.now();
    const recheckEvery = Math.max(10_000, Math.min(10 * 60_000, this.o.nullRetryMs));
    const rechecks = session.absent.filter((a) => a.expiresAt > now && now - a.checkedAt >= recheckEvery).map((a) => a.id);
    const retries = [...session.pendingNulls.values()].filter((p) => p.dueAt <= now).map((p) => p.id);
    const last = Math.min(maxItem, session.cursor + (this.o.idsPerRound ?? 20 * this.o.batchSize));
    const fresh: number[] = [];
    for (let id = session.cursor + 1; id <= last; id += 1) fresh.push(id);
    session.cursor = Math.max(session.cursor, last);

    const totals: RoundTotals = { fetched: 0, inserted: 0, updated: 0, rejected: 0, absent: 0, ancestorsFetched: 0 };
    const pending: Pending = { items: [], rejected: [], resolved: [] };
    let writes: Promise<void> = Promise.resolve();
    // takes what is pending now and queues its write: writes run one at a time, in order
    const flush = (): Promise<void> => {
      const batch: Pending = { items: pending.items.splice(0), rejected: pending.rejected.splice(0), resolved: pending.resolved.splice(0) };
      writes = writes.then(() => this.write(session, batch, totals, signal));
      return writes;
    };
    const recheckSet = new Set(rechecks);
    const work = [...rechecks, ...retries, ...fresh];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < work.length && !signal.aborted) {
        const id = work[next++];
        if (id === undefined) break;
        const payload = await api.item(id, signal);
        this.take(session, pending, totals, id, payload, recheckSet.has(id));
        if (pending.items.length + pending.rejected.length >= this.o.batchSize) {
          // reading goes on while a batch is written; it waits only when the next batch is full before that write is done
          const previous = writes;
          void flush().catch(() => undefined); // a failed write still fails the round: the last flush below rethrows it
          await previous;
        }
      }
    };
    const workers = Array.from({ length: Math.min(this.o.concurrency, Math.max(1, work.length)) }, () => worker());
    const outcome = await Promise.allSettled(workers);
    this.settleHoles(session, pending, totals);
    // write what was read, also when a request failed: the checkpoint only covers what is stored
    await flush();
    const failed = outcome.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed) throw failed.reason;

    reportPoll(
      { metrics: this.o.metrics, log: this.o.log, now: clock.now() },
      {
        stream: HN_WALK_STREAM,
        pages: work.length,
        fetched: totals.fetched,
        inserted: totals.inserted,
        updated: totals.updated,
        rejected: totals.rejected,
        gap: null,
        interrupted: signal.aborted,
        newestCreatedAt: session.newestCreatedAt,
      },
      started,
    );
    this.o.log.debug(
      { checkpoint: session.frontier.checkpoint, maxItem, waiting: session.frontier.waiting, nulls: session.pendingNulls.size, absent: totals.absent, ancestorsFetched: totals.ancestorsFetched },
      'walk position',
    );
    if (session.cursor < maxItem) return 0;
    const nextNull = Math.min(...[...session.pendingNulls.values()].map((p) => p.dueAt));
    return Math.max(0, Math.min(this.o.pollIntervalMs, nextNull - clock.now()));
  }

  /** Reads the checkpoint, or finds where a first run starts. */
  private async openSession(maxItem: number, signal: AbortSignal): Promise<WalkSession> {
    const position = positionOf(await this.o.state.readCheckpoint(this.o.source, HN_WALK_STREAM));
    if (position !== null) {
      this.o.log.info({ checkpoint: position.frontier, maxItem, absent: position.absent.length }, 'walk resumes from its checkpoint');
      return this.newSession(position.frontier, position.newestCreatedAt, [...position.absent]);
    }
    const first = await this.firstId(maxItem, signal);
    this.o.log.info({ firstId: first, maxItem, ids: Math.max(0, maxItem - first + 1) }, 'first run: walk starts');
    return this.newSession(first - 1, null, []);
  }

  private newSession(checkpoint: number, newestCreatedAt: Date | null, absent: AbsentId[]): WalkSession {
    return { frontier: new DenseIdFrontier(checkpoint), cursor: checkpoint, newestCreatedAt, createdAbove: new Map(), pendingNulls: new Map(), absent, warnedAhead: false };
  }

  /** The first id of a first run: `HN_START`'s id, or the first item created that long ago. */
  private async firstId(maxItem: number, signal: AbortSignal): Promise<number> {
    const { start } = this.o;
    if (start.kind === 'id') return Math.min(start.id, maxItem + 1);
    const at = new Date(this.o.clock.now() - start.ms);
    return firstIdAtOrAfter(at, {
      low: 1,
      high: maxItem,
      timeOf: async (id) => {
        const result = normalizeHnItem(await this.o.api.item(id, signal), { now: new Date(this.o.clock.now()) });
        return result.ok && !result.item.deleted ? result.item.createdAt : null;
      },
    });
  }

  /** Takes one answer: an item to write, a payload to quarantine, or a `null`. */
  private take(session: WalkSession, pending: Pending, totals: RoundTotals, id: number, payload: unknown, recheck: boolean): void {
    const now = this.o.clock.now();
    const result = normalizeHnItem(payload, { now: new Date(now) });
    if (isHnAbsent(result)) {
      if (recheck) {
        session.absent = session.absent.map((a) => (a.id === id ? { ...a, checkedAt: now } : a));
        return;
      }
      const verdict = afterNull(id, now, session.pendingNulls.get(id), { retryMs: this.o.nullRetryMs }, { laterIdCreatedAt: this.laterCreatedAt(session, id) });
      if (verdict.kind === 'retry') {
        session.pendingNulls.set(id, verdict.pending);
        return;
      }
      this.recordAbsent(session, pending, totals, id, this.laterCreatedAt(session, id) ?? now, now);
      return;
    }
    session.pendingNulls.delete(id);
    if (recheck) session.absent = session.absent.filter((a) => a.id !== id);
    totals.fetched += 1;
    if (!result.ok) {
      pending.rejected.push({ source: this.o.source, stream: HN_WALK_STREAM, itemKind: 'item', itemId: result.id ?? String(id), stage: 'normalize', reason: result.reason, sqlState: null, payload });
      pending.resolved.push(id);
      return;
    }
    this.o.stories.remember(result.item);
    if (id > session.frontier.checkpoint) session.createdAbove.set(id, result.item.createdAt.getTime());
    pending.items.push(result.item);
    pending.resolved.push(id);
  }

  /**
   * Ids answered `null` before a later id's answer came in (concurrent requests finish in any order):
   * once that later item shows the retry window has passed, they are holes, absent without asking again.
   */
  private settleHoles(session: WalkSession, pending: Pending, totals: RoundTotals): void {
    const now = this.o.clock.now();
    for (const waiting of [...session.pendingNulls.values()]) {
      const laterIdCreatedAt = this.laterCreatedAt(session, waiting.id);
      if (laterIdCreatedAt === null || now - laterIdCreatedAt < this.o.nullRetryMs) continue;
      this.recordAbsent(session, pending, totals, waiting.id, laterIdCreatedAt, now);
    }
  }

  private recordAbsent(session: WalkSession, pending: Pending, totals: RoundTotals, id: number, estimatedCreatedAt: number, now: number): void {
    session.pendingNulls.delete(id);
    if (estimatedCreatedAt + this.o.absentRecheckMs > now) session.absent.push({ id, expiresAt: estimatedCreatedAt + this.o.absentRecheckMs, checkedAt: now });
    totals.absent += 1;
    pending.resolved.push(id);
  }

  /** The creation time of the nearest item above `id` the walk has read, if any. */
  private laterCreatedAt(session: WalkSession, id: number): number | null {
    for (let later = id + 1; later <= id + EVIDENCE_SCAN; later += 1) {
      const created = session.createdAbove.get(later);
      if (created !== undefined) return created;
    }
    return null;
  }

  /** Writes what is pending with the checkpoint it completes, in one transaction. */
  private async write(session: WalkSession, pending: Pending, totals: RoundTotals, signal: AbortSignal): Promise<void> {
    const resolved = pending.resolved.splice(0);
    const rejected = pending.rejected.splice(0);
    const read = pending.items.splice(0);
    if (resolved.length === 0 && read.length === 0 && rejected.length === 0) return;
    const { items, fetched } = await this.o.stories.resolve(read, ancestorsFromApi(this.o.api, this.o.clock, signal), { concurrency: this.o.concurrency });
    totals.ancestorsFetched += fetched;
    const before = session.frontier.checkpoint;
    const frontier = session.frontier.resolveAll(resolved);
    for (const item of items) {
      if (item.id <= frontier && (session.newestCreatedAt === null || item.createdAt > session.newestCreatedAt)) session.newestCreatedAt = item.createdAt;
    }
    // the newest time at or below the frontier may belong to an item of an earlier batch
    for (let id = before + 1; id <= frontier; id += 1) {
      const created = session.createdAbove.get(id);
      if (created !== undefined && (session.newestCreatedAt === null || created > session.newestCreatedAt.getTime())) session.newestCreatedAt = new Date(created);
      session.createdAbove.delete(id);
    }
    session.absent = liveAbsentIds(session.absent, this.o.clock.now());
    const checkpoint = checkpointOf(this.o.source, { frontier, newestCreatedAt: session.newestCreatedAt, absent: session.absent });
    const result = await this.o.writer.write(
      { items, observedAt: new Date(this.o.clock.now()), checkpoints: [checkpoint], rejected, stream: HN_WALK_STREAM },
      signal,
    );
    if (result === null) throw new WalkStoppedError();
    totals.inserted += result.inserted;
    totals.updated += result.updated;
    totals.rejected += rejected.length + result.rejected.length;
    reportRejected(this.o.log, this.o.metrics, HN_WALK_STREAM, [...rejected, ...result.rejected]);
  }
}

/** The writer gave up at shutdown: nothing more is written this round; the checkpoint stays where it was. */
export class WalkStoppedError extends Error {
  constructor() {
    super('the database kept failing at shutdown: the walk stops, and resumes from its checkpoint at the next start');
    this.name = 'WalkStoppedError';
  }
}
