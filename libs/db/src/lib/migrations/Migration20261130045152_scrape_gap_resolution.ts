import { Migration } from '@mikro-orm/migrations';

/**
 * How each gap was resolved: `resolution` (what closed it, e.g. `backfilled` or `unrecoverable`) and
 * `recovered_items` (how many items the backfill found), set with `resolved_at` by
 * `ScrapeStateRepository.resolveGap`; both null while the gap is open. Gaps resolved before this
 * migration keep null in both.
 *
 * No grant: the writer role (`sentiment.writer_role`) has table-level `select, update` on scrape_gaps
 * (least-privilege migration), which covers columns added later; the roles test resolves a gap as
 * the writer.
 */
export class Migration20261130045152_scrape_gap_resolution extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "scrape_gaps" add column "resolution" text null, add column "recovered_items" int null;`);
    this.addSql(
      `alter table "scrape_gaps" add constraint "scrape_gaps_recovered_items_check" check ("recovered_items" >= 0);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql('alter table "scrape_gaps" drop column if exists "recovered_items", drop column if exists "resolution";');
  }
}
