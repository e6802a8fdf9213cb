import { Migration } from '@mikro-orm/migrations';

/**
 * `absent_items`: how many items a resolution looked for and the source no longer had (deleted, or
 * never there): the live scraper's id walk asks Reddit for every post id of a gap, and the ids it
 * answers nothing for are counted here, beside `recovered_items`. Null when the way of resolving
 * cannot tell (a re-poll, an archive import) and for gaps resolved before this migration.
 *
 * No grant: the writer role has table-level `select, update` on scrape_gaps, which covers new columns.
 */
export class Migration20261130170000_scrape_gap_absent_items extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "scrape_gaps" add column "absent_items" int null;`);
    this.addSql(`alter table "scrape_gaps" add constraint "scrape_gaps_absent_items_check" check ("absent_items" >= 0);`);
  }

  override async down(): Promise<void> {
    this.addSql('alter table "scrape_gaps" drop column if exists "absent_items";');
  }
}
