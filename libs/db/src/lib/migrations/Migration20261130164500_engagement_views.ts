import { Migration } from '@mikro-orm/migrations';

/**
 * An item's engagement over time, whole, in one view per source: `submission_engagement`,
 * `comment_engagement`, `hn_item_engagement`.
 *
 * From now on the write path stores an observation once: the item row holds the current one (its
 * values at `updated_at`), and the observation table (`*_metrics`) receives an observation only when
 * a change supersedes it. A new item therefore writes no observation row, which is what lets a batch
 * of new items go at the speed of a plain COPY (docs/design-notes.md, "Observations: the row holds
 * the current one"). Each view is the observation table plus the row's current observation; rows
 * written before this migration already repeat the current one in the observation table, so the
 * row's is added only when no observation at that time exists (a probe of the table's primary key).
 * Items without engagement are left out as the write path leaves them out (`skipWhenAllNull`).
 *
 * The reader role may select from the views.
 */
export class Migration20261130164500_engagement_views extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create view "submission_engagement" as
select m."submission_id", m."observed_at", m."submission_created_utc", m."subreddit", m."score", m."num_comments", m."upvote_ratio"
  from "submission_metrics" m
union all
select t."id", t."updated_at", t."created_utc", t."subreddit", t."score", t."num_comments", t."upvote_ratio"
  from "raw_submissions" t
 where not exists (select 1 from "submission_metrics" m where m."submission_id" = t."id" and m."observed_at" = t."updated_at");`);
    this.addSql(`create view "comment_engagement" as
select m."comment_id", m."observed_at", m."comment_created_utc", m."subreddit", m."score"
  from "comment_metrics" m
union all
select t."id", t."updated_at", t."created_utc", t."subreddit", t."score"
  from "raw_comments" t
 where t."score" is not null
   and not exists (select 1 from "comment_metrics" m where m."comment_id" = t."id" and m."observed_at" = t."updated_at");`);
    this.addSql(`create view "hn_item_engagement" as
select m."item_id", m."observed_at", m."item_created_at", m."score", m."descendants"
  from "hn_item_metrics" m
union all
select t."id", t."updated_at", t."created_at", t."score", t."descendants"
  from "hn_items" t
 where not (t."score" is null and t."descendants" is null)
   and not exists (select 1 from "hn_item_metrics" m where m."item_id" = t."id" and m."observed_at" = t."updated_at");`);
    this.addSql(`do $$
declare
  reader text := coalesce(nullif(current_setting('sentiment.reader_role', true), ''), 'sentiment_reader');
begin
  if exists (select 1 from pg_roles where rolname = reader) then
    execute format('grant select on submission_engagement, comment_engagement, hn_item_engagement to %I', reader);
  else
    raise notice 'role % does not exist: grants for analysts skipped', reader;
  end if;
end
$$;`);
  }

  override async down(): Promise<void> {
    this.addSql('drop view if exists "hn_item_engagement";');
    this.addSql('drop view if exists "comment_engagement";');
    this.addSql('drop view if exists "submission_engagement";');
  }
}
