import { Migration } from '@mikro-orm/migrations';

/**
 * Enables TimescaleDB. Not reversible: other objects (hypertables, a DBA's own) depend on the
 * extension, and dropping it would drop them too.
 */
export class Migration20261129000100_timescaledb_extension extends Migration {
  override async up(): Promise<void> {
    this.addSql('create extension if not exists timescaledb;');
  }
}
