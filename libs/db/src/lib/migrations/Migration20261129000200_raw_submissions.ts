import { Migration } from '@mikro-orm/migrations';

/** `raw_submissions`: Reddit submissions as a hypertable on `created_utc` with 1-day chunks. */
export class Migration20261129000200_raw_submissions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "raw_submissions" (
  "id" text not null,
  "created_utc" timestamptz not null,
  "subreddit" text not null,
  "subreddit_id" text null,
  "author" text not null,
  "author_fullname" text null,
  "title" text not null,
  "selftext" text not null,
  "url" text null,
  "permalink" text not null,
  "domain" text null,
  "is_self" boolean not null,
  "over_18" boolean not null,
  "spoiler" boolean not null,
  "stickied" boolean not null,
  "locked" boolean not null,
  "link_flair_text" text null,
  "distinguished" text null,
  "score" int not null,
  "num_comments" int not null,
  "upvote_ratio" real null,
  "edited_at" timestamptz null,
  "removed_by_category" text null,
  "first_seen_at" timestamptz not null default now(),
  "updated_at" timestamptz not null default now(),
  "raw" jsonb not null,
  constraint "raw_submissions_pkey" primary key ("id", "created_utc")
);`);
    // A unique key on a hypertable must include the partitioning column (TimescaleDB refuses it
    // otherwise), hence the (id, created_utc) key. The time index is created by name so the entity can
    // declare it.
    this.addSql(`create index "raw_submissions_created_utc_idx" on "raw_submissions" ("created_utc" desc);`);
    this.addSql(
      `select create_hypertable('raw_submissions', by_range('created_utc', interval '1 day'), create_default_indexes => false);`,
    );
    this.addSql(
      `create index "raw_submissions_subreddit_created_utc_idx" on "raw_submissions" ("subreddit", "created_utc" desc);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "raw_submissions";');
  }
}
