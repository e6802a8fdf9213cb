// Jest hooks: import this file only from test files (not through the testing index, which benchmarks load too).
import { afterAll, beforeAll, beforeEach } from '@jest/globals';
import { Pool } from 'pg';
import { poolConnectionSource } from '../lib/write/connection-sources';
import { SubmissionWriter } from '../lib/write/submission-writer';
import type { TimescaleEdition } from './editions';
import { createMigratedTestDatabase, type TestDatabase } from './test-databases';

/** Tables the write path fills, emptied before each test. */
const WRITTEN_TABLES = 'raw_submissions, submission_metrics, submission_keys, hn_items, hn_item_metrics, hn_item_keys, raw_comments, comment_metrics, comment_keys, archive_imports, scrape_checkpoints, scrape_gaps, rejected_items';

/** A migrated database of the test file, a pool on it and a writer, as {@link useWriterDatabase} provides them. */
export interface WriterDatabase {
  readonly database: TestDatabase;
  readonly pool: Pool;
  readonly writer: SubmissionWriter;
  /** rows in a table */
  count(table: string): Promise<number>;
}

/**
 * Registers Jest hooks: one migrated database for the file (dropped after it), a pool and a
 * SubmissionWriter on it, and empty write-path tables before each test. The returned object's
 * properties are readable inside tests (after beforeAll ran). The database is on the server of
 * `edition` (see testEditions()).
 */
export function useWriterDatabase(edition: TimescaleEdition = 'oss'): WriterDatabase {
  let current: WriterDatabase | undefined;
  beforeAll(async () => {
    const database = await createMigratedTestDatabase(edition);
    const pool = new Pool({ connectionString: database.url, max: 4 });
    const count = async (table: string) => {
      const { rows } = await pool.query<{ n: number }>(`select count(*)::int as n from ${table}`);
      return rows[0]?.n ?? -1;
    };
    current = { database, pool, writer: new SubmissionWriter({ connections: poolConnectionSource(pool) }), count };
  });
  afterAll(async () => {
    await current?.pool.end();
    await current?.database.drop();
  });
  beforeEach(async () => {
    await current?.pool.query(`truncate ${WRITTEN_TABLES}`);
  });
  const ready = (): WriterDatabase => {
    if (!current) throw new Error('useWriterDatabase(): read the database inside a test, after beforeAll ran');
    return current;
  };
  return {
    get database() {
      return ready().database;
    },
    get pool() {
      return ready().pool;
    },
    get writer() {
      return ready().writer;
    },
    count: (table) => ready().count(table),
  };
}
