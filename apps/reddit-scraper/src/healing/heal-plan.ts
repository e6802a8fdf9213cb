import type { ScrapeCheckpoint } from '@sentiment-ingest/models';
import { compareBase36, LISTING_DEPTH, listingRanOut, type ItemPosition } from '../polling/page-walk';

/**
 * The pure rules of gap healing (the I/O is gap-healer.ts). An open gap of a Reddit stream is worked
 * on in order of cost: each subreddit of its group is re-polled on its own (its own listing reaches
 * back ~1000 items, so a burst in one no longer hides the others); what that cannot reach is walked
 * by post id through /api/info, posts only (post ids come from one site-wide base36 counter; comment
 * ids do not, so a comments gap that a re-poll cannot close is left for the archive importer).
 */

/** Most fullnames /api/info takes in one request (Reddit's limit). */
export const INFO_BATCH = 100;
/** A walk that meets this many chunks in a row with nothing in them has left the range of real ids. */
export const MAX_EMPTY_CHUNKS = 20;
/** `REDDIT_HEAL_BUDGET_PCT`'s default: the share of the rate budget healing may spend. */
export const DEFAULT_HEAL_BUDGET_PCT = 30;
/** `REDDIT_HEAL_MAX_HOURS`' default (6 h of Reddit: about 4,800 requests). */
export const DEFAULT_HEAL_MAX_WALK_MS = 6 * 3_600_000;
/** How often the healer takes its turn. */
export const HEAL_ROUND_MS = 15_000;

/** The scrape_checkpoints stream that holds a gap's healing progress. */
export function healProgressStream(gapId: string): string {
  return `heal:${gapId}`;
}

/** How far healing a gap has come, as kept across restarts (a re-poll is cheap and simply redone). */
export type HealProgress =
  | {
      readonly stage: 'walk';
      /** the next (highest) post id to ask for, walking down; base36 */
      readonly cursor: string;
      /** items of the gap's subreddits in its range before healing began (recovered = now - before) */
      readonly before: number;
      readonly walkedIds: number;
      /** ids Reddit answered nothing for */
      readonly absent: number;
      readonly emptyChunks: number;
    }
  | { readonly stage: 'unhealable'; readonly reason: string };

/** The progress a checkpoint row holds; null when there is none (or it is not one of ours). */
export function progressFromCheckpoint(checkpoint: ScrapeCheckpoint | null): HealProgress | null {
  const state = checkpoint?.state as Record<string, unknown> | undefined;
  if (!state) return null;
  if (state['stage'] === 'unhealable' && typeof state['reason'] === 'string') return { stage: 'unhealable', reason: state['reason'] };
  const numbers = ['before', 'walkedIds', 'absent', 'emptyChunks'].map((k) => state[k]);
  if (state['stage'] === 'walk' && typeof state['cursor'] === 'string' && /^[0-9a-z]+$/.test(state['cursor']) && numbers.every((n) => Number.isSafeInteger(n))) {
    const [before, walkedIds, absent, emptyChunks] = numbers as number[];
    return { stage: 'walk', cursor: state['cursor'], before: before as number, walkedIds: walkedIds as number, absent: absent as number, emptyChunks: emptyChunks as number };
  }
  return null;
}

/**
 * The checkpoint row of a gap's progress. Its time and id stay null: it is not a stream position, so
 * it shows no lag in /metrics or `migrator stats`.
 */
export function progressCheckpoint(source: string, gapId: string, progress: HealProgress): ScrapeCheckpoint {
  return { source, stream: healProgressStream(gapId), newestCreatedUtc: null, newestId: null, state: { ...progress } };
}

/**
 * Where a re-poll's listing ended, for an id walk below it. A listing orders posts by `created_utc`
 * (whole seconds), and posts sharing a second come in no id order, so the posts the listing did not
 * show may have ids above the oldest it did show: a walk must start just below the lowest id of the
 * posts *newer* than the oldest second reached, or, when it saw none newer, at the highest id of
 * that second.
 */
export interface ListingEdge {
  /** the oldest second of creation the listing reached (its start) */
  readonly time: Date;
  /** the lowest id of the posts seen newer than `time` */
  readonly minIdNewer: string | null;
  /** the highest id of the posts seen at `time` */
  readonly maxIdAtTime: string;
  /** the lowest id seen at all */
  readonly minIdSeen: string;
}

/** The edge after more items of the listing, in the order it gave them (newest first). */
export function extendEdge(edge: ListingEdge | null, items: readonly ItemPosition[]): ListingEdge | null {
  let current = edge;
  for (const item of items) {
    // by whole seconds: Reddit's created_utc counts seconds (a fraction, as some payloads carry, stays in its second)
    const second = new Date(Math.floor(item.createdUtc.getTime() / 1000) * 1000);
    if (current === null) {
      current = { time: second, minIdNewer: null, maxIdAtTime: item.id, minIdSeen: item.id };
      continue;
    }
    const t = second.getTime();
    const edgeTime = current.time.getTime();
    const minIdSeen = lowerId(current.minIdSeen, item.id);
    if (t < edgeTime) current = { time: second, minIdNewer: lowerId(current.minIdNewer, current.minIdSeen), maxIdAtTime: item.id, minIdSeen };
    else if (t === edgeTime) current = { ...current, maxIdAtTime: compareBase36(item.id, current.maxIdAtTime) > 0 ? item.id : current.maxIdAtTime, minIdSeen };
    else current = { ...current, minIdNewer: lowerId(current.minIdNewer, item.id), minIdSeen };
  }
  return current;
}

/** The highest post id an id walk below this edge must ask for (see {@link ListingEdge}). */
export function walkFrom(edge: ListingEdge): string {
  const belowNewer = edge.minIdNewer === null ? null : previousBase36(edge.minIdNewer);
  return belowNewer !== null && compareBase36(belowNewer, edge.maxIdAtTime) > 0 ? belowNewer : edge.maxIdAtTime;
}

/** One subreddit's re-poll: where its listing continues, and what it has seen. */
export interface RepollState {
  readonly after: string | null;
  readonly pages: number;
  readonly itemsRead: number;
  /** where the listing read so far ends (where an id walk would start) */
  readonly edge: ListingEdge | null;
  /** no more pages to read */
  readonly done: boolean;
  /** the listing reached back to the gap's start, or ran out by itself: nothing of the gap is hidden */
  readonly reached: boolean;
}

export const REPOLL_START: RepollState = Object.freeze({ after: null, pages: 0, itemsRead: 0, edge: null, done: false, reached: false });

/**
 * The re-poll after one more page of a subreddit's own listing (newest first): done when a page holds
 * an item older than the gap's start (reached), when the listing ran out well before its depth
 * (reached: it held everything, see {@link listingRanOut}), or at its ~1000-item depth or cap (not
 * reached: the rest needs an id walk).
 */
export function afterRepollPage(
  state: RepollState,
  page: {
    /** the items that normalised, in listing order */
    readonly items: readonly ItemPosition[];
    /** how many children the page listed (refused ones included: they count against the listing's depth) */
    readonly listed: number;
    readonly after: string | null;
  },
  gapStart: Date,
): RepollState {
  const itemsRead = state.itemsRead + page.listed;
  const edge = extendEdge(state.edge, page.items);
  const pages = state.pages + 1;
  const next = { after: page.after, pages, itemsRead, edge };
  if (page.items.some((item) => item.createdUtc.getTime() < gapStart.getTime())) return { ...next, done: true, reached: true };
  if (page.after === null) return { ...next, done: true, reached: listingRanOut(null, itemsRead) };
  return { ...next, done: itemsRead >= LISTING_DEPTH, reached: false };
}

/**
 * How far before a gap's start healing also looks. A gap starts at the time of the newest post stored
 * before it, but a post can reach a listing after posts created later than it (a later id with an
 * earlier time: held for approval, or listed late), so the posts created just before that time are
 * not all known to be stored. Storing one again is harmless: the write is idempotent.
 */
export const LATE_LISTING_MS = 2 * 60_000;

/** The time range healing covers for a gap: its own, from {@link LATE_LISTING_MS} earlier. */
export function healRange(gap: { readonly gapStart: Date; readonly gapEnd: Date }): { readonly from: Date; readonly to: Date } {
  return { from: new Date(gap.gapStart.getTime() - LATE_LISTING_MS), to: gap.gapEnd };
}

/** Whether an item belongs in what healing covers: one of the gap's subreddits, created within {@link healRange}. */
export function inGap(item: { readonly subreddit: string; readonly createdUtc: Date }, range: { readonly from: Date; readonly to: Date }, subreddits: ReadonlySet<string>): boolean {
  const t = item.createdUtc.getTime();
  return subreddits.has(item.subreddit.toLowerCase()) && t >= range.from.getTime() && t <= range.to.getTime();
}

/**
 * Where an id walk starts, or why it cannot: at the highest of the walk starts of the subreddits
 * whose re-polls did not reach the gap's start (so none of their posts is skipped; see
 * {@link ListingEdge}), as long as the stretch down to the gap's start is at most `maxWalkMs` (an
 * hour of Reddit is about 800 requests).
 */
export function planWalk(input: {
  readonly notReached: readonly { readonly subreddit: string; readonly edge: ListingEdge | null }[];
  readonly gapStart: Date;
  readonly maxWalkMs: number;
}): { readonly cursor: string } | { readonly unhealable: string } {
  const edges = input.notReached.map((r) => r.edge).filter((e): e is ListingEdge => e !== null);
  if (edges.length === 0) return { unhealable: 'the re-polls saw no post to start an id walk from' };
  const cursor = edges.map(walkFrom).reduce((a, b) => (compareBase36(a, b) >= 0 ? a : b));
  const newestEdge = Math.max(...edges.map((e) => e.time.getTime()));
  const spanMs = newestEdge - input.gapStart.getTime();
  if (spanMs > input.maxWalkMs) {
    const hours = (spanMs / 3_600_000).toFixed(1);
    return {
      unhealable:
        `an id walk would span ${hours} h (${input.gapStart.toISOString()} to ${new Date(newestEdge).toISOString()}), over REDDIT_HEAL_MAX_HOURS=${input.maxWalkMs / 3_600_000}: ` +
        'left for the archive importer',
    };
  }
  return { cursor };
}

/** The next chunk of a walk down from `cursor` (included): up to {@link INFO_BATCH} ids, highest first, and the cursor after it (null below id 0). */
export function walkChunk(cursor: string, size: number = INFO_BATCH): { readonly ids: string[]; readonly next: string | null } {
  const top = /^[0-9a-z]+$/.test(cursor) ? parseInt(cursor, 36) : Number.NaN;
  if (!Number.isSafeInteger(top)) throw new RangeError(`"${cursor}" is not a base36 post id`);
  const ids: string[] = [];
  for (let n = top; n >= 0 && ids.length < size; n--) ids.push(n.toString(36));
  const next = top - ids.length;
  return { ids, next: next >= 0 ? next.toString(36) : null };
}

/**
 * Whether a walk has gone past the gap: this chunk's posts (any subreddit: ids are site-wide) were
 * all created before the gap's start. A chunk with none says nothing (deleted posts, holes).
 */
export function walkPassedGap(chunk: readonly { readonly createdUtc: Date }[], gapStart: Date): boolean {
  return chunk.length > 0 && chunk.every((item) => item.createdUtc.getTime() < gapStart.getTime());
}

/** The requests one healing round may make: `budgetPct` of the per-minute budget, over a round. At least one when healing is on. */
export function healRequestsPerRound(budgetPerMinute: number, budgetPct: number, roundMs: number = HEAL_ROUND_MS): number {
  if (budgetPct <= 0) return 0;
  return Math.max(1, Math.floor((budgetPerMinute * budgetPct * roundMs) / 100 / 60_000));
}

function previousBase36(id: string): string | null {
  const n = parseInt(id, 36);
  return Number.isSafeInteger(n) && n > 0 ? (n - 1).toString(36) : null;
}

function lowerId(a: string | null, b: string): string {
  return a === null || compareBase36(b, a) < 0 ? b : a;
}
