/** Rendering of migration source files, without the ORM: see lib/schema/migration-files.ts. */
export { migrationName, migrationTimestamp, renderMigration, renderMigrationIndex } from './lib/schema/migration-files';
