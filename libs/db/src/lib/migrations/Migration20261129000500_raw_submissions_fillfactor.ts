import { Migration } from '@mikro-orm/migrations';

/**
 * Leaves 20% of each `raw_submissions` page free, so the frequent engagement updates (score,
 * comments) can be HOT updates: the new row version stays on its page and no index gets a new
 * entry. Chunks created from now on inherit the setting from the hypertable.
 */
export class Migration20261129000500_raw_submissions_fillfactor extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "raw_submissions" set (fillfactor = 80);');
  }

  override async down(): Promise<void> {
    this.addSql('alter table "raw_submissions" reset (fillfactor);');
  }
}
