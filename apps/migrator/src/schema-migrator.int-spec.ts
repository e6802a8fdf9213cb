import { MikroORM } from '@mikro-orm/postgresql';
import { Migration } from '@mikro-orm/migrations';
import {
  createOrmOptions,
  MIGRATIONS,
  MigrationChecksumError,
  SchemaMigrator,
} from '@sentiment-ingest/db';
import { createEmptyTestDatabase, type TestDatabase } from '@sentiment-ingest/db/testing';

const silent = { info: () => undefined, warn: () => undefined };
let database: TestDatabase;

beforeAll(async () => {
  database = await createEmptyTestDatabase();
});

afterAll(async () => {
  await database.drop();
});

async function withMigrator<T>(migrations: typeof MIGRATIONS, fn: (migrator: SchemaMigrator) => Promise<T>): Promise<T> {
  const orm = await MikroORM.init(createOrmOptions(database.config, { applicationName: 'test', migrations }));
  try {
    return await fn(new SchemaMigrator({ orm, db: database.config, lockTimeoutMs: 10_000, log: silent }));
  } finally {
    await orm.close(true);
  }
}

/** The scrape-state migration as someone might "fix" it after it ran: same name, other SQL. */
class EditedScrapeState extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table "scrape_checkpoints" ("source" text primary key);');
  }
}

describe('checksums of applied migrations', () => {
  it('refuses to migrate when an applied migration was edited, naming it, and verify reports it', async () => {
    await withMigrator(MIGRATIONS, (migrator) => migrator.up());
    const tampered = MIGRATIONS.map((m) =>
      m.name === 'Migration20261129000400_scrape_state' ? { name: m.name, class: EditedScrapeState } : m,
    );
    await withMigrator(tampered, async (migrator) => {
      const refused = migrator.up();
      await expect(refused).rejects.toBeInstanceOf(MigrationChecksumError);
      await expect(refused).rejects.toThrow(/Migration20261129000400_scrape_state/);
      const report = await migrator.verify();
      expect(report.ok).toBe(false);
      expect(report.problems.join('\n')).toContain('changed since they ran: Migration20261129000400_scrape_state');
    });
    // the original code is accepted again
    await withMigrator(MIGRATIONS, async (migrator) => expect((await migrator.verify()).ok).toBe(true));
  });
});
