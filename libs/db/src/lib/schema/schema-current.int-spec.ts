import { Migration } from '@mikro-orm/migrations';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { createEmptyTestDatabase, createMigratedTestDatabase, type TestDatabase } from '../../testing';
import { SchemaNotReadyError } from '../errors';
import { MIGRATIONS } from '../migrations';
import { openOrm } from '../orm/open-orm';
import { assertSchemaCurrent } from './schema-current';

/** A migration a newer build would bring. */
class Migration20991231000000_future extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table "future" ("id" int primary key);');
  }
}

const databases: TestDatabase[] = [];
const orms: MikroORM[] = [];

async function ormOn(database: TestDatabase, migrations = MIGRATIONS): Promise<MikroORM> {
  const orm = await openOrm(database.config, { applicationName: 'schema-current-test', migrations });
  orms.push(orm);
  return orm;
}

async function database(kind: 'migrated' | 'empty'): Promise<TestDatabase> {
  const created = kind === 'migrated' ? await createMigratedTestDatabase() : await createEmptyTestDatabase();
  databases.push(created);
  return created;
}

async function query(db: TestDatabase, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as Error);

afterAll(async () => {
  for (const orm of orms) await orm.close(true);
  for (const db of databases) await db.drop();
});

describe('assertSchemaCurrent', () => {
  it('lets a scraper start on a database the migrator brought up to date', async () => {
    await expect(assertSchemaCurrent(await ormOn(await database('migrated')))).resolves.toBeUndefined();
  });

  it('names every migration of an empty database, says to run the migrator, and creates nothing', async () => {
    const empty = await database('empty');
    const error = await failure(assertSchemaCurrent(await ormOn(empty)));
    expect(error).toBeInstanceOf(SchemaNotReadyError);
    expect(error?.message).toContain(`${MIGRATIONS.length} migration(s) not applied yet: ${MIGRATIONS.map((m) => m.name).join(', ')}`);
    expect(error?.message).toContain('Run the migrator first: npx nx run migrator:serve');
    expect(await query(empty, `select table_name from information_schema.tables where table_schema = 'public'`)).toEqual([]);
  });

  it('names the one migration a newer build brings that the database lacks', async () => {
    const future = { name: 'Migration20991231000000_future', class: Migration20991231000000_future };
    const error = await failure(assertSchemaCurrent(await ormOn(await database('migrated'), [...MIGRATIONS, future])));
    expect(error).toBeInstanceOf(SchemaNotReadyError);
    expect(error?.message).toContain('(1 migration(s) not applied yet: Migration20991231000000_future)');
  });

  it('names an applied migration whose SQL changed since it was applied', async () => {
    const edited = await database('migrated');
    const name = MIGRATIONS[3]!.name;
    await query(edited, `update schema_migration_checksums set checksum = 'the SQL it had then' where name = '${name}'`);
    const error = await failure(assertSchemaCurrent(await ormOn(edited)));
    expect(error).toBeInstanceOf(SchemaNotReadyError);
    expect(error?.message).toContain(`(1 applied migration(s) whose SQL changed since: ${name})`);
    expect(error?.message).toContain('it refuses a changed migration and says how to restore it');
  });

  it('lets an older build start on a schema a newer build migrated further', async () => {
    await expect(assertSchemaCurrent(await ormOn(await database('migrated'), MIGRATIONS.slice(0, -1)))).resolves.toBeUndefined();
  });
});
