import type { ClientBase } from 'pg';
import { readCommentsBySubreddit, readStreamGaps, type StreamGapStats, type SubredditCommentStats } from './gap-comment-stats';

/** One hypertable as `migrator:stats` reports it. */
export interface HypertableStats {
  readonly table: string;
  readonly timeColumn: string;
  readonly chunks: number;
  /** table, indexes and TOAST of every chunk */
  readonly bytes: number;
  /** from the planner's statistics (ANALYZE/autovacuum); null before the first ANALYZE */
  readonly approximateRows: number | null;
  readonly oldest: Date | null;
  readonly newest: Date | null;
  /** compression: null on the OSS edition, which has none */
  readonly compression: { readonly enabled: boolean; readonly compressedChunks: number } | null;
}

/** One scrape stream and how far behind now its newest stored item is. */
export interface StreamLag {
  readonly source: string;
  readonly stream: string;
  readonly newestCreatedUtc: Date | null;
  readonly updatedAt: Date;
  /** seconds between now and the newest item; null when the stream has stored nothing */
  readonly lagSeconds: number | null;
}

export interface DatabaseStats {
  readonly license: string | null;
  readonly hypertables: readonly HypertableStats[];
  readonly streams: readonly StreamLag[];
  /** gaps recorded, resolved and open, by stream */
  readonly gaps: readonly StreamGapStats[];
  /** comments created in the last {@link COMMENTS_WINDOW_HOURS} hours by subreddit; null when not read (or no raw_comments yet) */
  readonly comments: readonly SubredditCommentStats[] | null;
}

/** The window of the comment counts of `migrator stats`. */
export const COMMENTS_WINDOW_HOURS = 24;

/** What else to read beside what /metrics reads on every scrape. */
export interface DatabaseStatsOptions {
  /** comments by subreddit over the last day (an index scan of a day of raw_comments: for `migrator stats`, not every scrape) */
  readonly comments?: boolean;
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/** Reads sizes, chunks, rows, time range and compression of every hypertable, each stream's lag and gaps, and on request comments by subreddit. Read-only. */
export async function readDatabaseStats(client: ClientBase, options: DatabaseStatsOptions = {}): Promise<DatabaseStats> {
  const { rows: licenseRows } = await client.query<{ license: string | null }>(
    `select current_setting('timescaledb.license', true) as license`,
  );
  const license = licenseRows[0]?.license || null;
  const { rows: tables } = await client.query<{ schema: string; table: string; column: string; chunks: number; compression_enabled: boolean }>(
    `select h.hypertable_schema as schema, h.hypertable_name as table, d.column_name as column,
            h.num_chunks::int as chunks, h.compression_enabled
       from timescaledb_information.hypertables h
       join timescaledb_information.dimensions d
         on d.hypertable_schema = h.hypertable_schema and d.hypertable_name = h.hypertable_name and d.dimension_number = 1
      where h.hypertable_schema = current_schema()
      order by h.hypertable_name`,
  );
  const hypertables: HypertableStats[] = [];
  for (const t of tables) {
    const relation = `${quote(t.schema)}.${quote(t.table)}`;
    const { rows } = await client.query<{ bytes: string | null; reltuples: string | null; oldest: Date | null; newest: Date | null }>(
      `select hypertable_size($1::regclass)::text as bytes,
              (select sum(greatest(c.reltuples, 0))::bigint::text from pg_inherits i join pg_class c on c.oid = i.inhrelid
                where i.inhparent = $1::regclass and c.reltuples >= 0) as reltuples,
              (select min(${quote(t.column)}) from ${relation}) as oldest,
              (select max(${quote(t.column)}) from ${relation}) as newest`,
      [relation],
    );
    const row = rows[0];
    const compression = license === 'timescale' ? await readCompression(client, relation, t.compression_enabled) : null;
    hypertables.push({
      table: t.table,
      timeColumn: t.column,
      chunks: t.chunks,
      bytes: Number(row?.bytes ?? 0),
      // a compressed chunk's own table is empty: its rows are counted from its compression statistics
      approximateRows: compression?.compressedChunks
        ? await readCompressedApproximateRows(client, relation)
        : row?.reltuples === null || row?.reltuples === undefined
          ? null
          : Number(row.reltuples),
      oldest: row?.oldest ?? null,
      newest: row?.newest ?? null,
      compression,
    });
  }
  return {
    license,
    hypertables,
    streams: await readStreamLags(client),
    gaps: await readStreamGaps(client),
    comments: options.comments ? await readCommentsBySubreddit(client, COMMENTS_WINDOW_HOURS) : null,
  };
}

/** Community edition only: how many chunks are compressed (the function does not exist on OSS). */
async function readCompression(client: ClientBase, relation: string, enabled: boolean) {
  if (!enabled) return { enabled: false, compressedChunks: 0 };
  const { rows } = await client.query<{ n: number }>(
    `select coalesce(sum(number_compressed_chunks), 0)::int as n from hypertable_compression_stats($1::regclass)`,
    [relation],
  );
  return { enabled: true, compressedChunks: rows[0]?.n ?? 0 };
}

/** Rows of a hypertable with compressed chunks: TimescaleDB adds their pre-compression row counts to the planner's estimate. */
async function readCompressedApproximateRows(client: ClientBase, relation: string): Promise<number> {
  const { rows } = await client.query<{ n: string }>(`select approximate_row_count($1::regclass)::text as n`, [relation]);
  return Number(rows[0]?.n ?? 0);
}

async function readStreamLags(client: ClientBase): Promise<StreamLag[]> {
  const { rows: exists } = await client.query<{ present: boolean }>(`select to_regclass('scrape_checkpoints') is not null as present`);
  if (!exists[0]?.present) return [];
  const { rows } = await client.query<{ source: string; stream: string; newest_created_utc: Date | null; updated_at: Date; lag: number | null }>(
    `select source, stream, newest_created_utc, updated_at,
            extract(epoch from now() - newest_created_utc)::float8 as lag
       from scrape_checkpoints order by source, stream`,
  );
  return rows.map((r) => ({ source: r.source, stream: r.stream, newestCreatedUtc: r.newest_created_utc, updatedAt: r.updated_at, lagSeconds: r.lag }));
}
