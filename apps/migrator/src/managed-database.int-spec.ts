import { randomBytes } from 'node:crypto';
import { Migration } from '@mikro-orm/migrations';
import { MikroORM } from '@mikro-orm/postgresql';
import {
  createOrmOptions,
  databaseEnvShape,
  InsufficientPrivilegeError,
  LOCK_SESSION_SETTINGS,
  MIGRATIONS,
  MIGRATOR_SESSION_SETTINGS,
  openDirectConnection,
  openOrm,
  parseEnv,
  SchemaMigrator,
  toDatabaseConfig,
} from '@sentiment-ingest/db';
import { createEmptyTestDatabase, withDatabase, type TestDatabase } from '@sentiment-ingest/db/testing';
import { asAdmin, createLoginRole, createOwnedDatabase, type LoginRole } from './testing/login-role';
import { runMigrator } from './testing/run-migrator';

/**
 * The migrator on a managed TimescaleDB (Timescale Cloud, RDS-like services): its user is not a
 * superuser and has no CREATEROLE, but owns its database, in which an admin created the extension.
 */
const databases: TestDatabase[] = [];
const roles: LoginRole[] = [];
/** group roles an admin created in a test */
const groupRoles: string[] = [];
let adminUrl: string;
let owner: LoginRole;

beforeAll(async () => {
  // the harness hands out databases, not its admin URL: take the server's from one
  const scratch = await createEmptyTestDatabase();
  adminUrl = withDatabase(scratch.url, 'postgres');
  await scratch.drop();
  owner = await createLoginRole(adminUrl);
  roles.push(owner);
});

afterAll(async () => {
  for (const database of databases) await database.drop();
  for (const role of roles) await role.drop();
  await asAdmin(adminUrl, async (admin) => {
    for (const role of groupRoles) await admin.query(`drop role if exists ${role}`);
  });
});

async function ownedDatabase(options: { extension: boolean }): Promise<TestDatabase> {
  const database = await createOwnedDatabase(owner, options);
  databases.push(database);
  return database;
}

const logLines = (stderr: string, msg: string) =>
  stderr.split('\n').filter((l) => l.includes(`"msg":"${msg}"`)).map((l) => JSON.parse(l) as Record<string, unknown>);

const asAdminIn = <T>(database: TestDatabase, sql: string) => asAdmin(database.url, (admin) => admin.query<T & Record<string, unknown>>(sql));

describe('the migrator as a non-superuser database owner', () => {
  it('runs up, status, plan, verify, check, stats, maintain and down once an admin created the extension', async () => {
    const db = await ownedDatabase({ extension: true });
    const env = { DATABASE_URL: owner.urlFor(db.url) };

    const up = await runMigrator(['up'], env);
    expect(up.stderr).toContain('migrations applied');
    expect(up.code).toBe(0);
    // shared_preload_libraries is unreadable without pg_read_all_settings: the log says how the preload was seen
    expect(logLines(up.stderr, 'shared_preload_libraries is not readable by this user (no pg_read_all_settings): TimescaleDB preload inferred from its loader setting')).toEqual([
      expect.objectContaining({ checkedBy: 'timescaledb.disable_load', preloaded: true }),
    ]);
    const { rows: owned } = await asAdminIn<{ owner: string }>(db, `select tableowner as owner from pg_tables where tablename = 'raw_submissions'`);
    expect(owned).toEqual([{ owner: owner.name }]);
    const { rows: grants } = await asAdminIn(db, `select has_table_privilege('sentiment_writer', 'raw_submissions', 'INSERT') as writer`);
    expect(grants).toEqual([{ writer: true }]);

    const status = await runMigrator(['status'], env);
    expect(status.code).toBe(0);
    expect(status.stdout.trim().split('\n')).toHaveLength(MIGRATIONS.length);
    expect(status.stdout).not.toMatch(/^pending/m);
    const plan = await runMigrator(['plan'], env);
    expect([plan.code, plan.stdout]).toEqual([0, '-- no pending migrations\n']);
    const verify = await runMigrator(['verify'], env);
    expect(verify.stdout).not.toContain('PROBLEM');
    expect(verify.code).toBe(0);
    const check = await runMigrator(['check'], env);
    expect([check.code, check.stdout]).toEqual([0, 'no drift: the database matches the entities\n']);

    await asAdmin(owner.urlFor(db.url), (client) =>
      client.query(
        `insert into raw_submissions (id, created_utc, subreddit, author, title, selftext, permalink, is_self, over_18, spoiler, stickied, locked, score, num_comments, raw)
         select 'p' || g, now() - interval '10 days' + g * interval '1 hour', 'news', 'u', 't', '', '/p', true, false, false, false, false, g, 0, '{}'
           from generate_series(0, 239) g`,
      ),
    );
    const stats = await runMigrator(['stats'], env);
    expect(stats.code).toBe(0);
    expect(stats.stdout).toMatch(/raw_submissions\s+created_utc\s+1[01]\s/);
    const maintain = await runMigrator(['maintain'], { ...env, RETENTION_RAW_SUBMISSIONS_DAYS: '3' });
    expect(maintain.code).toBe(0);
    expect((logLines(maintain.stderr, 'retention: chunks dropped')[0]?.['dropped'] as number) > 0).toBe(true);
    expect(logLines(maintain.stderr, 'rollup refreshed')[0]).toMatchObject({ mode: 'table' });

    const down = await runMigrator(['down'], env);
    expect([down.code, down.stdout]).toEqual([0, `reverted ${MIGRATIONS.at(-1)!.name}\n`]);
    expect((await runMigrator(['up'], env)).code).toBe(0);
    expect((await runMigrator(['verify'], env)).code).toBe(0);
  }, 240_000); // eight commands, each a process of its own: about 50 s alone, over 2 minutes under CI load

  it('stops with exit 11 and the CREATE ROLE statements when the group roles are missing and it has no CREATEROLE; nothing is applied', async () => {
    const db = await ownedDatabase({ extension: true });
    const suffix = randomBytes(3).toString('hex');
    const env = { DATABASE_URL: owner.urlFor(db.url), DB_WRITER_ROLE: `si_w_${suffix}`, DB_READER_ROLE: `si_r_${suffix}` };

    const refused = await runMigrator(['up'], env);
    expect(refused.code).toBe(11);
    expect(refused.stderr).toContain(`group role(s) si_w_${suffix}, si_r_${suffix} do not exist and user ${owner.name} has no CREATEROLE`);
    expect(refused.stderr).toContain(`An admin runs: CREATE ROLE si_w_${suffix} NOLOGIN; CREATE ROLE si_r_${suffix} NOLOGIN;`);
    expect((await asAdminIn(db, `select to_regclass('raw_submissions') as t`)).rows).toEqual([{ t: null }]);

    // the admin's step, then the same command succeeds and the scrapers' role has its rights
    groupRoles.push(`si_w_${suffix}`, `si_r_${suffix}`);
    await asAdmin(db.url, async (admin) => {
      await admin.query(`create role si_w_${suffix} nologin`);
      await admin.query(`create role si_r_${suffix} nologin`);
    });
    const applied = await runMigrator(['up'], env);
    expect(applied.code).toBe(0);
    const { rows } = await asAdminIn(db, `select has_table_privilege('si_w_${suffix}', 'raw_submissions', 'INSERT') as writer`);
    expect(rows).toEqual([{ writer: true }]);
  });

  it('stops with exit 11 naming the admin\'s CREATE EXTENSION when its user may not create the extension', async () => {
    // a user that owns nothing: it may create tables in public (granted) but not create extensions
    const guest = await createLoginRole(adminUrl);
    const db = await createEmptyTestDatabase();
    databases.push(db);
    roles.push(guest);
    await asAdmin(db.url, (admin) => admin.query(`grant create on schema public to ${guest.name}`));

    const run = await runMigrator(['up'], { DATABASE_URL: guest.urlFor(db.url) });
    expect(run.code).toBe(11);
    expect(run.stderr).toContain(
      `extension timescaledb is not installed in database ${db.name}, and user ${guest.name} cannot create it (needs CREATE on database ${db.name}`,
    );
    expect(run.stderr).toContain(`An admin runs once, connected to ${db.name}: CREATE EXTENSION IF NOT EXISTS timescaledb;`);
    expect((await asAdminIn(db, `select to_regclass('mikro_orm_migrations') as t`)).rows).toEqual([{ t: null }]);
    await db.drop();
    databases.splice(databases.indexOf(db), 1);
  });

  it('names the migration and the privilege when the server refuses one of its statements, and applies nothing', async () => {
    const db = await ownedDatabase({ extension: true });
    const config = toDatabaseConfig(parseEnv(databaseEnvShape, { DATABASE_URL: owner.urlFor(db.url) }));
    const migrations = [...MIGRATIONS, { name: 'Migration20991231000000_needs_superuser', class: NeedsSuperuser }];
    const orm = await MikroORM.init(createOrmOptions(config, { applicationName: 'test', migrations }));
    try {
      const migrator = new SchemaMigrator({ orm, db: config, lockTimeoutMs: 10_000, log: { info: () => undefined, warn: () => undefined } });
      const refused = migrator.up();
      await expect(refused).rejects.toBeInstanceOf(InsufficientPrivilegeError);
      await expect(refused).rejects.toThrow(
        /Migration Migration20991231000000_needs_superuser needs a privilege the migrator's database user lacks: .*permission denied to create event trigger/,
      );
    } finally {
      await orm.close(true);
    }
    expect((await asAdminIn(db, `select to_regclass('raw_submissions') as t`)).rows).toEqual([{ t: null }]);
  });

  it("sets the migrator's session timeouts, which a non-superuser may set, on its lock session and its ORM connections", async () => {
    const db = await ownedDatabase({ extension: true });
    const config = toDatabaseConfig(parseEnv(databaseEnvShape, { DATABASE_URL: owner.urlFor(db.url) }));
    const show = `select current_setting('idle_in_transaction_session_timeout') as idle_in_transaction,
                         current_setting('client_connection_check_interval') as check_interval,
                         current_setting('tcp_keepalives_idle') as keepalives_idle,
                         current_setting('idle_session_timeout') as idle_session`;
    const lock = await openDirectConnection(config, 'sentiment-ingest-migrator', LOCK_SESSION_SETTINGS);
    try {
      expect((await lock.query(show)).rows).toEqual([{ idle_in_transaction: '30s', check_interval: '5s', keepalives_idle: '15', idle_session: '30s' }]);
    } finally {
      await lock.end();
    }
    const orm = await openOrm(config, { applicationName: 'sentiment-ingest-migrator', sessionSettings: MIGRATOR_SESSION_SETTINGS });
    try {
      expect(await orm.em.getConnection().execute(show)).toEqual([
        { idle_in_transaction: '30s', check_interval: '5s', keepalives_idle: '15', idle_session: '0' },
      ]);
    } finally {
      await orm.close(true);
    }
  });
});

/** A migration only a superuser can run: event triggers are superuser-only, whoever owns the database. */
class NeedsSuperuser extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function si_noop() returns event_trigger language plpgsql as $$ begin end $$;`);
    this.addSql('create event trigger si_noop on ddl_command_start execute function si_noop();');
  }
}
