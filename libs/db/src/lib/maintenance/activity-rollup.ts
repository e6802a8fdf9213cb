import type { ClientBase } from 'pg';

/** Name of the rollup's row in `maintenance_watermarks`. */
const WATERMARK = 'subreddit_activity_hourly';

/**
 * Rows written this long before the watermark are looked at again: a batch's `updated_at` is the
 * scraper's observation time, which can trail the commit by the length of its transaction.
 */
const WATERMARK_OVERLAP = "interval '10 minutes'";

/** What one refresh of the OSS rollup did. */
export interface RollupOutcome {
  readonly mode: 'table' | 'continuous aggregate';
  /** hourly buckets recomputed (every bucket on the first run) */
  readonly buckets: number;
  readonly rows: number;
}

/**
 * Keeps the OSS table `subreddit_activity_hourly` equal to
 * `select time_bucket('1 hour', created_utc), subreddit, count(*), avg(score), sum(num_comments)`
 * over `raw_submissions`, recomputing only the hours that changed since the last run: hours holding
 * a row inserted or updated after the watermark (`updated_at`), looked for within `lookbackDays` of
 * creation time so that only recent chunks are scanned. On the community edition the continuous
 * aggregate's policy does this; nothing to do. Runs in one transaction; safe to run concurrently
 * (the watermark row is locked).
 */
export async function refreshActivityRollup(
  client: ClientBase,
  options: { lookbackDays: number; license: string | null },
): Promise<RollupOutcome> {
  if (options.license === 'timescale') return { mode: 'continuous aggregate', buckets: 0, rows: 0 };
  await client.query('begin');
  try {
    await client.query(
      `insert into maintenance_watermarks (name, value) values ($1, '-infinity') on conflict (name) do nothing`,
      [WATERMARK],
    );
    const { rows: marks } = await client.query<{ value: Date | string }>(
      `select value from maintenance_watermarks where name = $1 for update`,
      [WATERMARK],
    );
    const firstRun = marks[0]?.value === '-infinity' || !(marks[0]?.value instanceof Date);
    const { rows: changed } = await client.query<{ bucket: Date; newest: Date | null }>(
      firstRun
        ? `select time_bucket('1 hour', created_utc) as bucket, max(updated_at) as newest from raw_submissions group by 1`
        : `select time_bucket('1 hour', created_utc) as bucket, max(updated_at) as newest from raw_submissions
            where created_utc > now() - make_interval(days => $2)
              and updated_at > (select value from maintenance_watermarks where name = $1) - ${WATERMARK_OVERLAP}
            group by 1`,
      firstRun ? [] : [WATERMARK, options.lookbackDays],
    );
    let rows = 0;
    if (changed.length > 0) {
      const buckets = changed.map((c) => c.bucket);
      await client.query(`delete from subreddit_activity_hourly where bucket = any($1::timestamptz[])`, [buckets]);
      const inserted = await client.query(
        `insert into subreddit_activity_hourly (bucket, subreddit, posts, mean_score, comments)
         select time_bucket('1 hour', r.created_utc) as bucket, r.subreddit, count(*)::int, avg(r.score)::float8, sum(r.num_comments)::bigint
           from raw_submissions r
           join unnest($1::timestamptz[]) as b(bucket) on r.created_utc >= b.bucket and r.created_utc < b.bucket + interval '1 hour'
          group by 1, 2`,
        [buckets],
      );
      rows = inserted.rowCount ?? 0;
      const newest = changed.reduce<Date | null>((max, c) => (c.newest && (!max || c.newest > max) ? c.newest : max), null);
      if (newest) {
        await client.query(
          `update maintenance_watermarks set value = greatest(value, $2), updated_at = now() where name = $1`,
          [WATERMARK, newest],
        );
      }
    }
    await client.query('commit');
    return { mode: 'table', buckets: changed.length, rows };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
}
