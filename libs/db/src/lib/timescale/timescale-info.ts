import type { ClientBase } from 'pg';
import { TimescaleUnavailableError } from '../errors';

/** What the server offers of TimescaleDB, read once per session. */
export interface TimescaleInfo {
  /** version the server can install, `null` when the package is missing */
  readonly availableVersion: string | null;
  /** version installed in this database, `null` before the first migration */
  readonly installedVersion: string | null;
  readonly preloaded: boolean;
  /**
   * How `preloaded` was found: from `shared_preload_libraries` (needs superuser or
   * `pg_read_all_settings`), or, for other users, from the loader's own setting being defined.
   */
  readonly preloadCheckedBy: PreloadEvidence;
  /** `apache` (OSS: no compression, continuous aggregates or policies) or `timescale` (community) */
  readonly license: string | null;
}

/** Where the preload verdict comes from. */
export type PreloadEvidence = 'shared_preload_libraries' | 'loader setting';

/**
 * A setting the TimescaleDB loader defines once loaded. The loader refuses to load (FATAL) unless
 * it is in `shared_preload_libraries` (src/loader/loader.c, `_PG_init`), so a fresh session that has
 * it defined proves the preload to any user. `timescaledb.license` does not: the versioned library
 * defines it only in databases where the extension exists.
 */
export const LOADER_SETTING = 'timescaledb.disable_load';

/** One time dimension of a hypertable, as `verify` reports it. */
export interface HypertableInfo {
  readonly table: string;
  readonly timeColumn: string;
  readonly chunkInterval: string;
}

/**
 * The hypertables the migrations create, with their chunk intervals (an `interval`, since the time
 * columns are timestamptz: docs/design-notes.md, "TimescaleDB facts").
 */
export const EXPECTED_HYPERTABLES: readonly HypertableInfo[] = Object.freeze([
  { table: 'raw_submissions', timeColumn: 'created_utc', chunkInterval: '1 day' },
  { table: 'submission_metrics', timeColumn: 'observed_at', chunkInterval: '1 day' },
  { table: 'hn_items', timeColumn: 'created_at', chunkInterval: '1 day' },
  { table: 'hn_item_metrics', timeColumn: 'observed_at', chunkInterval: '1 day' },
  { table: 'raw_comments', timeColumn: 'created_utc', chunkInterval: '1 day' },
  { table: 'comment_metrics', timeColumn: 'observed_at', chunkInterval: '1 day' },
]);

/** Reads the TimescaleDB state of the connected database. Needs no privilege beyond connecting. */
export async function readTimescaleInfo(client: ClientBase): Promise<TimescaleInfo> {
  // shared_preload_libraries is readable only by superusers and pg_read_all_settings members
  // (managed services give neither); CASE keeps other users from reading it at all.
  const { rows } = await client.query<{
    available: string | null;
    installed: string | null;
    may_read_settings: boolean;
    preload: string | null;
    loader: string | null;
    license: string | null;
  }>(
    `select (select default_version from pg_available_extensions where name = 'timescaledb') as available,
            (select extversion from pg_extension where extname = 'timescaledb') as installed,
            pg_has_role(current_user, 'pg_read_all_settings', 'usage') as may_read_settings,
            case when pg_has_role(current_user, 'pg_read_all_settings', 'usage')
                 then current_setting('shared_preload_libraries') end as preload,
            current_setting($1, true) as loader,
            current_setting('timescaledb.license', true) as license`,
    [LOADER_SETTING],
  );
  const row = rows[0];
  return {
    availableVersion: row?.available ?? null,
    installedVersion: row?.installed ?? null,
    ...judgePreload({ sharedPreloadLibraries: row?.may_read_settings ? (row.preload ?? '') : null, loaderSetting: row?.loader ?? null }),
    license: row?.license || null,
  };
}

/**
 * Decides whether TimescaleDB is preloaded: from `shared_preload_libraries` when this user may read
 * it (`null` when not), else from whether the loader's setting is defined in the session. Pure.
 */
export function judgePreload(input: {
  sharedPreloadLibraries: string | null;
  loaderSetting: string | null;
}): { preloaded: boolean; preloadCheckedBy: PreloadEvidence } {
  if (input.sharedPreloadLibraries !== null) {
    return { preloaded: isPreloaded(input.sharedPreloadLibraries), preloadCheckedBy: 'shared_preload_libraries' };
  }
  return { preloaded: input.loaderSetting !== null, preloadCheckedBy: 'loader setting' };
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
    const how =
      info.preloadCheckedBy === 'shared_preload_libraries'
        ? 'timescaledb is not in shared_preload_libraries'
        : `its loader setting ${LOADER_SETTING} is not defined in this session (shared_preload_libraries itself is readable only by a superuser or pg_read_all_settings)`;
    throw new TimescaleUnavailableError(
      `TimescaleDB is installed but not preloaded: ${how}. Add timescaledb to shared_preload_libraries in ` +
        "postgresql.conf (shared_preload_libraries = 'timescaledb') and restart PostgreSQL; on a managed " +
        'service, enable TimescaleDB in its parameter settings.',
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
