import { Migration } from '@mikro-orm/migrations';

/**
 * Hacker News's tables (issue 9, "What is stored"), and its rows in the shared read model:
 *
 * - `hn_items`: one row per item (story, comment, job, poll, pollopt), a hypertable on `created_at`
 *   with 1-day chunks, keyed `(id, created_at)` as `raw_submissions` is. Nullable where the API may
 *   say nothing (`type` of a deleted item, `author`, `title`, `body`, `url`, `score`, `descendants`,
 *   the parent and root story ids); `dead` and `deleted` default to false. `first_seen_at` and
 *   `updated_at` as in `raw_submissions`.
 * - `hn_item_keys`: one row per id with the creation time it was first stored under, as
 *   `submission_keys` (the write path stores every later payload of the id under that time).
 * - `hn_item_metrics`: score and comment count over time, a hypertable on `observed_at` with 1-day
 *   chunks, as `submission_metrics`.
 * - `text_items` gets a second branch (the way the text_items migration says): source `hn`, kind
 *   `comment` for comments and `post` for every other type; `community` null (Hacker News has one
 *   community, and a reader grouping by community should not mistake it for a subreddit); `body`
 *   '' when the item has none, like a Reddit link post; `parent_id` the parent's id as text (a
 *   comment's parent comment or story, a poll option's null); `deleted` the API's deleted flag (the
 *   write path then stored it redacted). A dead item (killed by flags or moderators) keeps its text
 *   and is not deleted: it is in the view with `deleted` false, as Reddit's text is until removed.
 *   Its `id` is the item id as text, so its cursor index holds `id::text`, the order the view's
 *   cursor compares in.
 *
 * Grants as in the submission_keys migration: the writer role may select, insert and update the
 * item and key tables and insert into the observations (select for their `on conflict`); the reader
 * role selects all three.
 */
/** The Reddit branch of `text_items`, as the text_items migration created it: kept by `up`, all that `down` restores. */
export const REDDIT_TEXT_ITEMS = `select 'reddit'::text as "source",
       'post'::text as "kind",
       s."id",
       s."created_utc" as "created_at",
       s."subreddit" as "community",
       s."author",
       s."title",
       s."selftext" as "body",
       s."url",
       s."score",
       null::text as "parent_id",
       s."first_seen_at",
       s."updated_at",
       (s."removed_by_category" is not null
        or s."selftext" in ('[deleted]', '[removed]')
        or coalesce((s."raw" ->> 'redacted')::boolean, false)) as "deleted"
  from "raw_submissions" s`;

/** The Hacker News branch of `text_items` this migration adds. */
export const HN_TEXT_ITEMS = `select 'hn'::text as "source",
       (case when h."type" = 'comment' then 'comment' else 'post' end)::text as "kind",
       h."id"::text,
       h."created_at",
       null::text as "community",
       h."author",
       h."title",
       coalesce(h."body", '') as "body",
       h."url",
       h."score",
       h."parent_id"::text as "parent_id",
       h."first_seen_at",
       h."updated_at",
       h."deleted"
  from "hn_items" h`;

export class Migration20261130082044_hn_items extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "hn_items" (
  "id" bigint not null,
  "created_at" timestamptz not null,
  "type" text null,
  "author" text null,
  "parent_id" bigint null,
  "story_id" bigint null,
  "title" text null,
  "body" text null,
  "url" text null,
  "score" int null,
  "descendants" int null,
  "dead" boolean not null default false,
  "deleted" boolean not null default false,
  "first_seen_at" timestamptz not null default now(),
  "updated_at" timestamptz not null default now(),
  "raw" jsonb not null,
  constraint "hn_items_pkey" primary key ("id", "created_at")
);`);
    this.addSql(`create index "hn_items_created_at_idx" on "hn_items" ("created_at" desc);`);
    this.addSql(`select create_hypertable('hn_items', by_range('created_at', interval '1 day'), create_default_indexes => false);`);
    this.addSql(`create index "hn_items_text_items_cursor_idx" on "hn_items" ("first_seen_at", ('hn'::text), (("id")::text));`);
    this.addSql(`create table "hn_item_keys" (
  "id" bigint not null,
  "created_at" timestamptz not null,
  constraint "hn_item_keys_pkey" primary key ("id")
);`);
    this.addSql(`create table "hn_item_metrics" (
  "item_id" bigint not null,
  "observed_at" timestamptz not null,
  "item_created_at" timestamptz not null,
  "score" int null,
  "descendants" int null,
  constraint "hn_item_metrics_pkey" primary key ("item_id", "observed_at")
);`);
    this.addSql(`create index "hn_item_metrics_observed_at_idx" on "hn_item_metrics" ("observed_at" desc);`);
    this.addSql(
      `select create_hypertable('hn_item_metrics', by_range('observed_at', interval '1 day'), create_default_indexes => false);`,
    );
    this.addSql(`create or replace view "text_items" as
${REDDIT_TEXT_ITEMS}
union all
${HN_TEXT_ITEMS};`);
    this.addSql(`do $$
declare
  writer text := coalesce(nullif(current_setting('sentiment.writer_role', true), ''), 'sentiment_writer');
  reader text := coalesce(nullif(current_setting('sentiment.reader_role', true), ''), 'sentiment_reader');
begin
  if exists (select 1 from pg_roles where rolname = writer) then
    -- update: the upsert rewrites changed rows, and the key registration's on conflict (id) do update
    execute format('grant select, insert, update on hn_items to %I', writer);
    execute format('grant select, insert, update on hn_item_keys to %I', writer);
    -- append-only: on conflict do nothing needs select, never update
    execute format('grant select, insert on hn_item_metrics to %I', writer);
  else
    raise notice 'role % does not exist: grants for scrapers skipped (create it, then run the migrator again)', writer;
  end if;
  if exists (select 1 from pg_roles where rolname = reader) then
    execute format('grant select on hn_items, hn_item_keys, hn_item_metrics, text_items to %I', reader);
  else
    raise notice 'role % does not exist: grants for analysts skipped', reader;
  end if;
end
$$;`);
  }

  override async down(): Promise<void> {
    // the view as the text_items migration created it (create or replace cannot drop a branch's
    // columns, but the columns are the same: only the hn branch goes)
    this.addSql(`create or replace view "text_items" as
${REDDIT_TEXT_ITEMS};`);
    this.addSql('drop table if exists "hn_item_metrics";');
    this.addSql('drop table if exists "hn_item_keys";');
    this.addSql('drop table if exists "hn_items";');
  }
}
