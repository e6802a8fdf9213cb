import { Migration } from '@mikro-orm/migrations';
import { HN_TEXT_ITEMS, REDDIT_TEXT_ITEMS } from './Migration20261130082044_hn_items';

/**
 * Reddit comments (t1) from the monthly archive dumps and live scraping, and the progress of archive
 * imports (issues 10, 11):
 *
 * - `raw_comments`: one row per comment, a hypertable on `created_utc` with 1-day chunks, keyed
 *   `(id, created_utc)` as `raw_submissions` is. `link_id` is the post's base36 id (no `t3_`),
 *   `parent_id` the parent's fullname as Reddit gives it (`t3_…` or `t1_…`). `score` is nullable:
 *   some dumps do not say, and an unknown score is stored as NULL, never guessed as 0. Indexes:
 *   `(created_utc desc)` (the time index TimescaleDB would add), `(subreddit, created_utc desc)` for
 *   "one subreddit, newest first", `(link_id, created_utc)` for "the comments of one post" (bound
 *   `created_utc` from the post's creation time so that chunks before it are excluded), and the
 *   `text_items` cursor index.
 * - `comment_keys`: one row per id with the creation time it was first stored under, as
 *   `submission_keys`.
 * - `comment_metrics`: a comment's score over time, a hypertable on `observed_at` with 1-day chunks.
 *   The write path adds no row for a comment whose score is unknown (`skipWhenAllNull` on score).
 * - `raw_submissions.score` and `submission_metrics.score` become nullable: archive posts of late
 *   2017 have a null score, stored as NULL rather than 0.
 * - `archive_imports`: one row per archive file an importer reads (its identity `file_key`, chosen by
 *   the importer, e.g. name, size and a hash of the first MiB), with the last committed line, the bytes
 *   read and the counts so far. The importer's write path updates it in the same transaction as the
 *   rows, so a resumed import starts after the last committed line: no gap, no duplicate.
 * - `text_items` gets a third branch: source `reddit`, kind `comment`, `community` the subreddit,
 *   `title` and `url` null, `parent_id` the parent's fullname. Its `id` is the comment's fullname
 *   `t1_<id>`: Reddit's post and comment ids are separate sequences that do meet (a comment of 2011 and
 *   a post of 2024 can share a base36 id), and `(source, id)` is the view's key. `deleted` as for
 *   posts: a removal category, a `[deleted]`/`[removed]` body, or a row the write path redacted. The
 *   cursor index holds the same `'t1_' || id` expression, so the view stays a merge of index scans.
 *
 * Grants as in the hn_items migration; the writer also selects, inserts and updates `archive_imports`.
 */

/** The Reddit comment branch this migration adds. */
const REDDIT_COMMENTS = `select 'reddit'::text as "source",
       'comment'::text as "kind",
       ('t1_'::text || c."id") as "id",
       c."created_utc" as "created_at",
       c."subreddit" as "community",
       c."author",
       null::text as "title",
       c."body",
       null::text as "url",
       c."score",
       c."parent_id",
       c."first_seen_at",
       c."updated_at",
       (c."removed_by_category" is not null
        or c."body" in ('[deleted]', '[removed]')
        or coalesce((c."raw" ->> 'redacted')::boolean, false)) as "deleted"
  from "raw_comments" c`;

export class Migration20261130100500_raw_comments extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "raw_comments" (
  "id" text not null,
  "created_utc" timestamptz not null,
  "subreddit" text not null,
  "subreddit_id" text null,
  "link_id" text not null,
  "parent_id" text not null,
  "author" text not null,
  "author_fullname" text null,
  "body" text not null,
  "score" int null,
  "edited_at" timestamptz null,
  "removed_by_category" text null,
  "distinguished" text null,
  "stickied" boolean not null,
  "first_seen_at" timestamptz not null default now(),
  "updated_at" timestamptz not null default now(),
  "raw" jsonb not null,
  constraint "raw_comments_pkey" primary key ("id", "created_utc")
);`);
    this.addSql(`create index "raw_comments_created_utc_idx" on "raw_comments" ("created_utc" desc);`);
    this.addSql(
      `select create_hypertable('raw_comments', by_range('created_utc', interval '1 day'), create_default_indexes => false);`,
    );
    this.addSql(`create index "raw_comments_subreddit_created_utc_idx" on "raw_comments" ("subreddit", "created_utc" desc);`);
    this.addSql(`create index "raw_comments_link_id_created_utc_idx" on "raw_comments" ("link_id", "created_utc");`);
    this.addSql(
      `create index "raw_comments_text_items_cursor_idx" on "raw_comments" ("first_seen_at", ('reddit'::text), ('t1_'::text || "id"));`,
    );
    this.addSql(`create table "comment_keys" (
  "id" text not null,
  "created_utc" timestamptz not null,
  constraint "comment_keys_pkey" primary key ("id")
);`);
    this.addSql(`create table "comment_metrics" (
  "comment_id" text not null,
  "observed_at" timestamptz not null,
  "comment_created_utc" timestamptz not null,
  "subreddit" text not null,
  "score" int null,
  constraint "comment_metrics_pkey" primary key ("comment_id", "observed_at")
);`);
    this.addSql(`create index "comment_metrics_observed_at_idx" on "comment_metrics" ("observed_at" desc);`);
    this.addSql(
      `select create_hypertable('comment_metrics', by_range('observed_at', interval '1 day'), create_default_indexes => false);`,
    );
    this.addSql(`create index "comment_metrics_subreddit_observed_at_idx" on "comment_metrics" ("subreddit", "observed_at" desc);`);
    this.addSql(`alter table "raw_submissions" alter column "score" drop not null;`);
    this.addSql(`alter table "submission_metrics" alter column "score" drop not null;`);
    this.addSql(`create table "archive_imports" (
  "file_key" text not null,
  "kind" text not null,
  "file_name" text null,
  "file_size" bigint null,
  "last_line" bigint not null default 0,
  "bytes_read" bigint not null default 0,
  "lines" bigint not null default 0,
  "matched" bigint not null default 0,
  "inserted" bigint not null default 0,
  "updated" bigint not null default 0,
  "rejected" bigint not null default 0,
  "started_at" timestamptz not null default now(),
  "updated_at" timestamptz not null default now(),
  "finished_at" timestamptz null,
  constraint "archive_imports_pkey" primary key ("file_key")
);`);
    this.addSql(`create or replace view "text_items" as
${REDDIT_TEXT_ITEMS}
union all
${HN_TEXT_ITEMS}
union all
${REDDIT_COMMENTS};`);
    this.addSql(`do $$
declare
  writer text := coalesce(nullif(current_setting('sentiment.writer_role', true), ''), 'sentiment_writer');
  reader text := coalesce(nullif(current_setting('sentiment.reader_role', true), ''), 'sentiment_reader');
begin
  if exists (select 1 from pg_roles where rolname = writer) then
    -- update: the upsert rewrites changed rows, and the key registration's on conflict (id) do update
    execute format('grant select, insert, update on raw_comments to %I', writer);
    execute format('grant select, insert, update on comment_keys to %I', writer);
    -- append-only: on conflict do nothing needs select, never update
    execute format('grant select, insert on comment_metrics to %I', writer);
    -- an import's progress: inserted once, then moved with each batch
    execute format('grant select, insert, update on archive_imports to %I', writer);
  else
    raise notice 'role % does not exist: grants for scrapers skipped (create it, then run the migrator again)', writer;
  end if;
  if exists (select 1 from pg_roles where rolname = reader) then
    execute format('grant select on raw_comments, comment_keys, comment_metrics, archive_imports, text_items to %I', reader);
  else
    raise notice 'role % does not exist: grants for analysts skipped', reader;
  end if;
end
$$;`);
  }

  override async down(): Promise<void> {
    // the view as the hn_items migration left it (the comment branch goes; the columns are the same)
    this.addSql(`create or replace view "text_items" as
${REDDIT_TEXT_ITEMS}
union all
${HN_TEXT_ITEMS};`);
    this.addSql('drop table if exists "archive_imports";');
    // fails if a null score was stored since: such rows cannot go back to not null
    this.addSql(`alter table "submission_metrics" alter column "score" set not null;`);
    this.addSql(`alter table "raw_submissions" alter column "score" set not null;`);
    this.addSql('drop table if exists "comment_metrics";');
    this.addSql('drop table if exists "comment_keys";');
    this.addSql('drop table if exists "raw_comments";');
  }
}
