import { Migration } from '@mikro-orm/migrations';

/**
 * Hourly activity per subreddit (posts, mean score, comments), queried the same way on both editions
 * as `subreddit_activity_hourly`. On the community edition it is a continuous aggregate created
 * `WITH NO DATA` (creating it with data cannot run in a transaction) and refreshed by a policy; on the
 * OSS edition, which has no continuous aggregates, it is a table that `migrator maintain` keeps up to
 * date incrementally. The edition is read from `timescaledb.license`
 * (docs/design-notes.md, "TimescaleDB facts").
 */
export class Migration20261129000600_activity_rollup extends Migration {
  override async up(): Promise<void> {
    this.addSql(`do $$
begin
  if current_setting('timescaledb.license', true) = 'timescale' then
    execute $cagg$
      create materialized view subreddit_activity_hourly
      with (timescaledb.continuous) as
      select time_bucket('1 hour', created_utc) as bucket, subreddit,
             count(*)::int as posts, avg(score)::float8 as mean_score, sum(num_comments)::bigint as comments
        from raw_submissions
       group by bucket, subreddit
      with no data
    $cagg$;
    perform add_continuous_aggregate_policy('subreddit_activity_hourly',
      start_offset => interval '7 days', end_offset => interval '1 hour', schedule_interval => interval '15 minutes');
  else
    create table subreddit_activity_hourly (
      bucket timestamptz not null,
      subreddit text not null,
      posts int not null,
      mean_score float8 null,
      comments bigint not null,
      constraint subreddit_activity_hourly_pkey primary key (bucket, subreddit)
    );
  end if;
end
$$;`);
    // Incremental maintenance state of `migrator maintain` (OSS rollup watermark and similar).
    this.addSql(`create table "maintenance_watermarks" (
  "name" text primary key,
  "value" timestamptz not null,
  "updated_at" timestamptz not null default now()
);`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "maintenance_watermarks";');
    this.addSql(`do $$
begin
  if exists (select 1 from timescaledb_information.continuous_aggregates where view_name = 'subreddit_activity_hourly') then
    execute 'drop materialized view subreddit_activity_hourly';
  else
    drop table if exists subreddit_activity_hourly;
  end if;
end
$$;`);
  }
}
