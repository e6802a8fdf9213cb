/**
 * Where a stored post's bytes go after the simulated day: per table, its heap, TOAST and indexes.
 * Pure formatting; the query that reads the sizes is `STORAGE_BREAKDOWN_SQL`.
 */

/** Bytes on disk of one table (a hypertable's chunks summed), dead row versions included. */
export interface TableBytes {
  readonly table: string;
  readonly heap: number;
  readonly toast: number;
  readonly indexes: number;
}

/**
 * One row per table the posts are stored in: hypertables through `hypertable_detailed_size` (which
 * sums their chunks), the keys table through the plain size functions.
 */
export const STORAGE_BREAKDOWN_SQL = `select 'raw_submissions' as "table", table_bytes::float8 as heap, toast_bytes::float8 as toast, index_bytes::float8 as indexes
  from hypertable_detailed_size('raw_submissions')
union all
select 'submission_metrics', table_bytes::float8, toast_bytes::float8, index_bytes::float8
  from hypertable_detailed_size('submission_metrics')
union all
select 'submission_keys', pg_relation_size('submission_keys')::float8,
       (pg_table_size('submission_keys') - pg_relation_size('submission_keys'))::float8,
       pg_indexes_size('submission_keys')::float8`;

/** Total bytes of every table. */
export function totalBytes(tables: readonly TableBytes[]): number {
  return tables.reduce((sum, t) => sum + t.heap + t.toast + t.indexes, 0);
}

/**
 * A table of bytes per stored post: one line per table (heap, TOAST, indexes, total), then the
 * total. `toast` of a table includes its free-space and visibility maps (pg_table_size's rest).
 */
export function formatStorageBreakdown(tables: readonly TableBytes[], posts: number): string[] {
  const per = (bytes: number) => String(Math.round(bytes / Math.max(1, posts))).padStart(7);
  const lines = [`  ${'bytes per stored post'.padEnd(22)}${'heap'.padStart(7)}${'toast'.padStart(7)}${'indexes'.padStart(8)}${'total'.padStart(7)}`];
  for (const t of tables) lines.push(`  ${t.table.padEnd(22)}${per(t.heap)}${per(t.toast)} ${per(t.indexes)}${per(t.heap + t.toast + t.indexes)}`);
  lines.push(`  ${'all'.padEnd(22)}${' '.repeat(22)}${per(totalBytes(tables))}`);
  return lines;
}

/** Bytes per stored post of each table, for the JSON line: `{ raw_submissions: { heap, toast, indexes, total }, ... }`. */
export function storageBreakdownJson(tables: readonly TableBytes[], posts: number): Record<string, { heap: number; toast: number; indexes: number; total: number }> {
  const per = (bytes: number) => Math.round(bytes / Math.max(1, posts));
  return Object.fromEntries(tables.map((t) => [t.table, { heap: per(t.heap), toast: per(t.toast), indexes: per(t.indexes), total: per(t.heap + t.toast + t.indexes) }]));
}
