import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261129000100_timescaledb_extension } from './Migration20261129000100_timescaledb_extension';
import { Migration20261129000200_raw_submissions } from './Migration20261129000200_raw_submissions';
import { Migration20261129000300_submission_metrics } from './Migration20261129000300_submission_metrics';
import { Migration20261129000400_scrape_state } from './Migration20261129000400_scrape_state';

/**
 * Every migration, in run order. A bundled app cannot glob files, so the list is explicit
 * (DESIGN.md §3); `migrations-list.spec.ts` checks it matches the files on disk.
 * Add a migration: `npx nx run migrator:create --name <what-changes>`, then list it here.
 */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261129000100_timescaledb_extension', class: Migration20261129000100_timescaledb_extension },
  { name: 'Migration20261129000200_raw_submissions', class: Migration20261129000200_raw_submissions },
  { name: 'Migration20261129000300_submission_metrics', class: Migration20261129000300_submission_metrics },
  { name: 'Migration20261129000400_scrape_state', class: Migration20261129000400_scrape_state },
];
