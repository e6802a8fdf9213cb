export * from './lib/errors';
export * from './lib/config/env-file';
export * from './lib/config/database-config';
export * from './lib/entities';
export { MIGRATIONS } from './lib/migrations';
export { createOrmOptions, MIGRATIONS_TABLE, MIGRATIONS_SOURCE_DIR } from './lib/orm/orm-options';
export { createCliOrmOptions, refusedCliCommand } from './lib/orm/cli-options';
export { openOrm } from './lib/orm/open-orm';
export { openDirectConnection, clientConfig } from './lib/orm/direct-connection';
export { toConnectionError } from './lib/orm/connection-errors';
export { detectPooler, judgePoolerProbe, type PoolerProbe, type PoolerVerdict } from './lib/orm/pgbouncer-detection';
export * from './lib/timescale/timescale-info';
export { SchemaMigrator, type MigrationLog, type MigrationPlan, type SchemaMigratorOptions } from './lib/schema/schema-migrator';
export { formatMigrationStates, type MigrationState } from './lib/schema/migration-status';
export { assertSchemaCurrent } from './lib/schema/schema-current';
export type { VerifyReport } from './lib/schema/verify-report';
export { CHECKSUMS_TABLE } from './lib/schema/migration-checksums';
export {
  LOCK_HEARTBEAT_MS,
  LOCK_SESSION_SETTINGS,
  MIGRATION_LOCK_KEY,
  MIGRATOR_SESSION_SETTINGS,
  STALE_SESSION_AFTER_MS,
} from './lib/schema/migration-lock';
export { SubmissionWriter, type SubmissionBatch } from './lib/write/submission-writer';
export { ItemWriter, type BatchOutcome, type ConnectionSource, type ItemBatch, type WriteCounts, type WriteResult } from './lib/ingest/item-writer';
export { defineItemTable, reobservationRowOf, stagingValues, type ColumnType, type ItemColumn, type ItemTable, type ObservationTable } from './lib/ingest/item-table';
export { ingestSql, OBSERVED_AT, type IngestSql } from './lib/ingest/ingest-sql';
export { REDDIT_SUBMISSIONS } from './lib/sources/reddit-submissions';
export { HN_ITEMS } from './lib/sources/hn-items';
export { REDDIT_COMMENTS } from './lib/sources/reddit-comments';
export { poolConnectionSource, ormConnectionSource } from './lib/write/connection-sources';
export { ScrapeStateRepository } from './lib/state/scrape-state-repository';
export {
  ADVANCE_ARCHIVE_IMPORT_SQL,
  ArchiveImportRepository,
  archiveProgress,
  type ArchiveFile,
  type ArchiveImport,
  type ArchiveProgressStep,
} from './lib/state/archive-imports';
export type { GapResolution, OpenScrapeGap, RecentItem } from './lib/state/scrape-state-rows';
export type { RecentItemsFilter, TimedItemTable } from './lib/state/scrape-state-sql';
export { ormPoolState, pgPoolState, type PoolState } from './lib/state/pool-state';
export { isRetryableDatabaseError, isRowDataError, sqlStateOf } from './lib/write/sqlstate';
export { toRejectedRows, type RejectedItem, type RejectedRow } from './lib/write/rejected-items';
// The writer's own row encoding, so tools/bench's COPY baseline sends exactly the writer's bytes.
export { BinaryCopyRows, type CopyColumn, type CopyInto } from './lib/write/copy-binary';
export { encodeCopyRow, JsonText, type CopyValue } from './lib/write/copy-text';
export {
  COMMENTS_WINDOW_HOURS,
  readDatabaseStats,
  type DatabaseStats,
  type DatabaseStatsOptions,
  type HypertableStats,
  type StreamLag,
} from './lib/stats/database-stats';
export type { StreamGapStats, SubredditCommentStats } from './lib/stats/gap-comment-stats';
export { formatStats, formatBytes, formatDuration } from './lib/stats/format-stats';
export { applyRetention, RETAINED_HYPERTABLES, type RetainedHypertable, type RetentionOutcome } from './lib/maintenance/retention';
export { refreshActivityRollup, type RollupOutcome } from './lib/maintenance/activity-rollup';
export { applyCompression, COMPRESSION_LAYOUT, type CompressedHypertable, type CompressionOutcome } from './lib/maintenance/compression';
export { positionOf, TEXT_ITEM_COLUMNS, TEXT_ITEMS_OVERLAP_MS, TEXT_ITEMS_PAGE_SQL, TEXT_ITEMS_START, TextItemsReadState, textItemsPageQuery, type TextItemRow, type TextItemsPosition } from './lib/read/text-items';
