/**
 * Reddit's listing paging, as its `IDBuilder` and `Listing` do it (reddit-archive/reddit,
 * r2/models/builder.py and listing.py): a cached list of at most ~1000 names, sliced around an
 * anchor fullname.
 */

/** Reddit's default and maximum page sizes. */
export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 100;

/** Paging parameters of a listing request. */
export interface ListingQuery {
  readonly limit: number;
  readonly after: string | null;
  readonly before: string | null;
  /** items the client says it has seen (`count`); Reddit only fills `before` when it is > 0 */
  readonly count: number;
}

/** One page: items newest first, and the `after`/`before` fullnames Reddit returns. */
export interface ListingPage<T> {
  readonly items: readonly T[];
  readonly after: string | null;
  readonly before: string | null;
}

/** Reads `limit` (clamped to 1..100, default 25), `after`, `before` and `count` like Reddit's validators. */
export function parseListingQuery(params: URLSearchParams): ListingQuery {
  const limit = Number.parseInt(params.get('limit') ?? '', 10);
  const count = Number.parseInt(params.get('count') ?? '', 10);
  return {
    limit: Number.isFinite(limit) ? Math.min(Math.max(limit, 1), MAX_LIMIT) : DEFAULT_LIMIT,
    after: params.get('after') || null,
    before: params.get('before') || null,
    count: Number.isFinite(count) && count > 0 ? count : 0,
  };
}

/**
 * Slices `window` (newest first) like Reddit. `after=X`: the items older than X. `before=X`: the
 * `limit` items just newer than X, still newest first (`before` wins if both are given). An anchor
 * not in the window gives an empty page. `after` is the last item's name when the page is full
 * (so a full last page still points at an empty one); without `count` Reddit leaves `before` null,
 * and after a `before` request `after` too.
 */
export function pageListing<T>(window: readonly T[], nameOf: (item: T) => string, query: ListingQuery): ListingPage<T> {
  if (query.before !== null) return pageBefore(window, nameOf, query, query.before);
  let start = 0;
  if (query.after !== null) {
    const anchor = window.findIndex((item) => nameOf(item) === query.after);
    if (anchor < 0) return { items: [], after: null, before: null };
    start = anchor + 1;
  }
  const items = window.slice(start, start + query.limit);
  const first = items[0];
  const last = items[items.length - 1];
  const haveNext = window.length - start >= query.limit;
  return {
    items,
    after: haveNext && last !== undefined ? nameOf(last) : null,
    before: query.count > 0 && first !== undefined ? nameOf(first) : null,
  };
}

function pageBefore<T>(window: readonly T[], nameOf: (item: T) => string, query: ListingQuery, before: string): ListingPage<T> {
  const anchor = window.findIndex((item) => nameOf(item) === before);
  if (anchor < 0) return { items: [], after: null, before: null };
  const start = Math.max(0, anchor - query.limit);
  const items = window.slice(start, anchor);
  const newest = items[0];
  const oldest = items[items.length - 1];
  const haveNext = anchor >= query.limit;
  const countAfterPage = query.count - items.length;
  return {
    items,
    after: query.count > 0 && oldest !== undefined ? nameOf(oldest) : null,
    before: haveNext && countAfterPage > 1 && newest !== undefined ? nameOf(newest) : null,
  };
}

/** Inserts `item` into `ordered` (oldest first, the reverse of listing order); nearly always an append. */
export function insertOldestFirst<T extends { readonly createdUtc: number; readonly tieKey: number }>(ordered: T[], item: T): void {
  let low = 0;
  let high = ordered.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const other = ordered[middle];
    if (other !== undefined && compareNewestFirst(other, item) > 0) low = middle + 1;
    else high = middle;
  }
  ordered.splice(low, 0, item);
}

/**
 * The order of /new: `created_utc` descending; posts sharing a `created_utc` follow `tieKey`, which
 * is deliberately not the id order (on Reddit, equal `created_utc` may come out of id order).
 */
export function compareNewestFirst(
  a: { readonly createdUtc: number; readonly tieKey: number },
  b: { readonly createdUtc: number; readonly tieKey: number },
): number {
  return b.createdUtc - a.createdUtc || b.tieKey - a.tieKey;
}
