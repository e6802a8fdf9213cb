import { sqlStateOf } from '@sentiment-ingest/db';
import { createMigratedDatabase, uniqueDatabaseName, type TestDatabase } from '@sentiment-ingest/db/testing';
import type { Pool } from 'pg';

/** Creates a fresh database on the server of `adminUrl` and applies every migration to it. */
export function createBenchDatabase(adminUrl: string): Promise<TestDatabase> {
  return createMigratedDatabase(adminUrl, uniqueDatabaseName('si_bench'), 'bench-migrate');
}

/** What the server is, and the settings that move the absolute figures. */
export interface ServerInfo {
  readonly version: string;
  readonly timescaledb: string;
  readonly settings: Readonly<Record<string, string>>;
}

const REPORTED_SETTINGS = ['shared_buffers', 'max_wal_size', 'fsync', 'synchronous_commit', 'full_page_writes', 'wal_level'];

/** Reads the server version, the TimescaleDB version and edition, and write-relevant settings. */
export async function readServerInfo(pool: Pool): Promise<ServerInfo> {
  const { rows } = await pool.query<{ version: string; timescaledb: string | null; license: string | null }>(
    `select current_setting('server_version') as version,
            (select extversion from pg_extension where extname = 'timescaledb') as timescaledb,
            current_setting('timescaledb.license', true) as license`,
  );
  const { rows: settings } = await pool.query<{ name: string; value: string }>(
    `select name, current_setting(name) as value from pg_settings where name = any($1) order by name`,
    [REPORTED_SETTINGS],
  );
  const info = rows[0];
  return {
    version: info?.version ?? 'unknown',
    timescaledb: `${info?.timescaledb ?? 'missing'} (${info?.license ?? 'unknown'} license)`,
    settings: Object.fromEntries(settings.map((s) => [s.name, s.value])),
  };
}

/** Average size of a stored `raw_submissions` row (`pg_column_size` of the row, after TOAST compression). */
export async function readAverageRowBytes(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ bytes: number | null }>(
    'select avg(pg_column_size(t.*))::float8 as bytes from raw_submissions t',
  );
  return rows[0]?.bytes ?? 0;
}

/** Empties the written tables; on hypertables TRUNCATE also drops the chunks, so each run starts empty. */
export async function emptyTables(pool: Pool): Promise<void> {
  await pool.query('truncate raw_submissions, submission_metrics, submission_keys');
}

/** Removes dead row versions, sets hint bits and refreshes statistics, as autovacuum would between ingests. */
export async function vacuumAnalyze(pool: Pool): Promise<void> {
  await pool.query('vacuum analyze raw_submissions, submission_metrics');
}

/**
 * Flushes dirty buffers before a timed run, so that no run pays for the previous run's checkpoint.
 * Needs superuser (or pg_checkpoint); without it the benchmark goes on, a little noisier.
 */
export async function checkpoint(pool: Pool): Promise<boolean> {
  try {
    await pool.query('checkpoint');
    return true;
  } catch (error) {
    if (sqlStateOf(error) === '42501') return false; // insufficient_privilege
    throw error;
  }
}
