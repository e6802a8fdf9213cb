import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { createMigratedTestDatabase, makeRedditComment, makeSubmission, type TestDatabase } from '../../testing';
import { databaseEnvShape, parseEnv, toDatabaseConfig } from '../config/database-config';
import { DatabaseAccessDeniedError } from '../errors';
import { ItemWriter } from '../ingest/item-writer';
import { openOrm } from '../orm/open-orm';
import { REDDIT_COMMENTS } from '../sources/reddit-comments';
import { REDDIT_SUBMISSIONS } from '../sources/reddit-submissions';
import { ArchiveImportRepository, archiveProgress } from '../state/archive-imports';
import { pgPoolState } from '../state/pool-state';
import { ScrapeStateRepository } from '../state/scrape-state-repository';
import { poolConnectionSource } from '../write/connection-sources';
import { SubmissionWriter } from '../write/submission-writer';
import { assertSchemaCurrent } from './schema-current';

/** SQLSTATE insufficient_privilege. */
const DENIED = '42501';

let database: TestDatabase;
let admin: Client;
const password = randomBytes(8).toString('hex');
const suffix = randomBytes(3).toString('hex');
const writerLogin = `si_writer_${suffix}`;
const readerLogin = `si_reader_${suffix}`;
/** a login in no group role: what a scraper configured with the wrong user looks like */
const strayLogin = `si_stray_${suffix}`;

function urlAs(user: string): string {
  const url = new URL(database.url);
  url.username = user;
  url.password = password;
  return url.toString();
}

const configAs = (user: string) => toDatabaseConfig(parseEnv(databaseEnvShape, { DATABASE_URL: urlAs(user) }));

async function asUser<T>(user: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: urlAs(user) });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const sqlState = (promise: Promise<unknown>) => promise.then(() => 'ok', (error: { code?: string }) => error.code);

beforeAll(async () => {
  database = await createMigratedTestDatabase();
  admin = new Client({ connectionString: database.url });
  await admin.connect();
  // login users get their rights only through the group roles the migration granted
  await admin.query(`create role ${writerLogin} login password '${password}' in role sentiment_writer`);
  await admin.query(`create role ${readerLogin} login password '${password}' in role sentiment_reader`);
  await admin.query(`create role ${strayLogin} login password '${password}'`);
});

afterAll(async () => {
  await admin.end();
  await database.drop();
  const cleanup = new Client({ connectionString: database.url.replace(/\/[^/]+$/, '/postgres') });
  await cleanup.connect();
  await cleanup.query(`drop role if exists ${writerLogin}`);
  await cleanup.query(`drop role if exists ${readerLogin}`);
  await cleanup.query(`drop role if exists ${strayLogin}`);
  await cleanup.end();
});

describe('least-privilege roles', () => {
  it('lets the writer role run the scraper write path: keys, a moved created_utc, refused rows, quarantine', async () => {
    const pool = new Pool({ connectionString: urlAs(writerLogin), max: 1 });
    const writer = new SubmissionWriter({ connections: poolConnectionSource(pool) });
    const rejected = [{ source: 'reddit', stream: 'new:x', itemKind: 'submission', itemId: 'bad1', stage: 'normalize' as const, reason: 'test', sqlState: null, payload: {} }];
    const result = await writer.write({
      submissions: [makeSubmission(1), makeSubmission(2), makeSubmission(3, { score: 1e10 })],
      observedAt: new Date(),
      checkpoints: [{ source: 'reddit', stream: 'new:x', newestCreatedUtc: new Date(), newestId: 'x', state: {} }],
      gaps: [{ source: 'reddit', stream: 'new:x', gapStart: new Date(0), gapEnd: new Date(1), reason: 'test' }],
      rejected,
    });
    // the same id claiming another time is stored under its registered time
    const moved = await writer.write({ submissions: [makeSubmission(1, { createdUtc: new Date(0), score: 7 })], observedAt: new Date(), rejected });
    await pool.end();
    expect(result.inserted).toBe(2);
    expect(result.rejected.map((r) => r.sqlState)).toEqual(['22003']);
    expect(moved).toMatchObject({ inserted: 0, updated: 1 });
  });

  it('lets the writer role import archive comments: rows, keys, observations and the file progress in one batch', async () => {
    const pool = new Pool({ connectionString: urlAs(writerLogin), max: 1 });
    try {
      const connections = poolConnectionSource(pool);
      const file = { fileKey: `RC_test_${suffix}`, kind: 'reddit-comments' };
      await new ArchiveImportRepository({ connections }).start(file);
      const writer = new ItemWriter({ connections, table: REDDIT_COMMENTS, source: 'reddit' });
      const step = { ...file, lastLine: 2, bytesRead: 200, lines: 2, matched: 2 };
      const result = await writer.write({ items: [makeRedditComment(1), makeRedditComment(2)], observedAt: new Date(), inTransaction: archiveProgress(step) });
      expect(result).toMatchObject({ inserted: 2, observations: 0 });
      // the change records the observation it supersedes: the writer reads the row and inserts into comment_metrics
      expect(await writer.write({ items: [makeRedditComment(1, { score: 500 })], observedAt: new Date(), inTransaction: archiveProgress({ ...step, lastLine: 3 }) })).toMatchObject({ updated: 1, observations: 1 });
      expect(await new ArchiveImportRepository({ connections }).progressOf(file.fileKey)).toMatchObject({ lastLine: 3, inserted: 2, updated: 1 });
    } finally {
      await pool.end();
    }
    await asUser(readerLogin, async (client) => {
      expect(await sqlState(client.query('select count(*) from raw_comments join comment_metrics on comment_id = id'))).toBe('ok');
      expect(await sqlState(client.query('select count(*) from archive_imports'))).toBe('ok');
      expect(await sqlState(client.query(`select count(*) from text_items where kind = 'comment'`))).toBe('ok');
      expect(await sqlState(client.query('delete from archive_imports'))).toBe(DENIED);
    });
  });

  it('lets the writer role check at start that the schema is current (it may read the migration history)', async () => {
    const orm = await openOrm(configAs(writerLogin), { applicationName: 'roles-test' });
    try {
      await expect(assertSchemaCurrent(orm)).resolves.toBeUndefined();
    } finally {
      await orm.close(true);
    }
  });

  it('tells a login outside the writer role which role to grant when it checks the schema', async () => {
    const orm = await openOrm(configAs(strayLogin), { applicationName: 'roles-test' });
    try {
      const error = await assertSchemaCurrent(orm).then(() => null, (caught: Error) => caught);
      expect(error).toBeInstanceOf(DatabaseAccessDeniedError);
      expect(error?.message).toContain(`The database user ${strayLogin} may not read the migration history`);
      expect(error?.message).toContain(`GRANT sentiment_writer TO "${strayLogin}"`);
    } finally {
      await orm.close(true);
    }
  });

  it('lets the writer role read its scrape state and resolve a gap, recording how and how many items it recovered', async () => {
    await admin.query(`insert into scrape_checkpoints (source, stream, newest_created_utc, newest_id) values ('hn', 'top', now(), 'h1')`);
    const { rows } = await admin.query<{ id: string }>(
      `insert into scrape_gaps (source, stream, gap_start, gap_end, reason) values ('hn', 'top', now() - interval '1 hour', now(), 'outage') returning id`,
    );
    const pool = new Pool({ connectionString: urlAs(writerLogin), max: 1 });
    const state = new ScrapeStateRepository({ connections: poolConnectionSource(pool), pool: pgPoolState(pool) });
    try {
      await state.ping();
      expect(await state.readCheckpoint('hn', 'top')).toMatchObject({ newestId: 'h1' });
      const [gap] = await state.openGaps('hn', 'top');
      expect(gap?.id).toBe(rows[0]!.id);
      expect(await state.resolveGap(gap!, { resolvedAt: new Date(), resolution: 'backfilled', recoveredItems: 3 })).toBe(true);
      expect(await state.openGaps('hn', 'top')).toEqual([]);
      const post = makeSubmission(50);
      await new SubmissionWriter({ connections: poolConnectionSource(pool) }).write({ submissions: [post], observedAt: new Date() });
      expect(await state.recentItems(REDDIT_SUBMISSIONS, new Date(post.createdUtc.getTime() - 1))).toEqual([{ id: post.id, time: post.createdUtc }]);
      expect((await state.databaseStats()).hypertables.map((h) => h.table)).toEqual(expect.arrayContaining(['raw_submissions']));
    } finally {
      await pool.end();
    }
    const { rows: resolved } = await admin.query(`select resolution, recovered_items from scrape_gaps where id = $1`, [rows[0]!.id]);
    expect(resolved).toEqual([{ resolution: 'backfilled', recovered_items: 3 }]);
  });

  it('refuses the writer any DDL: it cannot create, alter, drop or truncate a table', async () => {
    await asUser(writerLogin, async (client) => {
      expect(await sqlState(client.query('create table sneaky (x int)'))).toBe(DENIED);
      expect(await sqlState(client.query('alter table raw_submissions add column sneaky int'))).toBe(DENIED);
      expect(await sqlState(client.query('drop table scrape_gaps'))).toBe(DENIED);
      expect(await sqlState(client.query('truncate raw_submissions'))).toBe(DENIED);
    });
  });

  it('lets the reader read and nothing else', async () => {
    await asUser(readerLogin, async (client) => {
      expect(await sqlState(client.query('select count(*) from raw_submissions'))).toBe('ok');
      expect(await sqlState(client.query('select * from subreddit_activity_hourly'))).toBe('ok');
      for (const view of ['submission_engagement', 'comment_engagement', 'hn_item_engagement']) {
        expect(await sqlState(client.query(`select count(*) from ${view}`))).toBe('ok');
      }
      expect(await sqlState(client.query(`insert into scrape_gaps (source, stream, gap_start, gap_end, reason) values ('a', 'b', now(), now(), 'c')`))).toBe(DENIED);
      expect(await sqlState(client.query('update raw_submissions set score = 0'))).toBe(DENIED);
      expect(await sqlState(client.query('delete from submission_metrics'))).toBe(DENIED);
      expect(await sqlState(client.query('create table sneaky (x int)'))).toBe(DENIED);
    });
  });
});
