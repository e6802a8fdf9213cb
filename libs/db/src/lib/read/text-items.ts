/**
 * Reading the `text_items` view incrementally, as the next pipeline stage (sentiment scoring) does:
 * a keyset cursor on (first_seen_at, source, id), and each poll starting a little before the newest
 * item already read, because a batch that commits late can hold older first_seen_at values (README
 * "Reading new items (for the next stage)"). Pure: this file builds the SQL and keeps the reader's
 * state; the caller runs the queries.
 */

/** How far before the newest first_seen_at read so far each poll starts again: 5 minutes. */
export const TEXT_ITEMS_OVERLAP_MS = 5 * 60_000;

/** The columns of `text_items`, in the view's order: the one shape of every source's text items. */
export const TEXT_ITEM_COLUMNS = [
  'source', 'kind', 'id', 'created_at', 'community', 'author', 'title', 'body', 'url', 'score',
  'parent_id', 'first_seen_at', 'updated_at', 'deleted',
] as const;

/**
 * A place in the cursor order (first_seen_at, source, id). `firstSeenAt` is exact: ISO 8601 in UTC
 * with microseconds, as the page query returns it in `cursor_first_seen_at`. A JavaScript Date keeps
 * milliseconds only; a cursor rounded that way would read again every item of its millisecond, and
 * loop forever on a batch larger than a page whose time has microseconds.
 */
export interface TextItemsPosition {
  readonly firstSeenAt: string;
  readonly source: string;
  readonly id: string;
}

/** Before every item. */
export const TEXT_ITEMS_START: TextItemsPosition = { firstSeenAt: '-infinity', source: '', id: '' };

/** One row of the page query: the view's columns, and first_seen_at exact for the cursor. */
export interface TextItemRow {
  readonly source: string;
  readonly kind: string;
  readonly id: string;
  readonly created_at: Date;
  readonly community: string | null;
  readonly author: string | null;
  readonly title: string | null;
  /** '' when the item has no text (a link post) */
  readonly body: string;
  readonly url: string | null;
  readonly score: number | null;
  readonly parent_id: string | null;
  readonly first_seen_at: Date;
  readonly updated_at: Date;
  readonly deleted: boolean;
  readonly cursor_first_seen_at: string;
}

/** The SQL of one page: `$1`..`$3` the position to start after, `$4` the page size. */
export const TEXT_ITEMS_PAGE_SQL = `select ${TEXT_ITEM_COLUMNS.map((c) => `"${c}"`).join(', ')},
       to_char("first_seen_at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "cursor_first_seen_at"
  from "text_items"
 where ("first_seen_at", "source", "id") > ($1::timestamptz, $2::text, $3::text)
 order by "first_seen_at", "source", "id"
 limit $4`;

/** The page of items after `after`, in cursor order, at most `limit` of them. */
export function textItemsPageQuery(after: TextItemsPosition, limit: number): { text: string; values: [string, string, string, number] } {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`page size must be a positive integer, got ${limit}`);
  return { text: TEXT_ITEMS_PAGE_SQL, values: [after.firstSeenAt, after.source, after.id, limit] };
}

/** The position of a row: the next page starts after it. */
export function positionOf(row: Pick<TextItemRow, 'cursor_first_seen_at' | 'source' | 'id'>): TextItemsPosition {
  return { firstSeenAt: row.cursor_first_seen_at, source: row.source, id: row.id };
}

const keyOf = (row: Pick<TextItemRow, 'source' | 'id'>) => `${row.source}\u0000${row.id}`;

/** Milliseconds since the epoch of an exact position time (its microseconds dropped: earlier, never later). */
const millisOf = (exact: string) => Date.parse(`${exact.slice(0, 23)}Z`);

/** The exact form of a time in milliseconds. */
const exactOf = (millis: number) => `${new Date(millis).toISOString().slice(0, 23)}000Z`;

/**
 * What a reader keeps between polls. A poll starts `overlapMs` before the newest first_seen_at read
 * so far ({@link pollStart}), then pages forward with the keyset cursor until a page comes back
 * short; {@link accept} passes each item once, remembering the items of the overlap window only.
 *
 * After a restart, give `newestFirstSeenAt` back: the first poll then reads the window again and
 * passes its items a second time (store results keyed by source and id, and that is harmless).
 */
export class TextItemsReadState {
  private readonly overlapMs: number;
  private newest: string | null;
  /** items read at or after the start of the next poll, by key, with their exact first_seen_at */
  private readonly recent = new Map<string, string>();

  constructor(options: { overlapMs?: number; newestFirstSeenAt?: string | null } = {}) {
    this.overlapMs = options.overlapMs ?? TEXT_ITEMS_OVERLAP_MS;
    this.newest = options.newestFirstSeenAt ?? null;
  }

  /** The newest first_seen_at read so far (exact), or null before the first item. */
  get newestFirstSeenAt(): string | null {
    return this.newest;
  }

  /** Where the next poll starts: the overlap before the newest item read, or the beginning. */
  pollStart(): TextItemsPosition {
    if (this.newest === null) return TEXT_ITEMS_START;
    return { firstSeenAt: exactOf(millisOf(this.newest) - this.overlapMs), source: '', id: '' };
  }

  /** The rows of a page not passed before, in order; call it with every page, in order. */
  accept<Row extends Pick<TextItemRow, 'cursor_first_seen_at' | 'source' | 'id'>>(rows: readonly Row[]): Row[] {
    const fresh: Row[] = [];
    for (const row of rows) {
      const key = keyOf(row);
      if (!this.recent.has(key)) fresh.push(row);
      this.recent.set(key, row.cursor_first_seen_at);
      // Fixed-width ISO times in UTC: text order is time order.
      if (this.newest === null || row.cursor_first_seen_at > this.newest) this.newest = row.cursor_first_seen_at;
    }
    const windowStart = this.pollStart().firstSeenAt;
    for (const [key, firstSeenAt] of this.recent) if (firstSeenAt < windowStart) this.recent.delete(key);
    return fresh;
  }
}
