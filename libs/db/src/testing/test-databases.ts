import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { databaseEnvShape, parseEnv, toDatabaseConfig, type DatabaseConfig } from '../lib/config/database-config';
import { EDITION_ENV, EDITION_LICENSE, type TimescaleEdition } from './editions';

/** Environment variables through which the global setup hands the OSS server to test files. */
export const TEST_ADMIN_URL_VAR = EDITION_ENV.oss.adminUrl;
export const TEST_TEMPLATE_DB_VAR = EDITION_ENV.oss.template;

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

/**
 * Fails loudly when a server is not the edition it stands for (a full TimescaleDB build defaults to
 * the community edition, so a server without an explicit license would silently test the wrong one).
 */
export async function assertEdition(url: string, edition: TimescaleEdition): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ license: string | null }>(`select current_setting('timescaledb.license', true) as license`);
    const license = rows[0]?.license ?? null;
    if (license !== EDITION_LICENSE[edition]) {
      throw new Error(
        `The ${edition} test server at ${new URL(url).host} runs timescaledb.license = ${license ?? 'unset'}, not ${EDITION_LICENSE[edition]}. ` +
          `Set timescaledb.license = '${EDITION_LICENSE[edition]}' in its postgresql.conf and restart it ` +
          '(tools/local-timescaledb/timescaledb.sh start does this for its own clusters).',
      );
    }
  } finally {
    await client.end();
  }
}

/** A fresh database cloned from the migrated template of this test run (one per test file), on the server of `edition`. */
export async function createMigratedTestDatabase(edition: TimescaleEdition = 'oss'): Promise<TestDatabase> {
  const { adminUrl, template } = harnessEnvironment(edition);
  return createDatabase(adminUrl, uniqueDatabaseName('si_test'), template);
}

/** A fresh database without any migration applied (for migrator tests), on the server of `edition`. */
export async function createEmptyTestDatabase(edition: TimescaleEdition = 'oss'): Promise<TestDatabase> {
  const { adminUrl } = harnessEnvironment(edition);
  return createDatabase(adminUrl, uniqueDatabaseName('si_empty'));
}

function harnessEnvironment(edition: TimescaleEdition): { adminUrl: string; template: string } {
  const names = EDITION_ENV[edition];
  const adminUrl = process.env[names.adminUrl];
  const template = process.env[names.template];
  if (!adminUrl || !template) {
    throw new Error(
      edition === 'oss'
        ? `The integration-test harness did not run (${names.adminUrl} is unset). Run integration tests ` +
            'through their Nx target (npx nx run <project>:integration), whose Jest config has the global setup.'
        : `No community-edition server in this test run (${names.adminUrl} is unset): parametrise over testEditions(), ` +
            'which lists only the editions the global setup found, and give the project communityEdition: true in its jest.integration.config.js.',
    );
  }
  return { adminUrl, template };
}
