import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { databaseEnvShape, parseEnv, toDatabaseConfig, type DatabaseConfig } from '../lib/config/database-config';

/** Environment variables through which the global setup hands the server to test files. */
export const TEST_ADMIN_URL_VAR = 'SENTIMENT_INGEST_TEST_ADMIN_URL';
export const TEST_TEMPLATE_DB_VAR = 'SENTIMENT_INGEST_TEST_TEMPLATE_DB';

/** A database owned by one test file, dropped by `drop()`. */
export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  readonly config: DatabaseConfig;
  drop(): Promise<void>;
}

/** Replaces the database name of a connection URL. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** A unique, valid database name for one test file. */
export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

async function withAdmin<T>(adminUrl: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates a database, empty or cloned from `template`. */
export async function createDatabase(
  adminUrl: string,
  name: string,
  template?: string,
): Promise<TestDatabase> {
  await withAdmin(adminUrl, (client) =>
    client.query(`create database "${name}"${template ? ` template "${template}"` : ''}`),
  );
  const url = withDatabase(adminUrl, name);
  return {
    name,
    url,
    config: toDatabaseConfig(parseEnv(databaseEnvShape, { DATABASE_URL: url, DB_CONNECT_TIMEOUT_MS: '5000' })),
    drop: () => dropDatabase(adminUrl, name),
  };
}

/** Drops a database, disconnecting whoever is still connected. */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdmin(adminUrl, (client) => client.query(`drop database if exists "${name}" with (force)`));
}

/**
 * Freezes a migrated database as a template: no new connections, and the ones still open (the
 * TimescaleDB scheduler may hold one) are closed, since CREATE DATABASE ... TEMPLATE needs it idle.
 */
export async function sealTemplate(adminUrl: string, name: string): Promise<void> {
  await withAdmin(adminUrl, async (client) => {
    await client.query(`alter database "${name}" with allow_connections false`);
    await client.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1`, [name]);
  });
}

/** A fresh database cloned from the migrated template of this test run (one per test file). */
export async function createMigratedTestDatabase(): Promise<TestDatabase> {
  const { adminUrl, template } = harnessEnvironment();
  return createDatabase(adminUrl, uniqueDatabaseName('si_test'), template);
}

/** A fresh database without any migration applied (for migrator tests). */
export async function createEmptyTestDatabase(): Promise<TestDatabase> {
  const { adminUrl } = harnessEnvironment();
  return createDatabase(adminUrl, uniqueDatabaseName('si_empty'));
}

function harnessEnvironment(): { adminUrl: string; template: string } {
  const adminUrl = process.env[TEST_ADMIN_URL_VAR];
  const template = process.env[TEST_TEMPLATE_DB_VAR];
  if (!adminUrl || !template) {
    throw new Error(
      `The integration-test harness did not run (${TEST_ADMIN_URL_VAR} is unset). Run integration tests ` +
        'through their Nx target (npx nx run <project>:integration), whose Jest config has the global setup.',
    );
  }
  return { adminUrl, template };
}
