import { Client } from 'pg';
import { MIGRATION_LOCK_KEY, MIGRATIONS } from '@sentiment-ingest/db';
import { createEmptyTestDatabase, withDatabase, type TestDatabase } from '@sentiment-ingest/db/testing';
import { asAdmin, createLoginRole, createOwnedDatabase, type LoginRole } from './testing/login-role';
import { runMigrator } from './testing/run-migrator';

/**
 * A migrator killed (or its host lost) while holding the migration lock leaves its sessions on the
 * server. These tests hold the lock the way such a migrator does, from sessions that then go
 * silent, and run the real migrator against it. Its user has a role-level statement_timeout shorter
 * than the lock timeout, as the README advises for PgBouncer setups.
 */
const databases: TestDatabase[] = [];
const holders: Client[] = [];
let user: LoginRole;

beforeAll(async () => {
  const scratch = await createEmptyTestDatabase();
  const adminUrl = withDatabase(scratch.url, 'postgres');
  await scratch.drop();
  user = await createLoginRole(adminUrl, { settings: { statement_timeout: '1s' } });
});

afterAll(async () => {
  for (const holder of holders) await holder.end().catch(() => undefined);
  for (const database of databases) await database.drop();
  await user.drop();
});

async function database(): Promise<TestDatabase> {
  const db = await createOwnedDatabase(user, { extension: true });
  databases.push(db);
  return db;
}

/** A session of a migrator that went silent: same user and application_name, no more statements. */
async function silentMigratorSession(url: string, statements: readonly string[]): Promise<number> {
  const client = new Client({ connectionString: url, application_name: 'sentiment-ingest-migrator' });
  // the migrator under test may end this session: that is an expected 'error' event here
  client.on('error', () => undefined);
  await client.connect();
  holders.push(client);
  for (const sql of statements) await client.query(sql);
  const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
  return rows[0]!.pid;
}

/** Resolves once a session of `db` waits for an advisory lock (the migrator under test, blocked). */
async function waitForLockWaiter(db: TestDatabase): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const { rows } = await asAdmin(db.url, (a) =>
      a.query(`select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and wait_event = 'advisory'`),
    );
    if (rows.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('no migrator started waiting for the lock within 15 s');
}

const TAKE_LOCK = `select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;

const logLines = (stderr: string, msg: string) =>
  stderr.split('\n').filter((l) => l.includes(`"msg":"${msg}"`)).map((l) => JSON.parse(l) as Record<string, unknown>);

describe('a migrator that finds the migration lock held', () => {
  it('waits for a recently active holder, logs who it is, and exits 9 naming it after MIGRATOR_LOCK_TIMEOUT_MS despite a shorter statement timeout', async () => {
    const db = await database();
    const url = user.urlFor(db.url);
    const holder = await silentMigratorSession(url, [TAKE_LOCK, 'begin', 'select 1']);

    const run = await runMigrator(['up'], { DATABASE_URL: url, DB_STATEMENT_TIMEOUT_MS: '1000', MIGRATOR_LOCK_TIMEOUT_MS: '4000' });
    expect(run.code).toBe(9);
    expect(logLines(run.stderr, 'migration lock held by another session: waiting')).toEqual([
      expect.objectContaining({
        decision: 'wait',
        holder: expect.objectContaining({ pid: holder, applicationName: 'sentiment-ingest-migrator', user: user.name, state: 'idle in transaction' }),
      }),
    ]);
    expect(run.stderr).toContain(`Another session pid ${holder} (application_name 'sentiment-ingest-migrator', user ${user.name}`);
    expect(run.stderr).toContain(`held the migration lock for more than 4000 ms`);
    // the 1 s statement timeout did not cut the wait short
    expect(run.ms).toBeGreaterThanOrEqual(4000);
    expect((await asAdmin(db.url, (a) => a.query(`select 1 from pg_stat_activity where pid = ${holder}`))).rows).toHaveLength(1);
  });

  it('takes the lock as soon as a waiting-for holder releases it, and migrates', async () => {
    const db = await database();
    const url = user.urlFor(db.url);
    await silentMigratorSession(url, [TAKE_LOCK]);
    const holder = holders.at(-1)!;

    // the statement timeout must let the migrations themselves finish on a loaded CI machine: a 1 s
    // timeout cut a migration short there once the schema grew (the short-timeout wait is the first test's)
    const running = runMigrator(['up'], { DATABASE_URL: url, DB_STATEMENT_TIMEOUT_MS: '10000', MIGRATOR_LOCK_TIMEOUT_MS: '20000' });
    await waitForLockWaiter(db);
    await holder.query(`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
    const run = await running;
    // on failure, show the migrator's last log lines
    expect({ code: run.code, log: run.code === 0 ? '' : run.stderr.slice(-2000) }).toEqual({ code: 0, log: '' });
    expect(logLines(run.stderr, 'migration lock held by another session: waiting')).toHaveLength(1);
    expect(logLines(run.stderr, 'migration lock acquired')).toHaveLength(1);
    expect(logLines(run.stderr, 'migrations applied')[0]).toMatchObject({ applied: MIGRATIONS.length });
  });

  it("ends a migrator's sessions left silent past the threshold (its lock session and its open migration transaction), then migrates", async () => {
    const db = await database();
    const url = user.urlFor(db.url);
    // the dead migrator's lock session, and its migration transaction holding a table of the first migration
    const lockSession = await silentMigratorSession(url, [TAKE_LOCK]);
    // its transaction spoke last a moment after its lock session (as a dying migrator's may): it is
    // ended with the holder all the same, not left to block the migrations
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const transaction = await silentMigratorSession(url, ['begin', 'create table raw_submissions (id text)']);

    // a statement timeout shorter than the 30 s wait, yet long enough for the migrations themselves
    // on a loaded CI machine (the other integration suites run beside this one)
    const run = await runMigrator(['up'], { DATABASE_URL: url, DB_STATEMENT_TIMEOUT_MS: '10000', MIGRATOR_LOCK_TIMEOUT_MS: '60000' });
    // on failure, show the migrator's last log lines
    expect({ code: run.code, log: run.code === 0 ? '' : run.stderr.slice(-2000) }).toEqual({ code: 0, log: '' });
    const ended = logLines(run.stderr, 'migration lock held by a stale migrator session: ended it');
    expect(ended).toEqual([
      expect.objectContaining({
        decision: 'end',
        holder: expect.objectContaining({ pid: lockSession, state: 'idle' }),
        reason: expect.stringContaining('its client is gone'),
      }),
    ]);
    expect([...(ended[0]?.['ended'] as number[])].sort()).toEqual([lockSession, transaction].sort());
    expect(logLines(run.stderr, 'migrations applied')[0]).toMatchObject({ applied: MIGRATIONS.length });
    expect((await runMigrator(['verify'], { DATABASE_URL: url })).code).toBe(0);
  }, 120_000);
});
