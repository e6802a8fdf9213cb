import type { ScrapeGap } from '@sentiment-ingest/models';

/** How deep one poll may read: Reddit's listings end around 1000 items (10 pages of 100). */
export const LISTING_DEPTH = 1000;
/**
 * How far short of {@link LISTING_DEPTH} a listing that ends must stop to count as having run out by
 * itself: Reddit caps a listing at ~1000 items before it leaves out removed ones, so a capped listing
 * can end a little short of 1000; one that ends a whole page short held everything there was.
 */
export const LISTING_END_MARGIN = 100;

/** Whether a listing that gave no `after` ran out by itself (it held all there was) rather than at its cap. */
export function listingRanOut(after: string | null, itemsListed: number): boolean {
  return after === null && itemsListed < LISTING_DEPTH - LISTING_END_MARGIN;
}

/** A bound on requests per poll, should pages come smaller than asked (large items, see the client). */
export const MAX_PAGES = 100;

/** What the walk needs of an item: its id and its claimed creation time. */
export interface ItemPosition {
  readonly id: string;
  readonly createdUtc: Date;
}

/** What the stream stored last: the newest submission written under its checkpoint. */
export interface StreamPosition {
  /** `null` when unknown, or untrusted (see {@link trustedPosition}) */
  readonly newestCreatedUtc: Date | null;
  readonly newestId: string | null;
}

/** The next step of a poll after reading one page of `/new` (newest first). */
export type WalkDecision =
  | { readonly kind: 'next'; readonly after: string }
  /** this page reaches what the stream already stored: everything newer has been read */
  | { readonly kind: 'overlap' }
  /**
   * the stream has no checkpoint yet, and the listing (or the page cap) ended; `exhausted` when the
   * listing itself ran out well before its ~1000-item end (it held everything; {@link listingRanOut})
   */
  | { readonly kind: 'first-run-end'; readonly exhausted: boolean }
  /** the listing ended before reaching the checkpoint: the posts in between cannot be seen */
  | { readonly kind: 'listing-end' };

/**
 * Decides whether a poll pages further back. A poll stops at the first page that contains an item
 * at or before the stream's position (the overlap), so a burst of any size up to the listing's end
 * is read whole; duplicates from the overlap are harmless (the upsert is idempotent).
 */
export function decideAfterPage(input: {
  position: StreamPosition;
  page: { readonly items: readonly ItemPosition[]; readonly after: string | null };
  pagesRead: number;
  itemsRead: number;
}): WalkDecision {
  const { position, page } = input;
  const hasPosition = position.newestId !== null || position.newestCreatedUtc !== null;
  if (hasPosition && page.items.some((item) => reaches(item, position))) return { kind: 'overlap' };
  const more = page.after !== null && input.itemsRead < LISTING_DEPTH && input.pagesRead < MAX_PAGES;
  if (more) return { kind: 'next', after: page.after as string };
  if (hasPosition) return { kind: 'listing-end' };
  return { kind: 'first-run-end', exhausted: listingRanOut(page.after, input.itemsRead) };
}

/**
 * Whether an item is at or before the position. By id *and* time: post ids come from one site-wide
 * base36 counter, so an id at or below the checkpoint's is old, whatever time the item claims; and
 * an item claiming an old time is old only if its id agrees. One bad timestamp, on the item or on
 * the checkpoint, therefore cannot end a walk early and hide a burst.
 */
function reaches(item: ItemPosition, position: StreamPosition): boolean {
  if (position.newestId !== null && item.id === position.newestId) return true;
  const oldId = position.newestId === null || compareBase36(item.id, position.newestId) <= 0;
  const oldTime = position.newestCreatedUtc === null || item.createdUtc.getTime() <= position.newestCreatedUtc.getTime();
  return oldId && oldTime;
}

/**
 * The newer of the position and the items: the highest id (ids grow with time site-wide, so a
 * payload's claimed time cannot move a checkpoint past what really came later).
 */
export function advancePosition(position: StreamPosition, items: readonly ItemPosition[]): StreamPosition {
  let best = position;
  for (const item of items) {
    if (best.newestId === null || compareBase36(item.id, best.newestId) > 0) best = { newestCreatedUtc: item.createdUtc, newestId: item.id };
  }
  return best;
}

/**
 * The stored position with its time dropped when that time is after `latestTrusted` (a checkpoint
 * moved into the future by a bad payload before items were checked): the id alone then decides.
 */
export function trustedPosition(position: StreamPosition, latestTrusted: Date): { position: StreamPosition; distrusted: boolean } {
  const time = position.newestCreatedUtc;
  if (time === null || time.getTime() <= latestTrusted.getTime()) return { position, distrusted: false };
  return { position: { newestCreatedUtc: null, newestId: position.newestId }, distrusted: true };
}

/** Orders base36 ids numerically (a longer id is a later one). */
export function compareBase36(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The period a poll could not see when the listing ended before its checkpoint: from the stored
 * position to the oldest item this poll did read.
 */
export function gapFor(input: {
  source: string;
  stream: string;
  position: StreamPosition;
  items: readonly ItemPosition[];
  /** what the listing holds (default `submissions`) */
  itemsName?: 'submissions' | 'comments';
}): ScrapeGap | null {
  const from = input.position.newestCreatedUtc;
  if (from === null || input.items.length === 0) return null;
  const oldest = Math.min(...input.items.map((s) => s.createdUtc.getTime()));
  if (oldest <= from.getTime()) return null;
  return {
    source: input.source,
    stream: input.stream,
    gapStart: from,
    gapEnd: new Date(oldest),
    reason: `listing ended after ${input.items.length} ${input.itemsName ?? 'submissions'} without reaching the checkpoint; older ${input.itemsName === 'comments' ? 'comments' : 'posts'} are past Reddit's ~1000-item listing end`,
  };
}

/**
 * The history a first run could not see (`REDDIT_HISTORY_SINCE`): from `since` to the oldest item the
 * listing held, when the listing ended at its ~1000-item depth before reaching back that far. A
 * listing that ran out by itself held all there was: no gap then.
 */
export function historyGapFor(input: {
  source: string;
  stream: string;
  since: Date;
  items: readonly ItemPosition[];
  exhausted: boolean;
  itemsName: 'submissions' | 'comments';
}): ScrapeGap | null {
  if (input.exhausted || input.items.length === 0) return null;
  const oldest = Math.min(...input.items.map((s) => s.createdUtc.getTime()));
  if (oldest <= input.since.getTime()) return null;
  return {
    source: input.source,
    stream: input.stream,
    gapStart: input.since,
    gapEnd: new Date(oldest),
    reason: `first run: the ${input.itemsName} since ${input.since.toISOString()} (REDDIT_HISTORY_SINCE) older than the ${input.items.length} the listing held are past Reddit's ~1000-item listing end`,
  };
}
