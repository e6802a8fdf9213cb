import { Migration } from '@mikro-orm/migrations';

/** `submission_metrics`: engagement observations as a hypertable on `observed_at` (1-day chunks). */
export class Migration20261129000300_submission_metrics extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "submission_metrics" (
  "submission_id" text not null,
  "observed_at" timestamptz not null,
  "submission_created_utc" timestamptz not null,
  "subreddit" text not null,
  "score" int not null,
  "num_comments" int not null,
  "upvote_ratio" real null,
  constraint "submission_metrics_pkey" primary key ("submission_id", "observed_at")
);`);
    this.addSql(`create index "submission_metrics_observed_at_idx" on "submission_metrics" ("observed_at" desc);`);
    this.addSql(
      `select create_hypertable('submission_metrics', by_range('observed_at', interval '1 day'), create_default_indexes => false);`,
    );
    this.addSql(
      `create index "submission_metrics_subreddit_observed_at_idx" on "submission_metrics" ("subreddit", "observed_at" desc);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "submission_metrics";');
  }
}
