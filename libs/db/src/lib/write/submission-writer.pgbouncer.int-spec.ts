import { Client, Pool } from 'pg';
import {
  createMigratedTestDatabase,
  makeSubmission,
  startTestPgBouncer,
  type TestDatabase,
  type TestPgBouncer,
} from '../../testing';
import { detectPooler, judgePoolerProbe } from '../orm/pgbouncer-detection';
import { MIGRATION_LOCK_KEY, withMigrationLock } from '../schema/migration-lock';
import { poolConnectionSource } from './connection-sources';
import type { WriteResult } from '../ingest/item-writer';
import { SubmissionWriter } from './submission-writer';

// PgBouncer in transaction pooling mode in front of the test server (tools/local-pgbouncer):
// what scrapers may rely on through it, and why the migrator must not go through it (its
// session advisory lock).

const DIRECT_APP = 'si-pgbouncer-spec-direct';
const WRITER_APP = 'si-pgbouncer-spec-writer';

let database: TestDatabase;
let bouncer: TestPgBouncer;
let bouncedUrl: string;
let direct: Pool;

beforeAll(async () => {
  database = await createMigratedTestDatabase();
  bouncer = await startTestPgBouncer();
  bouncedUrl = bouncer.withPgBouncer(database.url);
  direct = new Pool({ connectionString: database.url, max: 2, application_name: DIRECT_APP });
});

afterAll(async () => {
  await direct?.end();
  await database?.drop();
});

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  return client;
}

async function pidOf(client: Client): Promise<number> {
  const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
  return rows[0]!.pid;
}

describe('SubmissionWriter through PgBouncer in transaction pooling mode', () => {
  const WRITERS = 8;
  const LANES = 2; // concurrent writes per writer, one per connection of its pool
  const BATCHES = 3;
  const ROWS = 20;
  const observedAt = new Date('2026-11-29T09:00:00Z');
  const later = new Date('2026-11-29T10:00:00Z');

  /**
   * Lane l of writer w covers indices [60(w + l), 60(w + l) + 60): writer w's second lane writes the
   * same rows as writer w + 1's first, at the same time. Indices ascend within every batch, so
   * concurrent overlapping upserts take row locks in the same order (no deadlock by construction).
   */
  const laneIndices = (w: number, l: number, b: number) =>
    Array.from({ length: ROWS }, (_, i) => (w + l) * BATCHES * ROWS + b * ROWS + i);
  const union = (WRITERS + LANES - 1) * BATCHES * ROWS;
  const streamOf = (w: number, l: number) => `writer${w}:lane${l}`;

  async function runAllWriters(at: Date): Promise<{ results: WriteResult[]; clientConnections: number }> {
    const pools = Array.from(
      { length: WRITERS },
      () => new Pool({ connectionString: bouncedUrl, max: 2, application_name: WRITER_APP }),
    );
    try {
      const lanes = pools.flatMap((pool, w) => {
        const writer = new SubmissionWriter({ connections: poolConnectionSource(pool) });
        return Array.from({ length: LANES }, async (_, l) => {
          const results: WriteResult[] = [];
          for (let b = 0; b < BATCHES; b++) {
            const submissions = laneIndices(w, l, b).map((i) => makeSubmission(i));
            const newest = submissions.at(-1)!;
            results.push(
              await writer.write({
                submissions,
                observedAt: at,
                checkpoints: [
                  { source: 'reddit', stream: streamOf(w, l), newestCreatedUtc: newest.createdUtc, newestId: newest.id, state: { batch: b } },
                ],
              }),
            );
          }
          return results;
        });
      });
      const results = (await Promise.all(lanes)).flat();
      return { results, clientConnections: pools.reduce((n, pool) => n + pool.totalCount, 0) };
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  }

  /** The most server connections to the test database seen while `work` runs. */
  async function peakServerConnections<T>(work: () => Promise<T>): Promise<{ value: T; peak: number }> {
    let peak = 0;
    let running = true;
    const sampler = (async () => {
      while (running) {
        const { rows } = await direct.query<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity
            where datname = current_database() and backend_type = 'client backend'
              and application_name is distinct from $1`,
          [DIRECT_APP],
        );
        peak = Math.max(peak, rows[0]?.n ?? 0);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    try {
      return { value: await work(), peak };
    } finally {
      running = false;
      await sampler;
    }
  }

  const sum = (results: WriteResult[], key: 'inserted' | 'updated' | 'unchanged' | 'observations') => results.reduce((n, r) => n + r[key], 0);

  async function rowVersions(): Promise<string[]> {
    const { rows } = await direct.query<{ v: string }>(`select id || ':' || xmin || ':' || ctid as v from raw_submissions order by id`);
    return rows.map((r) => r.v);
  }

  it('stores exactly the union of concurrent overlapping batches, with more writers than server connections', async () => {
    const { value: run, peak } = await peakServerConnections(() => runAllWriters(observedAt));

    expect(run.clientConnections).toBe(WRITERS * 2);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(bouncer.poolSize);
    // every row was inserted once, by whichever writer came first; the others found it unchanged
    expect(sum(run.results, 'inserted')).toBe(union);
    expect(sum(run.results, 'updated')).toBe(0);
    // an inserted row is its own first observation; nothing changed, so nothing was superseded
    expect(sum(run.results, 'observations')).toBe(0);
    expect(sum(run.results, 'unchanged')).toBe(WRITERS * LANES * BATCHES * ROWS - union);

    const { rows: ids } = await direct.query<{ id: string }>('select id from raw_submissions order by id');
    const expected = Array.from({ length: union }, (_, i) => makeSubmission(i).id).sort();
    expect(ids.map((r) => r.id)).toEqual(expected);
    const { rows: metrics } = await direct.query<{ n: number }>('select count(*)::int as n from submission_engagement');
    expect(metrics[0]?.n).toBe(union);

    const { rows: checkpoints } = await direct.query<{ stream: string; newest_id: string; state: unknown }>(
      'select stream, newest_id, state from scrape_checkpoints order by stream',
    );
    const expectedCheckpoints = Array.from({ length: WRITERS }, (_, w) =>
      Array.from({ length: LANES }, (_, l) => ({
        stream: streamOf(w, l),
        newest_id: makeSubmission(laneIndices(w, l, BATCHES - 1).at(-1)!).id,
        state: { batch: BATCHES - 1 },
      })),
    )
      .flat()
      .sort((a, b) => (a.stream < b.stream ? -1 : 1));
    expect(checkpoints).toEqual(expectedCheckpoints);
  });

  it('rewrites nothing when all writers send the same batches again', async () => {
    const before = await rowVersions();
    const again = await runAllWriters(later);

    expect(sum(again.results, 'inserted')).toBe(0);
    expect(sum(again.results, 'updated')).toBe(0);
    expect(sum(again.results, 'observations')).toBe(0);
    expect(await rowVersions()).toEqual(before);
  });
});

describe('session state through PgBouncer in transaction pooling mode', () => {
  it('leaves the migration lock held after withMigrationLock returns: the unlock ran on another server connection', async () => {
    const migrator = await connect(bouncedUrl);
    const other = await connect(bouncedUrl);
    let lockHolder = 0;
    try {
      await withMigrationLock(migrator, 5_000, async () => {
        lockHolder = (
          await direct.query<{ pid: number }>(
            `select pid from pg_locks where locktype = 'advisory' and granted
               and database = (select oid from pg_database where datname = current_database())`,
          )
        ).rows[0]!.pid;
        // Another scraper's transaction: PgBouncer lends it the idle server connection that
        // holds the lock (it reuses the most recently released one first).
        await other.query('begin');
        expect(await pidOf(other)).toBe(lockHolder);
      });
      // withMigrationLock's unlock went to a different server connection and released nothing:
      // a direct migrator cannot take the lock, and the "owner" is whoever gets that connection.
      const { rows } = await direct.query<{ locked: boolean }>('select pg_try_advisory_lock($1::bigint) as locked', [
        MIGRATION_LOCK_KEY,
      ]);
      expect(rows[0]?.locked).toBe(false);
      const { rows: unlocked } = await other.query<{ released: boolean }>(
        'select pg_advisory_unlock($1::bigint) as released',
        [MIGRATION_LOCK_KEY],
      );
      expect(unlocked[0]?.released).toBe(true);
      await other.query('commit');
    } finally {
      await other.query('rollback').catch(() => undefined);
      await Promise.all([migrator.end(), other.end()]);
    }
    expect(lockHolder).toBeGreaterThan(0);
  });

  it('drops a statement_timeout sent as a startup parameter (ignore_startup_parameters)', async () => {
    const viaBouncer = new Client({ connectionString: bouncedUrl, statement_timeout: 1234 });
    const directly = new Client({ connectionString: database.url, statement_timeout: 1234 });
    await Promise.all([viaBouncer.connect(), directly.connect()]);
    try {
      const show = async (c: Client) => (await c.query<{ v: string }>(`select current_setting('statement_timeout') as v`)).rows[0]?.v;
      expect(await show(directly)).toBe('1234ms');
      expect(await show(viaBouncer)).toBe('0');
    } finally {
      await Promise.all([viaBouncer.end(), directly.end()]);
    }
  });
});

describe('detectPooler', () => {
  it('reports a connection through PgBouncer as pooled', async () => {
    const client = await connect(bouncedUrl);
    try {
      const verdict = await detectPooler(client);
      expect(verdict.pooled).toBe(true);
      expect(verdict.evidence).toMatch(/^BackendKeyData announced process -?\d+, but the query ran in server process \d+/);
    } finally {
      await client.end();
    }
  });

  it('reports a pooled client of a pg.Pool through PgBouncer as pooled', async () => {
    const pool = new Pool({ connectionString: bouncedUrl, max: 1 });
    try {
      const client = await pool.connect();
      try {
        expect((await detectPooler(client)).pooled).toBe(true);
      } finally {
        client.release();
      }
    } finally {
      await pool.end();
    }
  });

  it('reports a direct connection as not pooled', async () => {
    const client = await connect(database.url);
    try {
      const pid = await pidOf(client);
      expect(await detectPooler(client)).toEqual({
        pooled: false,
        evidence: `BackendKeyData announced process ${pid}, the server process itself (pg_backend_pid())`,
      });
    } finally {
      await client.end();
    }
  });

  it('refuses a client that has not connected', async () => {
    await expect(detectPooler(new Client({ connectionString: database.url }))).rejects.toThrow(/connected node-pg client/);
  });
});

describe('judgePoolerProbe', () => {
  it('equal process ids: direct', () => {
    expect(judgePoolerProbe({ announcedPid: 42, backendPid: 42 })).toEqual({
      pooled: false,
      evidence: 'BackendKeyData announced process 42, the server process itself (pg_backend_pid())',
    });
  });

  it('different process ids: pooled', () => {
    expect(judgePoolerProbe({ announcedPid: -1827364, backendPid: 42 })).toEqual({
      pooled: true,
      evidence:
        'BackendKeyData announced process -1827364, but the query ran in server process 42: a pooler such as ' +
        'PgBouncer answered the connection start',
    });
  });
});
