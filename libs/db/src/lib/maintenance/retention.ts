import type { ClientBase } from 'pg';

/** The hypertables whose chunks retention may drop, and the variable that sets each window. */
export const RETAINED_HYPERTABLES = Object.freeze(['raw_submissions', 'submission_metrics'] as const);
export type RetainedHypertable = (typeof RETAINED_HYPERTABLES)[number];

/** What retention did to one hypertable. */
export type RetentionOutcome =
  | { readonly table: string; readonly mode: 'off' }
  | { readonly table: string; readonly mode: 'drop_chunks'; readonly dropped: readonly string[] }
  | { readonly table: string; readonly mode: 'policy'; readonly dropAfterDays: number };

/**
 * Applies a retention window to a hypertable. Community edition: a retention policy run by
 * TimescaleDB's jobs (`add_retention_policy`, replaced when the window changes). OSS edition, which
 * has no jobs: `drop_chunks` now, so `maintain` must run on a schedule. `days` null turns retention off
 * (and removes a policy). Idempotent.
 */
export async function applyRetention(
  client: ClientBase,
  options: { table: RetainedHypertable; days: number | null; license: string | null },
): Promise<RetentionOutcome> {
  const { table, days } = options;
  if (options.license === 'timescale') {
    await client.query(`select remove_retention_policy($1::regclass, if_exists => true)`, [table]);
    if (days === null) return { table, mode: 'off' };
    await client.query(`select add_retention_policy($1::regclass, drop_after => make_interval(days => $2))`, [table, days]);
    return { table, mode: 'policy', dropAfterDays: days };
  }
  if (days === null) return { table, mode: 'off' };
  const { rows } = await client.query<{ chunk: string }>(
    `select drop_chunks($1::regclass, older_than => now() - make_interval(days => $2))::text as chunk`,
    [table, days],
  );
  return { table, mode: 'drop_chunks', dropped: rows.map((r) => r.chunk) };
}

/**
 * Forgets the registered keys (`submission_keys`) of submissions that retention has dropped: keys
 * older than the window whose row is gone. A key whose row is still there (a retention policy that
 * has not run yet) stays. Returns how many keys went.
 */
export async function pruneSubmissionKeys(client: ClientBase, days: number): Promise<number> {
  const { rowCount } = await client.query(
    `delete from submission_keys k
      where k.created_utc < now() - make_interval(days => $1)
        and not exists (select 1 from raw_submissions r where r.id = k.id and r.created_utc = k.created_utc)`,
    [days],
  );
  return rowCount ?? 0;
}
