import type { MigrationObject } from '@mikro-orm/core';
import type { Migrator } from '@mikro-orm/migrations';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from 'pg';
import type { Log } from '@sentiment-ingest/runtime';
import type { DatabaseConfig } from '../config/database-config';
import { InsufficientPrivilegeError, MigrationChecksumError, PooledConnectionError, SchemaNotReadyError } from '../errors';
import { detectPooler } from '../orm/pgbouncer-detection';
import { openDirectConnection } from '../orm/direct-connection';
import {
  assertTimescaleUsable,
  EXPECTED_HYPERTABLES,
  LOADER_SETTING,
  readHypertables,
  readTimescaleInfo,
  type HypertableInfo,
  type TimescaleInfo,
} from '../timescale/timescale-info';
import { deleteChecksum, ensureChecksumTable, recordChecksum } from './migration-checksums';
import { computeChecksums, listedMigrations, readApplied, readMigrationHistory } from './migration-history';
import { LOCK_SESSION_SETTINGS, MIGRATOR_APPLICATION_NAME, withMigrationLock } from './migration-lock';
import { findPrivilegeFailure, privilegeProblems, type PendingSql } from './privilege-check';
import { readPrivilegeFacts } from './privilege-facts';
import { renderMigrationSql } from './migration-sql';
import { describeMigrations, normalizeName, type AppliedMigration, type MigrationState } from './migration-status';
import { verifySchema, type VerifyReport } from './verify-report';
import { readDatabaseStats, type DatabaseStats } from '../stats/database-stats';
import { refreshActivityRollup, type RollupOutcome } from '../maintenance/activity-rollup';
import { applyCompression, COMPRESSION_LAYOUT, type CompressedHypertable, type CompressionOutcome } from '../maintenance/compression';
import { applyRetention, pruneSubmissionKeys, RETAINED_HYPERTABLES, type RetainedHypertable, type RetentionOutcome } from '../maintenance/retention';

/** Advisory lock of `maintain` ("SENTIMNT" as a bigint), distinct from the migration lock. */
const MAINTENANCE_LOCK_KEY = '6000848718494979668';

/** The part of the workspace's logger port (libs/runtime `Log`) the migrator writes to. */
export type MigrationLog = Pick<Log, 'info' | 'warn'>;

/** The SQL of one pending migration, as `plan` prints it. */
export interface MigrationPlan {
  readonly name: string;
  readonly statements: readonly string[];
}

export interface SchemaMigratorOptions {
  readonly orm: MikroORM;
  readonly db: DatabaseConfig;
  readonly lockTimeoutMs: number;
  readonly log: MigrationLog;
  readonly applicationName?: string;
  /** the ORM's custom session settings (`sentiment.writer_role`, ...), so checks see what migrations see */
  readonly sessionSettings?: Readonly<Record<string, string>>;
  /** tests only: how long a migrator session idles before another migrator may end it */
  readonly staleSessionAfterMs?: number;
}

/**
 * Applies, reverts, inspects and verifies the schema, and runs the data maintenance and statistics
 * that need the same dedicated session and owner rights. All reads and the lock use one dedicated
 * direct session; MikroORM's migrator runs the migrations themselves, under that lock, each in a
 * transaction. This is the only code that changes the schema: scrapers only read and write rows.
 */
export class SchemaMigrator {
  private readonly orm: MikroORM;
  private readonly options: SchemaMigratorOptions;

  constructor(options: SchemaMigratorOptions) {
    this.orm = options.orm;
    this.options = options;
  }

  /** Applies every pending migration under the advisory lock; returns the names applied. */
  async up(): Promise<string[]> {
    return this.withSession(async (client) => {
      await assertDirectConnection(client);
      const timescale = await readTimescaleInfo(client);
      if (timescale.preloadCheckedBy === 'loader setting') {
        this.options.log.info(
          { checkedBy: LOADER_SETTING, preloaded: timescale.preloaded },
          'shared_preload_libraries is not readable by this user (no pg_read_all_settings): TimescaleDB preload inferred from its loader setting',
        );
      }
      assertTimescaleUsable(timescale);
      return withMigrationLock(client, this.lockOptions(), async () => {
        await ensureChecksumTable(client);
        const checksums = await this.checkChecksums(client, { baseline: true });
        const pendingBefore = this.describe(checksums.applied, checksums.changed).filter((m) => m.state === 'pending');
        if (pendingBefore.length === 0) {
          this.options.log.info({ pending: 0 }, 'schema is up to date');
          return [];
        }
        await this.assertPrivileges(client, pendingBefore.map((m) => m.name));
        const applied = await this.runPending();
        const names = applied.map((m) => normalizeName(m.name));
        for (const name of names) {
          const checksum = checksums.computed.get(name);
          if (checksum) await recordChecksum(client, name, checksum);
          this.options.log.info({ migration: name }, 'migration applied');
        }
        return names;
      });
    });
  }

  /** Reverts the last applied migration under the lock; returns its name, or null if none. */
  async down(): Promise<string | null> {
    return this.withSession(async (client) => {
      await assertDirectConnection(client);
      return withMigrationLock(client, this.lockOptions(), async () => {
        const applied = await readApplied(client);
        const last = applied.at(-1);
        if (!last) return null;
        try {
          await this.migrator().down();
        } catch (error) {
          if (error instanceof Error && /cannot be reverted/i.test(error.message)) {
            throw new SchemaNotReadyError(
              `Migration ${normalizeName(last.name)} cannot be reverted (it has no down()); restore a backup instead.`,
              { cause: error },
            );
          }
          throw error;
        }
        await ensureChecksumTable(client);
        await deleteChecksum(client, normalizeName(last.name));
        this.options.log.info({ migration: normalizeName(last.name) }, 'migration reverted');
        return normalizeName(last.name);
      });
    });
  }

  /** Every known and applied migration with its state, in run order. Read-only. */
  async status(): Promise<MigrationState[]> {
    return this.withSession(async (client) => {
      const { applied, changed } = await this.checkChecksums(client, { baseline: false });
      return this.describe(applied, changed);
    });
  }

  /** The SQL of each pending migration, without running it (like `alembic upgrade --sql`). */
  async plan(): Promise<MigrationPlan[]> {
    const pending = (await this.status()).filter((m) => m.state === 'pending').map((m) => m.name);
    const byName = new Map(this.migrationsList().map((m) => [m.name, m]));
    const plans: MigrationPlan[] = [];
    for (const name of pending) {
      const migration = byName.get(name);
      if (migration) plans.push({ name, statements: await this.render(migration) });
    }
    return plans;
  }

  /** Checks extension, hypertables, pending migrations and checksums. Read-only. */
  async verify(): Promise<VerifyReport> {
    return this.withSession(async (client) => {
      const timescale: TimescaleInfo = await readTimescaleInfo(client);
      const hypertables: HypertableInfo[] = timescale.installedVersion ? await readHypertables(client) : [];
      const { applied, changed } = await this.checkChecksums(client, { baseline: false });
      const migrations = this.describe(applied, changed);
      return verifySchema({ timescale, hypertables, expectedHypertables: EXPECTED_HYPERTABLES, migrations, rollup: await readRollupKind(client) });
    });
  }

  /**
   * Data lifecycle, idempotent: retention per hypertable (a policy on the community edition,
   * `drop_chunks` on OSS) and the incremental refresh of the OSS hourly rollup. Another `maintain`
   * already running makes this one return `{ skipped: true }`.
   */
  async maintain(options: {
    retentionDays: Readonly<Record<RetainedHypertable, number | null>>;
    compressAfterDays: number | null;
    rollupLookbackDays: number;
  }): Promise<
    | { skipped: true }
    | {
        skipped: false;
        license: string | null;
        retention: RetentionOutcome[];
        /** registered submission ids forgotten with their dropped rows; null when raw_submissions keeps everything */
        keysPruned: number | null;
        compression: CompressionOutcome[];
        rollup: RollupOutcome;
      }
  > {
    return this.withSession(async (client) => {
      const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1::bigint) as locked', [MAINTENANCE_LOCK_KEY]);
      if (!rows[0]?.locked) return { skipped: true };
      try {
        const { license } = await readTimescaleInfo(client);
        const retention: RetentionOutcome[] = [];
        for (const table of RETAINED_HYPERTABLES) {
          retention.push(await applyRetention(client, { table, days: options.retentionDays[table], license }));
        }
        const rawDays = options.retentionDays.raw_submissions;
        const keysPruned = rawDays === null ? null : await pruneSubmissionKeys(client, rawDays);
        const compression: CompressionOutcome[] = [];
        for (const table of Object.keys(COMPRESSION_LAYOUT) as CompressedHypertable[]) {
          compression.push(await applyCompression(client, { table, days: options.compressAfterDays, license }));
        }
        const rollup = await refreshActivityRollup(client, { lookbackDays: options.rollupLookbackDays, license });
        return { skipped: false, license, retention, keysPruned, compression, rollup };
      } finally {
        await client.query('select pg_advisory_unlock($1::bigint)', [MAINTENANCE_LOCK_KEY]).catch(() => undefined);
      }
    });
  }

  /** Sizes, chunks, rows, time range, compression of each hypertable, each stream's lag and gaps, comments by subreddit over the last day. Read-only. */
  async stats(): Promise<DatabaseStats> {
    return this.withSession((client) => readDatabaseStats(client, { comments: true }));
  }

  /**
   * Entity-versus-database drift: the SQL that would bring the database to the entities, empty
   * when there is none. Read-only (MikroORM's `createMigration` is not: it writes files).
   */
  async drift(): Promise<string[]> {
    const needed = await this.migrator().checkMigrationNeeded();
    if (!needed) return [];
    const sql = await this.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false, safe: false, dropTables: true });
    return sql
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !/^set names/i.test(line));
  }

  /** Writes a new migration from the entity diff; returns its file name, or null when no change. */
  async create(name: string): Promise<{ fileName: string; statements: string[] } | null> {
    const result = await this.migrator().createMigration(undefined, false, false, name);
    if (!result.fileName) return null;
    return { fileName: result.fileName, statements: result.diff.up };
  }

  /**
   * Refuses, before anything runs, pending migrations that this user lacks the privileges for,
   * naming each missing privilege and the admin's step (docs/managed-databases.md).
   */
  private async assertPrivileges(client: Client, pendingNames: readonly string[]): Promise<void> {
    const byName = new Map(this.migrationsList().map((m) => [m.name, m]));
    const pending: PendingSql[] = [];
    for (const name of pendingNames) {
      const migration = byName.get(name);
      if (migration) pending.push({ name, statements: await this.render(migration) });
    }
    const problems = privilegeProblems(await readPrivilegeFacts(client), pending);
    if (problems.length > 0) {
      throw new InsufficientPrivilegeError(
        `The migrator's database user lacks what the pending migrations need; nothing was applied:\n` +
          `${problems.map((p) => `  - ${p}`).join('\n')}\nThen run the migrator again. See docs/managed-databases.md.`,
      );
    }
  }

  /** Runs the pending migrations (one transaction); a refused privilege becomes a typed error naming it. */
  private async runPending() {
    try {
      return await this.migrator().up();
    } catch (error) {
      const failure = findPrivilegeFailure(error);
      if (!failure) throw error;
      throw new InsufficientPrivilegeError(
        `Migration ${failure.migration ?? '(unknown)'} needs a privilege the migrator's database user lacks: ${failure.message}` +
          `${failure.hint ? ` (${failure.hint})` : ''}. Nothing was applied (the run is one transaction). ` +
          'Have an admin grant it or run that step (docs/managed-databases.md lists what the migrator needs), then run the migrator again.',
        { cause: error },
      );
    }
  }

  private lockOptions() {
    return {
      timeoutMs: this.options.lockTimeoutMs,
      applicationName: this.applicationName(),
      log: this.options.log,
      staleAfterMs: this.options.staleSessionAfterMs,
    };
  }

  private applicationName(): string {
    return this.options.applicationName ?? MIGRATOR_APPLICATION_NAME;
  }

  private migrator(): Migrator {
    return this.orm.getMigrator() as unknown as Migrator;
  }

  private migrationsList(): MigrationObject[] {
    return listedMigrations(this.orm.config);
  }

  private async render(migration: MigrationObject): Promise<string[]> {
    return renderMigrationSql(migration, 'up', this.orm.em.getDriver(), this.orm.config);
  }

  private describe(applied: readonly AppliedMigration[], changed: ReadonlySet<string>): MigrationState[] {
    return describeMigrations({ known: this.migrationsList().map((m) => m.name), applied, changed });
  }

  /**
   * Compares the recorded checksum of every applied migration with its SQL now. With `baseline`,
   * applied migrations without a record (applied before checksums existed) get one.
   * Throws {@link MigrationChecksumError} from `up`; `status`/`verify` report instead.
   */
  private async checkChecksums(
    client: Client,
    options: { baseline: boolean },
  ): Promise<{ applied: AppliedMigration[]; changed: Set<string>; computed: Map<string, string> }> {
    const computed = await computeChecksums(this.migrationsList(), this.orm.em.getDriver(), this.orm.config);
    const { applied, changed, unrecorded } = await readMigrationHistory(client, computed);
    if (options.baseline) {
      for (const name of unrecorded) await recordChecksum(client, name, computed.get(name) as string);
    }
    if (options.baseline && changed.size > 0) throw new MigrationChecksumError([...changed]);
    return { applied, changed, computed };
  }

  private async withSession<T>(fn: (client: Client) => Promise<T>): Promise<T> {
    const client = await openDirectConnection(this.options.db, this.applicationName(), {
      ...LOCK_SESSION_SETTINGS,
      ...this.options.sessionSettings,
    });
    try {
      return await fn(client);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

/**
 * The migration lock is a session advisory lock: through PgBouncer in transaction mode it would be
 * taken on one server connection and released on another
 * (submission-writer.pgbouncer.int-spec.ts shows it). Refuse before locking.
 */
async function assertDirectConnection(client: Client): Promise<void> {
  const pooler = await detectPooler(client);
  if (pooler.pooled) {
    throw new PooledConnectionError(
      `The migrator needs a direct connection, but this one goes through a connection pooler (${pooler.evidence}). ` +
        'Its advisory lock holds only on one session: set DATABASE_URL to the database server itself, not to PgBouncer.',
    );
  }
}

/** Whether the hourly rollup is a continuous aggregate (community) or a table (OSS). */
async function readRollupKind(client: Client): Promise<'continuous aggregate' | 'table' | null> {
  const { rows } = await client.query<{ present: boolean }>(`select to_regclass('subreddit_activity_hourly') is not null as present`);
  if (!rows[0]?.present) return null;
  // the view exists only where the extension does, so its catalog can be read now
  const { rows: caggs } = await client.query(
    `select 1 from timescaledb_information.continuous_aggregates where view_name = 'subreddit_activity_hourly'`,
  );
  return caggs.length > 0 ? 'continuous aggregate' : 'table';
}
