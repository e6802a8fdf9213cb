import { Migration } from '@mikro-orm/migrations';

/**
 * `text_items`: every stored text item of every source in one shape, so the next pipeline stage
 * (sentiment scoring) reads them all with one query. Columns: `source`, `kind`, `id` (the source's
 * own id), `created_at`, `community`, `author`, `title`, `body`, `url`, `score`, `parent_id`,
 * `first_seen_at`, `updated_at`, `deleted`. Today one branch: Reddit submissions (`reddit`, `post`;
 * `body` is the selftext, '' for a link post; `deleted` as the scraper decides it: Reddit reports a
 * removal category, or the text is Reddit's `[deleted]`/`[removed]` marker, or the write path
 * redacted the post, which leaves `raw.redacted`).
 *
 * Readers page it with a keyset cursor on `(first_seen_at, source, id)` (README "Reading new items
 * (for the next stage)"). The index is `(first_seen_at, <the branch's source literal>, id)`, not
 * `(first_seen_at, id)`: once the view is a `union all`, `source` is a different constant in each
 * branch, and PostgreSQL can only merge the branches in cursor order (reading one page, not every
 * row) when each branch has an index holding that exact constant. Measured with two sources of
 * 100,000 rows in 60 daily chunks each, a page of 1,000 from the start: with `(first_seen_at, id)`
 * PostgreSQL read and sorted all 200,000 rows; with these indexes it read 1,119.
 *
 * Adding a source (a later migration):
 *   1. on its table: `create index "<table>_text_items_cursor_idx" on "<table>" ("first_seen_at",
 *      ('<source>'::text), "<id>")`, declared on its entity like this one;
 *   2. `create or replace view "text_items" as` this select `union all` a select of the new table
 *      giving the same 14 columns, with the same names, types and order (cast literals: `null::text`),
 *      its source as the same `'<source>'::text` literal as in its index. `create or replace` keeps
 *      the grants; PostgreSQL refuses it if a column's name or type differs.
 * A later change of the type of a column this view reads must drop and recreate the view.
 *
 * The reader role gets `select` on the view (the default privileges of the least-privilege
 * migration would give it too, but only when the same user creates it). Role names come from
 * session settings, as in that migration, so this SQL and its checksum are the same everywhere.
 */
export class Migration20261130045106_text_items extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "raw_submissions_text_items_cursor_idx" on "raw_submissions" ("first_seen_at", ('reddit'::text), "id");`);
    this.addSql(`create view "text_items" as
select 'reddit'::text as "source",
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
  from "raw_submissions" s;`);
    this.addSql(`do $$
declare
  reader text := coalesce(nullif(current_setting('sentiment.reader_role', true), ''), 'sentiment_reader');
begin
  if exists (select 1 from pg_roles where rolname = reader) then
    execute format('grant select on text_items to %I', reader);
  else
    raise notice 'role % does not exist: grants for analysts skipped', reader;
  end if;
end
$$;`);
  }

  override async down(): Promise<void> {
    this.addSql('drop view if exists "text_items";');
    this.addSql('drop index if exists "raw_submissions_text_items_cursor_idx";');
  }
}
