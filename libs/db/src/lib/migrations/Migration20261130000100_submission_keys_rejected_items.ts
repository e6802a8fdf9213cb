import { Migration } from '@mikro-orm/migrations';

/**
 * Two tables of the write path's guarantees:
 *
 * - `submission_keys`: one row per submission id with the creation time it was first stored under.
 *   `raw_submissions` is a hypertable, so its unique key must contain `created_utc`; on its own it
 *   would keep two rows for one id when a later payload claims another `created_utc`. The write path
 *   registers each id here first (`on conflict (id) do nothing`) and stores every later payload of
 *   that id under the registered time, so the id alone is the item's key (README "The schema").
 *   Existing rows are registered with their earliest time.
 * - `rejected_items`: items the write path could not store (a payload that fails normalisation, or a
 *   row PostgreSQL refuses), one row per item, with the reason, the SQLSTATE and the payload, so that
 *   an operator can see them and a bad item never blocks the items beside it.
 *
 * The writer role (`sentiment.writer_role`, as in the least-privilege migration) gets the rights the
 * write path needs; the reader role gets `select` through the default privileges granted earlier.
 */
export class Migration20261130000100_submission_keys_rejected_items extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "submission_keys" (
  "id" text not null,
  "created_utc" timestamptz not null,
  constraint "submission_keys_pkey" primary key ("id")
);`);
    this.addSql(`insert into "submission_keys" ("id", "created_utc")
select "id", min("created_utc") from "raw_submissions" group by "id";`);
    this.addSql(`create table "rejected_items" (
  "id" bigserial primary key,
  "source" text not null,
  "stream" text null,
  "item_kind" text not null,
  "item_key" text not null,
  "item_id" text null,
  "stage" text not null,
  "reason" text not null,
  "sql_state" text null,
  "payload" text not null,
  "first_seen_at" timestamptz not null default now(),
  "last_seen_at" timestamptz not null default now(),
  "times_seen" int not null default 1
);`);
    this.addSql(
      `create unique index "rejected_items_source_item_kind_item_key_unique" on "rejected_items" ("source", "item_kind", "item_key");`,
    );
    this.addSql(`do $$
declare
  writer text := coalesce(nullif(current_setting('sentiment.writer_role', true), ''), 'sentiment_writer');
begin
  if exists (select 1 from pg_roles where rolname = writer) then
    -- update: the registration's on conflict (id) do update needs it (it only ever rewrites a key to itself)
    execute format('grant select, insert, update on submission_keys to %I', writer);
    execute format('grant select, insert, update on rejected_items to %I', writer);
    execute format('grant usage on sequence rejected_items_id_seq to %I', writer);
  else
    raise notice 'role % does not exist: grants for scrapers skipped (create it, then run the migrator again)', writer;
  end if;
end
$$;`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "rejected_items";');
    this.addSql('drop table if exists "submission_keys";');
  }
}
