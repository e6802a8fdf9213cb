import { Migration } from '@mikro-orm/migrations';

/** Scraper state: resumable checkpoints per stream, and the gaps a stream could not see. */
export class Migration20261129000400_scrape_state extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "scrape_checkpoints" (
  "source" text not null,
  "stream" text not null,
  "newest_created_utc" timestamptz null,
  "newest_id" text null,
  "state" jsonb not null default '{}'::jsonb,
  "updated_at" timestamptz not null default now(),
  constraint "scrape_checkpoints_pkey" primary key ("source", "stream")
);`);
    this.addSql(`create table "scrape_gaps" (
  "id" bigserial primary key,
  "source" text not null,
  "stream" text not null,
  "gap_start" timestamptz not null,
  "gap_end" timestamptz not null,
  "reason" text not null,
  "detected_at" timestamptz not null default now(),
  "resolved_at" timestamptz null,
  constraint "scrape_gaps_range_check" check ("gap_start" <= "gap_end")
);`);
    this.addSql(
      `create index "scrape_gaps_open_idx" on "scrape_gaps" ("source", "stream", "gap_start") where "resolved_at" is null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "scrape_gaps";');
    this.addSql('drop table if exists "scrape_checkpoints";');
  }
}
