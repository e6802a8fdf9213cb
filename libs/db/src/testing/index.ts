export {
  createMigratedTestDatabase,
  createEmptyTestDatabase,
  createDatabase,
  dropDatabase,
  withDatabase,
  uniqueDatabaseName,
  type TestDatabase,
} from './test-databases';
export { createMigratedDatabase } from './migrated-database';
export { startCommunityTestServer, startTestServer, TIMESCALEDB_COMMUNITY_IMAGE, TIMESCALEDB_IMAGE, type TestServer } from './test-server';
export { EDITION_LICENSE, testEditions, type TimescaleEdition } from './editions';
export { makeSubmission } from './submission-factory';
export { makeRedditComment } from './comment-factory';
export { pgBouncerPortFor, startTestPgBouncer, TEST_PGBOUNCER_POOL_SIZE, TEST_PGBOUNCER_PORT, type TestPgBouncer } from './pgbouncer';
export { HN_READ_AT, makeHnComment, makeHnItem } from './hn-item-factory';
