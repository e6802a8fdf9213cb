import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createEmptyTestDatabase, withDatabase, type TestDatabase } from '@sentiment-ingest/db/testing';
import { asAdmin, createLoginRole, createOwnedDatabase, type LoginRole } from './testing/login-role';
import { runMigrator, type MigratorRun } from './testing/run-migrator';

/**
 * `migrator up` with DB_SCRAPER_USER and DB_ANALYST_USER: the users it creates log in with the
 * passwords of the settings and have their group role's rights, no more. Login roles are
 * cluster-wide, so every test names its own and drops them afterwards.
 */
const databases: TestDatabase[] = [];
const loginRoles: LoginRole[] = [];
/** roles the migrator or an admin created in a test, dropped once the databases are gone */
const createdRoles: string[] = [];
let adminUrl: string;

beforeAll(async () => {
  const scratch = await createEmptyTestDatabase();
  adminUrl = withDatabase(scratch.url, 'postgres');
  await scratch.drop();
});

afterAll(async () => {
  for (const database of databases) await database.drop();
  for (const role of loginRoles) await role.drop();
  await asAdmin(adminUrl, async (admin) => {
    for (const role of createdRoles) await admin.query(`drop role if exists ${role}`);
  });
});

async function freshDatabase(): Promise<TestDatabase> {
  const database = await createEmptyTestDatabase();
  databases.push(database);
  return database;
}

/** Unique user names for one test, dropped after the file. */
function userNames(): { scraper: string; analyst: string } {
  const suffix = randomBytes(4).toString('hex');
  const names = { scraper: `si_scraper_${suffix}`, analyst: `si_analyst_${suffix}` };
  createdRoles.push(names.scraper, names.analyst);
  return names;
}

/** `databaseUrl` with another user's credentials. */
function urlAs(databaseUrl: string, user: string, password: string): string {
  const url = new URL(databaseUrl);
  url.username = encodeURIComponent(user);
  url.password = encodeURIComponent(password);
  return url.toString();
}

/** Runs `sql` as that user; resolves to the SQLSTATE of its error, or 'ok'. */
async function attempt(url: string, sql: string): Promise<string> {
  const client = new Client({ connectionString: url });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query(sql);
    return 'ok';
  } catch (error) {
    return String((error as { code?: string }).code ?? (error as Error).message);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const INSERT_SUBMISSION = `insert into raw_submissions (id, created_utc, subreddit, author, title, selftext, permalink, is_self, over_18, spoiler, stickied, locked, score, num_comments, raw)
  values ('t3_login', now(), 'news', 'u', 't', '', '/p', true, false, false, false, false, 1, 0, '{}')`;

const logMessages = (run: MigratorRun) =>
  run.stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { msg: string; user?: string; memberOf?: string });

describe('migrator up with login users', () => {
  it('creates a scraper user that writes rows but no schema, and an analyst user that only reads; a password with a quote and a backslash works', async () => {
    const db = await freshDatabase();
    const names = userNames();
    const scraperPassword = `o'brien\\"$x`;
    const analystPassword = String.raw`back\slash''quote`;
    const env = {
      DATABASE_URL: db.url,
      DB_SCRAPER_USER: names.scraper,
      DB_SCRAPER_PASSWORD: scraperPassword,
      DB_ANALYST_USER: names.analyst,
      DB_ANALYST_PASSWORD: analystPassword,
    };
    const up = await runMigrator(['up'], env);
    expect(up.stderr).not.toContain('brien');
    expect(up.stderr).not.toContain('slash');
    expect(up.code).toBe(0);
    expect(logMessages(up).filter((l) => l.msg === 'login user created')).toEqual([
      expect.objectContaining({ user: names.scraper, memberOf: 'sentiment_writer' }),
      expect.objectContaining({ user: names.analyst, memberOf: 'sentiment_reader' }),
    ]);

    const scraper = urlAs(db.url, names.scraper, scraperPassword);
    expect(await attempt(scraper, INSERT_SUBMISSION)).toBe('ok');
    expect(await attempt(scraper, 'select count(*) from raw_submissions')).toBe('ok');
    expect(await attempt(scraper, 'create table si_not_allowed (id int)')).toBe('42501');
    expect(await attempt(scraper, 'drop table raw_submissions')).toBe('42501');

    const analyst = urlAs(db.url, names.analyst, analystPassword);
    expect(await attempt(analyst, 'select count(*) from text_items')).toBe('ok');
    expect(await attempt(analyst, 'select count(*) from raw_submissions')).toBe('ok');
    expect(await attempt(analyst, INSERT_SUBMISSION.replace('t3_login', 't3_analyst'))).toBe('42501');
    expect(await attempt(analyst, 'create table si_not_allowed (id int)')).toBe('42501');
  });

  it('rotates a password when up runs again with a new one: the old is refused, the new accepted', async () => {
    const db = await freshDatabase();
    const names = userNames();
    const env = { DATABASE_URL: db.url, DB_SCRAPER_USER: names.scraper, DB_SCRAPER_PASSWORD: 'first-password' };
    expect((await runMigrator(['up'], env)).code).toBe(0);
    expect(await attempt(urlAs(db.url, names.scraper, 'first-password'), 'select 1')).toBe('ok');

    const again = await runMigrator(['up'], { ...env, DB_SCRAPER_PASSWORD: "second'\\password" });
    expect(again.code).toBe(0);
    expect(logMessages(again).map((l) => l.msg)).toEqual(expect.arrayContaining(['nothing to apply', 'login user updated: password set, membership granted']));
    expect(await attempt(urlAs(db.url, names.scraper, 'first-password'), 'select 1')).toBe('28P01');
    expect(await attempt(urlAs(db.url, names.scraper, "second'\\password"), INSERT_SUBMISSION)).toBe('ok');
  });

  it('creates no user when none is configured, and says so', async () => {
    const db = await freshDatabase();
    const up = await runMigrator(['up'], { DATABASE_URL: db.url });
    expect(up.code).toBe(0);
    expect(logMessages(up).map((l) => l.msg)).toContain('no login users configured (DB_SCRAPER_USER and DB_ANALYST_USER are empty): none created or updated');
  });

  it('refuses (exit 3) a user named after an existing superuser, and leaves its password alone', async () => {
    const db = await freshDatabase();
    const run = await runMigrator(['up'], { DATABASE_URL: db.url, DB_ANALYST_USER: 'si_other_admin', DB_ANALYST_PASSWORD: 'x' });
    expect(run.code).toBe(0); // a plain new user: fine
    createdRoles.push('si_other_admin');
    await asAdmin(db.url, (admin) => admin.query('alter role si_other_admin superuser'));
    const refused = await runMigrator(['up'], { DATABASE_URL: db.url, DB_ANALYST_USER: 'si_other_admin', DB_ANALYST_PASSWORD: 'changed' });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('DB_ANALYST_USER=si_other_admin names an existing role with SUPERUSER');
    expect(await attempt(urlAs(db.url, 'si_other_admin', 'x'), 'select 1')).toBe('ok');
  });

  it('stops with exit 11 and the statements for an admin when its user has no CREATEROLE; the migrations are applied', async () => {
    const owner = await createLoginRole(adminUrl);
    loginRoles.push(owner);
    const db = await createOwnedDatabase(owner, { extension: true });
    databases.push(db);
    const names = userNames();
    const suffix = randomBytes(3).toString('hex');
    const groups = { DB_WRITER_ROLE: `si_w_${suffix}`, DB_READER_ROLE: `si_r_${suffix}` };
    createdRoles.push(groups.DB_WRITER_ROLE, groups.DB_READER_ROLE);
    await asAdmin(db.url, async (admin) => {
      await admin.query(`create role ${groups.DB_WRITER_ROLE} nologin`);
      await admin.query(`create role ${groups.DB_READER_ROLE} nologin`);
    });
    const run = await runMigrator(['up'], { DATABASE_URL: owner.urlFor(db.url), ...groups, DB_SCRAPER_USER: names.scraper, DB_SCRAPER_PASSWORD: 'secret-pw' });
    expect(run.code).toBe(11);
    expect(run.stderr).toContain(`user ${owner.name} has no CREATEROLE`);
    expect(run.stderr).toContain(`CREATE ROLE ${names.scraper} LOGIN PASSWORD '<DB_SCRAPER_PASSWORD>'; GRANT ${groups.DB_WRITER_ROLE} TO ${names.scraper};`);
    expect(run.stderr).not.toContain('secret-pw');
    const { rows } = await asAdmin(db.url, (admin) => admin.query('select rolname from pg_roles where rolname = $1', [names.scraper]));
    expect(rows).toEqual([]);
    expect((await asAdmin(db.url, (admin) => admin.query(`select to_regclass('raw_submissions') as t`))).rows).toEqual([{ t: 'raw_submissions' }]);
  });
});
