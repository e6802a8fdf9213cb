/**
 * SQL of the scrape state every scraper reads and resolves on its own, as pure strings
 * (node-pg-migrate style: tested on the text). Checkpoints and gaps are written with the rows they
 * cover, in the batch's transaction (ingest/batch-sql.ts); these statements run outside a batch.
 */

/** A stream's checkpoint: where it resumes after a restart. */
export const READ_CHECKPOINT_SQL = `select "newest_created_utc", "newest_id", "state"
  from scrape_checkpoints
 where "source" = $1 and "stream" = $2`;

/**
 * A stream's open gaps, oldest first. The predicate and the order are those of the partial index
 * `scrape_gaps_open_idx` ("source", "stream", "gap_start") where "resolved_at" is null.
 */
export const OPEN_GAPS_SQL = `select "id", "gap_start", "gap_end", "reason", "detected_at"
  from scrape_gaps
 where "source" = $1 and "stream" = $2 and "resolved_at" is null
 order by "gap_start", "id"`;

/**
 * Every open gap of a source, whatever its stream, by stream then oldest first: for a job that
 * resolves gaps across streams (an archive import covering many subreddits). Same predicate as the
 * partial index `scrape_gaps_open_idx`, whose leading column is "source".
 */
export const OPEN_GAPS_OF_SOURCE_SQL = `select "id", "stream", "gap_start", "gap_end", "reason", "detected_at"
  from scrape_gaps
 where "source" = $1 and "resolved_at" is null
 order by "stream", "gap_start", "id"`;

/**
 * Resolves one open gap of a stream: when, how, how many items were recovered and (null when
 * unknown) how many were absent at the source. A gap already
 * resolved keeps its first resolution (two backfills racing resolve it once); the row comes back
 * only when this statement resolved it.
 */
export const RESOLVE_GAP_SQL = `update scrape_gaps
   set "resolved_at" = $4, "resolution" = $5, "recovered_items" = $6, "absent_items" = $7
 where "id" = $1 and "source" = $2 and "stream" = $3 and "resolved_at" is null
returning "id"`;

/** A round trip that touches no table, for readiness. */
export const PING_SQL = 'select 1';

/** The columns of a source's item table that {@link recentItemsSql} reads (see ingest/item-table.ts). */
export interface TimedItemTable {
  /** the hypertable, e.g. `raw_submissions` */
  readonly table: string;
  readonly idColumn: string;
  /** the hypertable's time column: when the item was created */
  readonly timeColumn: string;
}

/**
 * Narrows a recent-items read to the rows whose `column` holds one of `anyOf` (e.g. Hacker News
 * `type` in story, poll, job: comments have no engagement to refresh). The values are bound as a
 * parameter (`$2`), never spliced into the SQL.
 */
export interface RecentItemsFilter {
  /** a text column of the item table */
  readonly column: string;
  /** at least one value */
  readonly anyOf: readonly string[];
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * Ids and creation times of a source's items created after `$1`, oldest first, for engagement
 * refreshes; with a filter, only those whose column is one of `$2` (a text array, see
 * {@link recentItemsParams}). The time predicate lets TimescaleDB skip every chunk older than the
 * window.
 */
export function recentItemsSql(items: TimedItemTable, filter?: RecentItemsFilter): string {
  const names = [items.table, items.idColumn, items.timeColumn, ...(filter ? [filter.column] : [])];
  for (const name of names) {
    if (!IDENTIFIER.test(name)) throw new RangeError(`"${name}" is not a lower-case SQL identifier`);
  }
  const narrowed = filter ? ` and "${filter.column}" = any($2::text[])` : '';
  return `select "${items.idColumn}" as "id", "${items.timeColumn}" as "time"
  from ${items.table}
 where "${items.timeColumn}" > $1${narrowed}
 order by "${items.timeColumn}"`;
}

/** The parameters of {@link recentItemsSql}; refuses an empty or non-text filter list. */
export function recentItemsParams(since: Date, filter?: RecentItemsFilter): unknown[] {
  if (!filter) return [since];
  if (filter.anyOf.length === 0 || !filter.anyOf.every((v) => typeof v === 'string')) {
    throw new RangeError(`the filter on "${filter.column}" needs at least one text value`);
  }
  return [since, [...filter.anyOf]];
}

/**
 * How many items of a source's table were created from `$1` to `$2` (both included) whose `column`,
 * lower-cased, is one of `$3` (give the values lower-case; e.g. Reddit's `subreddit`, stored as the
 * dump or the API spelled it). The time predicate keeps TimescaleDB to the chunks of the range. For
 * what a gap recovered: the count after a backfill less the count before it.
 */
export function countItemsSql(items: Pick<TimedItemTable, 'table' | 'timeColumn'>, column: string): string {
  for (const name of [items.table, items.timeColumn, column]) {
    if (!IDENTIFIER.test(name)) throw new RangeError(`"${name}" is not a lower-case SQL identifier`);
  }
  return `select count(*)::int as "count"
  from ${items.table}
 where "${items.timeColumn}" between $1 and $2 and lower("${column}") = any($3::text[])`;
}
