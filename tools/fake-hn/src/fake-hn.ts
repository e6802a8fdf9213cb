import { FaultInjection, ServerSlot } from '@sentiment-ingest/fake-http';
import type { ApiRequest, ApiResponsePlan } from './api-responses';
import type { ArchiveOptions } from './archive';
import { FakeHackerNewsConfigError } from './errors';
import { resolveOptions, type ResolvedOptions } from './fake-hn-options';
import { FakeHackerNewsServer } from './fake-hn-server';
import type { FakeHackerNewsAddress, FakeHackerNewsOptions, FakeHackerNewsStats, FakeHnItem } from './fake-hn.types';
import type { FaultQueue, FaultSpec } from './faults';
import { HnApi } from './hn-api';
import { EVENT, type EventType } from './event-heap';
import { archiveFacts, generatedFacts } from './item-facts';
import { ItemStore } from './item-store';
import { DEAD, DELETED, NONE } from './item-table';
import { KIND } from './item-traits';
import { toFakeItem } from './item-view';
import { Lists } from './lists';

/**
 * A fake Hacker News API that knows the ground truth: it creates items deterministically from a
 * seed as its clock moves (dense ids growing with time, bursts, comment trees, holes, null lag,
 * deletions, dead items, edits, growing scores), serves them over HTTP in the API's shapes,
 * injects faults, and tells what really exists.
 */
export class FakeHackerNews extends FaultInjection<FaultSpec> {
  private readonly options: ResolvedOptions;
  private readonly store: ItemStore;
  private readonly lists: Lists;
  private readonly api: HnApi;
  private readonly archive: ArchiveOptions | false;
  private readonly logRequest: FakeHackerNewsOptions['log'];
  private readonly server = new ServerSlot('FakeHackerNews');
  private offsetMs = 0;
  private lastNowMs = -Infinity;

  constructor(options: FakeHackerNewsOptions = {}) {
    super();
    this.options = resolveOptions(options);
    const { seed, startAt, firstId, itemsPerMinute, bursts, rates } = this.options;
    this.store = new ItemStore({ seed, startAt, firstId, itemsPerMinute, bursts, rates }, () => this.now());
    this.lists = new Lists(this.store, { updatesWindowMs: this.options.updatesWindowSeconds * 1000, updatesLimit: this.options.updatesLimit });
    // the archive continues the arrival rate backwards (10k a day when there are no arrivals)
    const gapMs = itemsPerMinute > 0 ? 60_000 / itemsPerMinute : 8_640;
    this.archive = this.options.archive ? { seed, firstId, startAt, gapMs, rates } : false;
    this.api = new HnApi({
      store: this.store,
      lists: this.lists,
      archive: this.archive,
      faultRates: this.options.faultRates,
      retryAfterSeconds: this.options.retryAfterSeconds,
    });
    this.logRequest = options.log;
  }

  /**
   * Listens on `host` (default 127.0.0.1; 0.0.0.0 for other containers to reach it; `port` 0: a free
   * port) and returns the base URL a scraper on this machine gives.
   */
  async start(port = 0, host?: string): Promise<FakeHackerNewsAddress> {
    const origin = await this.server.start(() => new FakeHackerNewsServer({ handle: (request) => this.api.handle(request), log: this.logRequest }), port, host);
    return { baseUrl: `${origin}/v0`, origin };
  }

  /** Stops the server, closing open connections (hanging ones too); safe to call twice. */
  async stop(): Promise<void> {
    await this.server.stop();
  }

  /** Handles one request in process, without HTTP (what the server calls for each request). */
  handle(request: ApiRequest): ApiResponsePlan {
    return this.api.handle(request);
  }

  /** The fake's time (ms): its clock plus what {@link advance} added; it never goes back. */
  now(): number {
    this.lastNowMs = Math.max(this.lastNowMs, this.options.clock.now() + this.offsetMs);
    return this.lastNowMs;
  }

  /** Moves the fake's time forward by `ms` (with a real clock too): items due by then are created. */
  advance(ms: number): void {
    if (!(Number.isFinite(ms) && ms >= 0)) throw new FakeHackerNewsConfigError([`advance: ms must be a number >= 0, got ${ms}`]);
    this.offsetMs += ms;
  }

  /** The id of the first generated item; ids below it are the archive. */
  get firstId(): number {
    return this.options.firstId;
  }

  /** The highest id created by now, as `/v0/maxitem.json` answers. */
  maxItem(): number {
    this.store.sync();
    return this.store.maxId();
  }

  /** One item by id in its state now; `undefined` for a hole, an id not created (yet) or outside the archive. */
  item(id: number): FakeHnItem | undefined {
    const now = this.store.sync();
    const row = this.store.rowOf(id);
    const facts = row !== NONE ? generatedFacts(this.store, row, now) : this.archive === false ? null : archiveFacts(this.archive, id);
    return facts === null ? undefined : toFakeItem(this.options.seed, facts, now);
  }

  /**
   * Every generated item (holes left out) with an id in [`from`, `to`] (default: all created by
   * now), in id order, each in its state now: the final state a complete scrape must match.
   */
  items(range: { readonly from?: number; readonly to?: number } = {}): FakeHnItem[] {
    const now = this.store.sync();
    const items: FakeHnItem[] = [];
    const first = Math.max(0, (range.from ?? this.firstId) - this.firstId);
    const last = Math.min(this.store.table.length - 1, (range.to ?? Infinity) - this.firstId);
    for (let row = first; row <= last; row++) {
      const facts = generatedFacts(this.store, row, now);
      if (facts !== null) items.push(toFakeItem(this.options.seed, facts, now));
    }
    return items;
  }

  /** Generated ids that never exist (always `null`), ascending. */
  holes(): number[] {
    return this.idsWhere((row) => this.store.kindOf(row) === KIND.hole);
  }

  /** Generated ids deleted by now, ascending. */
  deletedIds(): number[] {
    return this.idsWhere((row) => ((this.store.table.flags[row] ?? 0) & DELETED) !== 0);
  }

  /** Generated ids dead by now, ascending. */
  deadIds(): number[] {
    return this.idsWhere((row) => ((this.store.table.flags[row] ?? 0) & DEAD) !== 0);
  }

  /** Generated ids edited by now, ascending. */
  editedIds(): number[] {
    return this.idsWhere((row) => (this.store.table.edits[row] ?? 0) > 0);
  }

  /** Visible ids whose item changed after `sinceMs` (any number of them, unlike `/v0/updates.json`). */
  changedIds(sinceMs: number): number[] {
    const now = this.store.sync();
    return this.lists.changedIds(now, sinceMs);
  }

  /**
   * Creates `count` new ids spread over the `spreadMs` (default 1000) before `at` (default now;
   * a later instant queues them). They cannot go before the newest id: ids grow with time.
   */
  addBurst(count: number, options: { readonly at?: number; readonly spreadMs?: number } = {}): void {
    const now = this.store.sync();
    const at = options.at ?? now;
    const spreadMs = options.spreadMs ?? 1000;
    const last = this.store.lastCreatedMs();
    const problems: string[] = [];
    if (!Number.isInteger(count) || count < 1 || count > 1_000_000) problems.push(`addBurst: count must be a whole number between 1 and 1000000, got ${count}`);
    if (!(Number.isFinite(spreadMs) && spreadMs >= 0)) problems.push(`addBurst: spreadMs must be a number >= 0, got ${spreadMs}`);
    if (!(Number.isFinite(at) && at >= last)) problems.push(`addBurst: at (${at}) must not be before the newest item (${last}): ids grow with time`);
    if (problems.length > 0) throw new FakeHackerNewsConfigError(problems);
    this.store.addBurst(count, Math.max(last, at - spreadMs), at);
  }

  /** Deletes an item now, as its author would. */
  deleteItem(id: number): void {
    this.applyNow(id, EVENT.delete, 'deleteItem');
  }

  /** Kills an item now (`dead: true`), as flags or a moderator would. */
  killItem(id: number): void {
    this.applyNow(id, EVENT.dead, 'killItem');
  }

  /** Edits an item now: a story's title changes, a comment gets an edit note. */
  editItem(id: number): void {
    this.applyNow(id, EVENT.edit, 'editItem');
  }

  /** Makes the API answer `null` for an item until `atMs` (or shows it from then on). */
  setVisibleAt(id: number, atMs: number): void {
    this.store.setVisibleAt(this.generatedRow(id, 'setVisibleAt'), atMs);
  }

  /** The queue behind `injectFaults`, `pendingFaults` and `clearFaults` (see {@link FaultSpec}). */
  protected faultQueue(): FaultQueue {
    return this.api.faults;
  }

  /** Requests served by endpoint and status, faults by kind. */
  stats(): FakeHackerNewsStats {
    return this.api.stats();
  }

  /** How many times `/v0/item/<id>.json` was requested for a generated id. */
  itemRequests(id: number): number {
    const row = this.store.rowOf(id);
    return row === NONE ? 0 : (this.store.table.requests[row] ?? 0);
  }

  /** Bytes held by the item table (the bulk of the fake's memory). */
  tableBytes(): number {
    return this.store.table.bytes();
  }

  private applyNow(id: number, type: EventType, method: string): void {
    const row = this.generatedRow(id, method);
    if (this.store.kindOf(row) === KIND.hole) throw new FakeHackerNewsConfigError([`${method}: ${id} is a hole, an id that never exists`]);
    this.store.applyNow(row, type, this.now());
  }

  private generatedRow(id: number, method: string): number {
    this.store.sync();
    const row = this.store.rowOf(id);
    if (row === NONE) throw new FakeHackerNewsConfigError([`${method}: no item ${id} has been generated (yet); archive ids are frozen`]);
    return row;
  }

  private idsWhere(test: (row: number) => boolean): number[] {
    this.store.sync();
    const ids: number[] = [];
    for (let row = 0; row < this.store.table.length; row++) if (test(row)) ids.push(this.store.idOf(row));
    return ids;
  }
}
