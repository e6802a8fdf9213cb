import { Client, type ClientConfig } from 'pg';
import type { DatabaseConfig } from '../config/database-config';
import { toConnectionError } from './connection-errors';
import { sessionOptions } from './orm-options';

/**
 * Connection settings for a dedicated `pg.Client`, outside the ORM's pool; `sessionSettings` are
 * server settings sent at connection start (the migrator's session timeouts, role names).
 */
export function clientConfig(
  db: DatabaseConfig,
  applicationName: string,
  sessionSettings?: Readonly<Record<string, string>>,
): ClientConfig {
  return {
    host: db.host,
    port: db.port,
    user: db.user,
    password: db.password,
    database: db.database,
    connectionTimeoutMillis: db.connectTimeoutMs,
    application_name: applicationName,
    // A dead server must not hang the process (pg waits forever by default).
    keepAlive: true,
    ...sessionOptions(sessionSettings),
  };
}

/**
 * Opens a dedicated direct connection (not from the pool): the migration lock must live on one
 * session for its whole duration, which
 * transaction pooling cannot promise. Connection failures become typed errors that say
 * what to check.
 */
export async function openDirectConnection(
  db: DatabaseConfig,
  applicationName: string,
  sessionSettings?: Readonly<Record<string, string>>,
): Promise<Client> {
  // Settings are applied after connecting rather than as the `options` start-up parameter, which
  // PgBouncer refuses ("unsupported startup parameter") before the migrator could tell the user
  // that it needs a direct connection (exit 10).
  const client = new Client(clientConfig(db, applicationName));
  // An 'error' event on an idle client (server restart) would otherwise crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw toConnectionError(error, db);
  }
  try {
    sessionOptions(sessionSettings); // validates names and values
    for (const [name, value] of Object.entries(sessionSettings ?? {})) {
      await client.query('select set_config($1, $2, false)', [name, value]);
    }
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return client;
}
