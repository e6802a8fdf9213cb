import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createEmptyTestDatabase, withDatabase, type TestDatabase } from '@sentiment-ingest/db/testing';

/** A login role of the test server, as a managed service would hand one out: no superuser, no CREATEROLE. */
export interface LoginRole {
  readonly name: string;
  /** `url` (any database of the test server) with this role's credentials */
  urlFor(url: string): string;
  /** drops the role; run after every database it owns or has rights in is dropped */
  drop(): Promise<void>;
}

/** Runs SQL as the test server's superuser (the admin of a managed service). */
export async function asAdmin<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * `create role <r> login password '…' nosuperuser nocreaterole`, with per-role `settings` (e.g.
 * `statement_timeout`), through the admin URL of any test database.
 */
export async function createLoginRole(adminUrl: string, options: { settings?: Readonly<Record<string, string>> } = {}): Promise<LoginRole> {
  const name = `si_login_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  await asAdmin(adminUrl, async (admin) => {
    await admin.query(`create role ${name} login password '${password}' nosuperuser nocreaterole`);
    for (const [setting, value] of Object.entries(options.settings ?? {})) {
      await admin.query(`alter role ${name} set ${setting} = '${value}'`);
    }
  });
  return {
    name,
    urlFor: (url) => {
      const parsed = new URL(url);
      parsed.username = name;
      parsed.password = password;
      return parsed.toString();
    },
    drop: () => asAdmin(withDatabase(adminUrl, 'postgres'), (admin) => admin.query(`drop role if exists ${name}`)).then(() => undefined),
  };
}

/**
 * A managed service's database: a fresh test database handed to `owner` (as `create database <d>
 * owner <r>` would), with the timescaledb extension created by the admin when `extension` is set.
 */
export async function createOwnedDatabase(owner: LoginRole, options: { extension: boolean }): Promise<TestDatabase> {
  const database = await createEmptyTestDatabase();
  await asAdmin(database.url, async (admin) => {
    await admin.query(`alter database "${database.name}" owner to ${owner.name}`);
    if (options.extension) await admin.query('create extension timescaledb');
  });
  return database;
}
