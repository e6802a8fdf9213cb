import type { ClientBase } from 'pg';
import { TimescaleUnavailableError } from '../errors';

/** What the server offers of TimescaleDB, read once per session. */
export interface TimescaleInfo {
  /** version the server can install, `null` when the package is missing */
  readonly availableVersion: string | null;
  /** version installed in this database, `null` before the first migration */
  readonly installedVersion: string | null;
  readonly preloaded: boolean;
  /** `apache` (OSS: no compression, continuous aggregates or policies) or `timescale` (community) */
  readonly license: string | null;
}

/** One time dimension of a hypertable, as `verify` reports it. */
export interface HypertableInfo {
  readonly table: string;
  readonly timeColumn: string;
  readonly chunkInterval: string;
}

/** The hypertables the migrations create, with their chunk intervals (DESIGN.md §3). */
export const EXPECTED_HYPERTABLES: readonly HypertableInfo[] = Object.freeze([
  { table: 'raw_submissions', timeColumn: 'created_utc', chunkInterval: '1 day' },
  { table: 'submission_metrics', timeColumn: 'observed_at', chunkInterval: '1 day' },
]);

/** Reads the TimescaleDB state of the connected database. */
export async function readTimescaleInfo(client: ClientBase): Promise<TimescaleInfo> {
  const { rows } = await client.query<{
    available: string | null;
    installed: string | null;
    preload: string | null;
    license: string | null;
  }>(
    `select (select default_version from pg_available_extensions where name = 'timescaledb') as available,
            (select extversion from pg_extension where extname = 'timescaledb') as installed,
            current_setting('shared_preload_libraries', true) as preload,
            current_setting('timescaledb.license', true) as license`,
  );
  const row = rows[0];
  return {
    availableVersion: row?.available ?? null,
    installedVersion: row?.installed ?? null,
    preloaded: isPreloaded(row?.preload ?? ''),
    license: row?.license || null,
  };
}

/** `shared_preload_libraries` is a comma-separated list, possibly quoted, possibly with a path. */
export function isPreloaded(sharedPreloadLibraries: string): boolean {
  return sharedPreloadLibraries
    .split(',')
    .map((entry) => entry.trim().replace(/^"|"$/g, ''))
    .some((entry) => /(^|\/)timescaledb(-[\d.]+)?$/.test(entry));
}

/** Throws an error that says how to fix the server when TimescaleDB cannot be used. */
export function assertTimescaleUsable(info: TimescaleInfo): void {
  if (info.availableVersion === null && info.installedVersion === null) {
    throw new TimescaleUnavailableError(
      'TimescaleDB is not installed on this PostgreSQL server (no "timescaledb" in pg_available_extensions). ' +
        'Use the timescale/timescaledb image (docker compose), or `npm run db:local`, or install the ' +
        'timescaledb package for your PostgreSQL version.',
    );
  }
  if (!info.preloaded) {
    throw new TimescaleUnavailableError(
      'TimescaleDB is installed but not preloaded. Add timescaledb to shared_preload_libraries in ' +
        "postgresql.conf (shared_preload_libraries = 'timescaledb') and restart PostgreSQL.",
    );
  }
}

/** Reads the time dimension of every hypertable in the current schema. */
export async function readHypertables(client: ClientBase): Promise<HypertableInfo[]> {
  const { rows } = await client.query<{ table: string; column: string; interval: string }>(
    `select d.hypertable_name as table, d.column_name as column, d.time_interval::text as interval
       from timescaledb_information.dimensions d
      where d.hypertable_schema = current_schema() and d.dimension_type = 'Time'
      order by d.hypertable_name, d.dimension_number`,
  );
  return rows.map((row) => ({ table: row.table, timeColumn: row.column, chunkInterval: row.interval }));
}
