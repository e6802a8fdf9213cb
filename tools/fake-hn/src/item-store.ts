import { ArrivalTimeline } from './arrival-timeline';
import { ChangeLog } from './change-log';
import { EVENT, EventHeap, type EventType } from './event-heap';
import type { BurstSpec } from './fake-hn.types';
import { DEAD, DELETED, ItemTable, NONE, RowList } from './item-table';
import {
  AUTHOR_POOL,
  authorIndexOf,
  drawKind,
  isHole,
  KIND,
  lagMsOf,
  lifeEventsOf,
  optionCount,
  type Kind,
  type TraitRates,
} from './item-traits';
import { unitOf } from './prng';
import { ThreadPicker } from './thread-picker';

/** Salts of the parent draws (item-traits.ts holds the others). */
const PARENT_SALT = 101;
const PARENT_SALT_2 = 102;

/** What the store needs to know. */
export interface ItemStoreOptions {
  readonly seed: number;
  readonly startAt: number;
  readonly firstId: number;
  readonly itemsPerMinute: number;
  readonly bursts: BurstSpec | false;
  readonly rates: TraitRates;
}

/** When an item's life events happened (ground truth). */
export interface HappenedEvents {
  deletedAtMs: number | null;
  deadAtMs: number | null;
  editedAtMs: number | null;
}

/**
 * Every id generated so far and its state, brought up to the clock on each read: arrivals and
 * seeded life events are applied in time order (events first on a tie), so the state at an instant
 * is the same however the clock got there. The thread tree, live comment counts, deletions, deaths
 * and edits are stored; everything else is a pure function of (seed, id).
 */
export class ItemStore {
  readonly table: ItemTable;
  /** rows of stories, polls and jobs, in id order */
  readonly storyRows = new RowList();
  readonly changes = new ChangeLog();
  private readonly timeline: ArrivalTimeline;
  private readonly events = new EventHeap();
  private readonly threads = new ThreadPicker();
  private readonly authorHeads = new Int32Array(AUTHOR_POOL).fill(NONE);
  private readonly happened = new Map<number, HappenedEvents>();
  private readonly visibleOverrides = new Map<number, number>();
  private syncedTo = -Infinity;
  /** moves on every change of state, so that caches of derived lists know when to recompute */
  version = 0;

  constructor(
    readonly options: ItemStoreOptions,
    /** the fake's clock (never going back) */
    private readonly now: () => number,
  ) {
    const expected = Math.ceil(Math.max(0, now() - options.startAt) / 60_000) * options.itemsPerMinute * 1.2;
    this.table = new ItemTable(Math.min(expected, 4_000_000));
    this.timeline = new ArrivalTimeline(options);
  }

  /** Applies every arrival and event due by now; returns now. Cheap when nothing is due. */
  sync(): number {
    const now = this.now();
    if (now <= this.syncedTo) return now;
    for (;;) {
      const eventAt = this.events.peekTime();
      const arrivalAt = this.timeline.peek();
      if (eventAt <= now && eventAt <= arrivalAt) {
        const event = this.events.pop();
        if (event !== undefined) this.apply(event.row, event.type, event.atMs);
      } else if (arrivalAt <= now) {
        this.create(this.timeline.take());
      } else {
        break;
      }
    }
    this.syncedTo = now;
    return now;
  }

  /** The row of an id, or `NONE` when the id was not generated (yet). */
  rowOf(id: number): number {
    const row = id - this.options.firstId;
    return Number.isInteger(row) && row >= 0 && row < this.table.length ? row : NONE;
  }

  idOf(row: number): number {
    return this.options.firstId + row;
  }

  /** The highest id created so far (the archive's last id before the first arrival). */
  maxId(): number {
    return this.options.firstId + this.table.length - 1;
  }

  /** The creation instant of the newest id; `startAt` before any. */
  lastCreatedMs(): number {
    return this.table.length === 0 ? this.options.startAt : (this.table.createdMs[this.table.length - 1] ?? this.options.startAt);
  }

  kindOf(row: number): Kind {
    return (this.table.kind[row] ?? KIND.hole) as Kind;
  }

  /** When the API starts answering the row's item. */
  visibleAtMs(row: number): number {
    const override = this.visibleOverrides.get(row);
    if (override !== undefined) return override;
    return (this.table.createdMs[row] ?? 0) + lagMsOf(this.options.seed, this.idOf(row), this.options.rates);
  }

  /** Holds the row's item back (`null`) until `atMs`, or shows it from then on. */
  setVisibleAt(row: number, atMs: number): void {
    this.visibleOverrides.set(row, atMs);
    this.version++;
  }

  /** The author's index; a pollopt's author is its poll's. */
  authorOf(row: number): number {
    const owner = this.kindOf(row) === KIND.pollopt ? (this.table.parent[row] ?? row) : row;
    return authorIndexOf(this.options.seed, this.idOf(owner));
  }

  /** The rows of an author's items, newest first. */
  rowsOfAuthor(author: number): number[] {
    const rows: number[] = [];
    for (let row = this.authorHeads[author] ?? NONE; row !== NONE; row = this.table.nextByAuthor[row] ?? NONE) rows.push(row);
    return rows;
  }

  /** When the row's life events happened, if any did. */
  happenedTo(row: number): HappenedEvents | undefined {
    return this.happened.get(row);
  }

  /** Schedules `count` new ids spread evenly over (`fromMs`, `toMs`]. */
  addBurst(count: number, fromMs: number, toMs: number): void {
    this.timeline.addBurst(count, fromMs, toMs);
    // arrivals may now be due at an instant already synced
    this.syncedTo = -Infinity;
  }

  /** Deletes, kills or edits a row at `atMs` (now), as if it were a seeded event. */
  applyNow(row: number, type: EventType, atMs: number): void {
    this.apply(row, type, atMs);
  }

  private create(atMs: number): void {
    this.version++;
    const { seed, rates } = this.options;
    const row = this.table.append(atMs, KIND.hole);
    const id = this.idOf(row);
    if (isHole(seed, id, rates)) return;
    let kind = drawKind(seed, id);
    let parent = NONE;
    if (kind === KIND.comment) {
      parent = this.threads.pick(unitOf(seed, PARENT_SALT, id), unitOf(seed, PARENT_SALT_2, id), this.isOpen, this.rootOf);
      // no thread to answer yet: the comment becomes a story
      if (parent === NONE) kind = KIND.story;
    }
    this.place(row, kind, atMs);
    if (kind === KIND.comment) {
      const table = this.table;
      const root = table.root[parent] ?? NONE;
      table.linkKid(parent, row);
      table.root[row] = root;
      table.descendants[root] = (table.descendants[root] ?? 0) + 1;
      this.threads.addComment(row);
      this.changes.record(atMs, parent);
      if (root !== parent) this.changes.record(atMs, root);
    } else if (kind === KIND.story || kind === KIND.poll) {
      this.table.root[row] = row;
      this.threads.addStory(row);
    }
    if (kind === KIND.poll) this.createOptions(row, atMs);
    const life = lifeEventsOf(seed, id, kind, rates);
    if (life.deadAfterMs !== null) this.events.push(atMs + life.deadAfterMs, row, EVENT.dead);
    if (life.deleteAfterMs !== null) this.events.push(atMs + life.deleteAfterMs, row, EVENT.delete);
    if (life.editAfterMs !== null) this.events.push(atMs + life.editAfterMs, row, EVENT.edit);
  }

  /** A poll's options take the ids right after it, created with it. */
  private createOptions(pollRow: number, atMs: number): void {
    const count = optionCount(this.options.seed, this.idOf(pollRow));
    this.table.parts[pollRow] = count;
    for (let i = 0; i < count; i++) {
      const row = this.table.append(atMs, KIND.pollopt);
      this.table.parent[row] = pollRow;
      this.place(row, KIND.pollopt, atMs);
      this.table.root[row] = pollRow;
    }
  }

  /** Sets the kind, links the author's list and logs the creation. */
  private place(row: number, kind: Kind, atMs: number): void {
    const table = this.table;
    table.kind[row] = kind;
    if (kind === KIND.story || kind === KIND.poll || kind === KIND.job) this.storyRows.push(row);
    const author = this.authorOf(row);
    table.nextByAuthor[row] = this.authorHeads[author] ?? NONE;
    this.authorHeads[author] = row;
    this.changes.record(atMs, row);
  }

  private apply(row: number, type: EventType, atMs: number): void {
    this.version++;
    const table = this.table;
    const flags = table.flags[row] ?? 0;
    const record = this.happened.get(row) ?? { deletedAtMs: null, deadAtMs: null, editedAtMs: null };
    if (type === EVENT.edit) {
      // a deleted or dead item is no longer edited; the count is a byte
      if (flags !== 0 || (table.edits[row] ?? 0) >= 255) return;
      table.edits[row] = (table.edits[row] ?? 0) + 1;
      record.editedAtMs = atMs;
    } else {
      const bit = type === EVENT.delete ? DELETED : DEAD;
      if ((flags & bit) !== 0) return;
      table.flags[row] = flags | bit;
      if (type === EVENT.delete) record.deletedAtMs = atMs;
      else record.deadAtMs = atMs;
      const root = table.root[row] ?? NONE;
      // a comment stops counting in its story's descendants when it is first deleted or killed
      if (flags === 0 && this.kindOf(row) === KIND.comment && root !== NONE) {
        table.descendants[root] = (table.descendants[root] ?? 0) - 1;
        this.changes.record(atMs, root);
      }
    }
    this.happened.set(row, record);
    this.changes.record(atMs, row);
  }

  /** Whether a row takes replies: a story, poll or comment, neither deleted nor dead. */
  private readonly isOpen = (row: number): boolean => {
    const kind = this.kindOf(row);
    return (this.table.flags[row] ?? 0) === 0 && (kind === KIND.story || kind === KIND.poll || kind === KIND.comment);
  };

  private readonly rootOf = (row: number): number => this.table.root[row] ?? NONE;
}
