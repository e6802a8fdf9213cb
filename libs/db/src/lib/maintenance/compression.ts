import type { ClientBase } from 'pg';

/** How each hypertable is compressed: rows of one segment are stored together, ordered by time. */
export const COMPRESSION_LAYOUT = Object.freeze({
  raw_submissions: { segmentBy: 'subreddit', orderBy: 'created_utc desc' },
  submission_metrics: { segmentBy: 'submission_id', orderBy: 'observed_at desc' },
} as const);

export type CompressedHypertable = keyof typeof COMPRESSION_LAYOUT;

/** What compression maintenance did to one hypertable. */
export type CompressionOutcome =
  | { readonly table: string; readonly mode: 'unavailable' | 'off' }
  | { readonly table: string; readonly mode: 'policy'; readonly compressAfterDays: number };

/**
 * Community edition only (compression is Timescale-licensed; the OSS edition has none): enables
 * compression with the table's layout, once, and keeps a compression policy that compresses chunks
 * older than `days`. Choose `days` beyond the engagement window (REDDIT_ENGAGEMENT_MAX_AGE_H), since
 * updates to compressed chunks are slow. `days` null removes the policy; compressed chunks stay
 * compressed. Idempotent.
 */
export async function applyCompression(
  client: ClientBase,
  options: { table: CompressedHypertable; days: number | null; license: string | null },
): Promise<CompressionOutcome> {
  const { table, days } = options;
  if (options.license !== 'timescale') return { table, mode: 'unavailable' };
  await client.query(`select remove_compression_policy($1::regclass, if_exists => true)`, [table]);
  if (days === null) return { table, mode: 'off' };
  const { rows } = await client.query<{ enabled: boolean }>(
    `select compression_enabled as enabled from timescaledb_information.hypertables where hypertable_name = $1`,
    [table],
  );
  if (!rows[0]?.enabled) {
    const layout = COMPRESSION_LAYOUT[table];
    // identifiers come from the constant above, never from input
    await client.query(
      `alter table "${table}" set (timescaledb.compress, timescaledb.compress_segmentby = '${layout.segmentBy}', timescaledb.compress_orderby = '${layout.orderBy}')`,
    );
  }
  await client.query(`select add_compression_policy($1::regclass, compress_after => make_interval(days => $2))`, [table, days]);
  return { table, mode: 'policy', compressAfterDays: days };
}
