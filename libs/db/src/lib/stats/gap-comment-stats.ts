import type { ClientBase } from 'pg';
import { toDate, type TimestampValue } from '../state/timestamptz';

/** The gaps one scrape stream recorded, as `migrator stats` and the database gauges of /metrics report them. */
export interface StreamGapStats {
  readonly source: string;
  readonly stream: string;
  /** every gap the stream recorded */
  readonly recorded: number;
  /** those resolved since (healed live, backfilled from an archive, or marked unrecoverable) */
  readonly resolved: number;
  /** items the resolutions recovered, summed (`recovered_items`) */
  readonly recovered: number;
  /** those still open */
  readonly open: number;
  /** start of the oldest open gap; null when none is open */
  readonly oldestOpenStart: Date | null;
}

/** Comments stored for one subreddit, created in the last `hours` hours. */
export interface SubredditCommentStats {
  readonly subreddit: string;
  readonly comments: number;
}

/**
 * Gaps by stream, from `scrape_gaps` (a small plain table, the same on both TimescaleDB editions):
 * cheap enough for every Prometheus scrape. Empty before the migration that creates the table. Times
 * as Dates over either pool (MikroORM's returns timestamptz as text).
 */
export async function readStreamGaps(client: ClientBase): Promise<StreamGapStats[]> {
  const { rows: exists } = await client.query<{ present: boolean }>(`select to_regclass('scrape_gaps') is not null as present`);
  if (!exists[0]?.present) return [];
  const { rows } = await client.query<{ source: string; stream: string; recorded: number; resolved: number; recovered: number; open: number; oldest: TimestampValue | null }>(
    `select source, stream, count(*)::int as recorded,
            count(*) filter (where resolved_at is not null)::int as resolved,
            coalesce(sum(recovered_items) filter (where resolved_at is not null), 0)::int as recovered,
            count(*) filter (where resolved_at is null)::int as open,
            min(gap_start) filter (where resolved_at is null) as oldest
       from scrape_gaps group by source, stream order by source, stream`,
  );
  return rows.map((r) => ({ source: r.source, stream: r.stream, recorded: r.recorded, resolved: r.resolved, recovered: r.recovered, open: r.open, oldestOpenStart: r.oldest === null ? null : toDate(r.oldest) }));
}

/**
 * Comments of `raw_comments` created in the last `hours` hours, by subreddit (the hypertable's
 * `(subreddit, created_utc)` index; recent chunks only, so also fast on a compressed history).
 * Null before the migration that creates the table.
 */
export async function readCommentsBySubreddit(client: ClientBase, hours: number): Promise<SubredditCommentStats[] | null> {
  const { rows: exists } = await client.query<{ present: boolean }>(`select to_regclass('raw_comments') is not null as present`);
  if (!exists[0]?.present) return null;
  const { rows } = await client.query<{ subreddit: string; comments: number }>(
    `select subreddit, count(*)::int as comments from raw_comments
      where created_utc >= now() - make_interval(hours => $1::int)
      group by subreddit order by subreddit`,
    [hours],
  );
  return rows;
}
