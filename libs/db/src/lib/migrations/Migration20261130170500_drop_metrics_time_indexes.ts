import { Migration } from '@mikro-orm/migrations';

/**
 * Drops the `observed_at desc` index of each observation table (`submission_metrics`,
 * `comment_metrics`, `hn_item_metrics`).
 *
 * No query of this project needs it: a series of one item is read by the primary key (item id,
 * observed_at), and so is the engagement views' probe and the write path's `on conflict`; a time
 * range is cut to its 1-day chunks by chunk exclusion, and the dashboard's ranges cover whole
 * chunks or most of one; retention drops chunks and compression orders rows itself. It cost an
 * index entry per observation: about a third of the observation tables' index bytes after a
 * simulated day, and one more index insertion per recorded change (README "Measured").
 * `(subreddit, observed_at desc)` stays for "one subreddit, newest first".
 */
export class Migration20261130170500_drop_metrics_time_indexes extends Migration {
  override async up(): Promise<void> {
    this.addSql('drop index if exists "submission_metrics_observed_at_idx";');
    this.addSql('drop index if exists "comment_metrics_observed_at_idx";');
    this.addSql('drop index if exists "hn_item_metrics_observed_at_idx";');
  }

  override async down(): Promise<void> {
    this.addSql(`create index "submission_metrics_observed_at_idx" on "submission_metrics" ("observed_at" desc);`);
    this.addSql(`create index "comment_metrics_observed_at_idx" on "comment_metrics" ("observed_at" desc);`);
    this.addSql(`create index "hn_item_metrics_observed_at_idx" on "hn_item_metrics" ("observed_at" desc);`);
  }
}
