import { ConfigError, InsufficientPrivilegeError } from '@sentiment-ingest/db';
import type { LoginUser } from './config';

/**
 * The login users of `up` (DB_SCRAPER_USER, DB_ANALYST_USER): created when missing, their password
 * set on every run (so changing it in .env and running `up` again rotates it), and granted their
 * group role. Role management, not schema: it runs after the migrations, outside them (migrations
 * are immutable and checksummed), and the same on every database of a server, since roles are
 * cluster-wide.
 *
 * PostgreSQL cannot bind parameters in CREATE/ALTER ROLE, so the server builds each statement with
 * format(): %I quotes the name, %L the password (a quote or a backslash included); the password
 * travels only as a bind parameter of that SELECT and in the statement it returns, never in a log.
 */

/** What the statements need of a connection (a pg Client). */
export interface Queryable {
  query<R extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/** Where the outcome goes (the migrator's pino logger). */
export interface LoginUsersLog {
  info(fields: Record<string, unknown>, message: string): void;
}

/** What `up` did for one user. */
export interface LoginUserOutcome {
  readonly name: string;
  readonly memberOf: string;
  readonly created: boolean;
}

/** The attributes of an existing role that decide whether it may serve as a login user. */
export interface RoleAttributes {
  readonly rolsuper: boolean;
  readonly rolcreaterole: boolean;
  readonly rolcreatedb: boolean;
  readonly rolreplication: boolean;
  readonly rolbypassrls: boolean;
}

/** What `up` logs when neither user is configured. */
export const NO_LOGIN_USERS = 'no login users configured (DB_SCRAPER_USER and DB_ANALYST_USER are empty): none created or updated';

const CREATE_SQL = `select format('create role %I with login inherit password %L', $1::text, $2::text) as sql`;
const ALTER_SQL = `select format('alter role %I with login inherit password %L', $1::text, $2::text) as sql`;
const GRANT_SQL = `select format('grant %I to %I', $1::text, $2::text) as sql`;
const DUPLICATE_OBJECT = '42710';
const INSUFFICIENT_PRIVILEGE = '42501';

/**
 * Why an existing role must not become this login user, or null: one with rights beyond its group
 * role's (superuser, CREATEROLE, ...) would undo least privilege, and `up` would change its password.
 */
export function existingRoleProblem(user: LoginUser, attributes: RoleAttributes): string | null {
  const extra = [
    attributes.rolsuper && 'SUPERUSER',
    attributes.rolcreaterole && 'CREATEROLE',
    attributes.rolcreatedb && 'CREATEDB',
    attributes.rolreplication && 'REPLICATION',
    attributes.rolbypassrls && 'BYPASSRLS',
  ].filter((a): a is string => typeof a === 'string');
  if (extra.length === 0) return null;
  return (
    `${user.userVariable}=${user.name} names an existing role with ${extra.join(', ')}: the ${user.purpose}s would have more rights ` +
    `than ${user.memberOf} grants, and up would change that role's password. Choose a user of its own (e.g. sentiment_${user.purpose}), ` +
    `or have an admin remove those attributes (ALTER ROLE ${user.name} NO${extra.join(' NO')};)`
  );
}

/** The error when the migrator's user may not manage roles: what an admin runs instead, without the password. */
export function noCreateRoleMessage(migratorUser: string, users: readonly LoginUser[]): string {
  const statements = users
    .map((u) => `CREATE ROLE ${u.name} LOGIN PASSWORD '<${u.passwordVariable}>'; GRANT ${u.memberOf} TO ${u.name};`)
    .join(' ');
  const variables = users.map((u) => u.userVariable).join(' and ');
  return (
    `user ${migratorUser} has no CREATEROLE, so it cannot create the login users ${users.map((u) => u.name).join(', ')} or set their passwords. ` +
    `Either give it CREATEROLE (an admin runs: ALTER ROLE ${migratorUser} CREATEROLE;), or have an admin create them ` +
    `(${statements} use ALTER ROLE <user> PASSWORD '...' to rotate) and leave ${variables} empty, then run up again (docs/runbook.md, "Database users")`
  );
}

/** The error when a group role is missing: the roles migration creates it only when it may. */
export function missingGroupRoleMessage(user: LoginUser): string {
  return (
    `group role ${user.memberOf} does not exist, so ${user.userVariable}=${user.name} cannot be granted it. ` +
    `Set DB_CREATE_ROLES=true and give the migrator's user CREATEROLE, or have an admin run CREATE ROLE ${user.memberOf} NOLOGIN; ` +
    'then run up again (the migrations grant it its rights)'
  );
}

const sqlStateOf = (error: unknown) => (error as { code?: unknown } | null)?.code;

/** Builds a statement server-side and runs it. */
async function runFormatted(client: Queryable, formatSql: string, params: readonly string[]): Promise<void> {
  const { rows } = await client.query<{ sql: string }>(formatSql, [...params]);
  await client.query(rows[0]?.sql ?? '');
}

/**
 * Creates or updates each user (see the file comment) and grants it its group role; returns what it
 * did. Throws a ConfigError for a user that names a privileged role, an InsufficientPrivilegeError
 * (exit 11) when the migrator's user may not manage roles or a group role is missing.
 */
export async function ensureLoginUsers(client: Queryable, users: readonly LoginUser[], log: LoginUsersLog): Promise<LoginUserOutcome[]> {
  if (users.length === 0) {
    log.info({}, NO_LOGIN_USERS);
    return [];
  }
  const { rows: me } = await client.query<{ name: string; may: boolean }>(
    'select rolname as name, rolsuper or rolcreaterole as may from pg_roles where rolname = current_user',
  );
  const migratorUser = me[0]?.name ?? 'current_user';
  if (me[0]?.may !== true) throw new InsufficientPrivilegeError(noCreateRoleMessage(migratorUser, users));

  const outcomes: LoginUserOutcome[] = [];
  for (const user of users) {
    const { rows: groups } = await client.query('select 1 from pg_roles where rolname = $1', [user.memberOf]);
    if (groups.length === 0) throw new InsufficientPrivilegeError(missingGroupRoleMessage(user));
    const { rows: existing } = await client.query<RoleAttributes & Record<string, unknown>>(
      'select rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls from pg_roles where rolname = $1',
      [user.name],
    );
    const problem = existing[0] ? existingRoleProblem(user, existing[0]) : null;
    if (problem) throw new ConfigError([problem]);
    try {
      const created = existing.length === 0 && (await createUnlessExists(client, user));
      if (!created) await runFormatted(client, ALTER_SQL, [user.name, user.password]);
      await runFormatted(client, GRANT_SQL, [user.memberOf, user.name]);
      log.info({ user: user.name, memberOf: user.memberOf }, created ? 'login user created' : 'login user updated: password set, membership granted');
      outcomes.push({ name: user.name, memberOf: user.memberOf, created });
    } catch (error) {
      if (sqlStateOf(error) !== INSUFFICIENT_PRIVILEGE) throw error;
      throw new InsufficientPrivilegeError(
        `login user ${user.name} (${user.userVariable}) could not be created or updated by ${migratorUser}: ${(error as Error).message}. ` +
          `An admin gives ${migratorUser} the right (e.g. GRANT ${user.memberOf} TO ${migratorUser} WITH ADMIN OPTION;), then run up again`,
        { cause: error },
      );
    }
  }
  return outcomes;
}

/** CREATE ROLE; false when another migrator (another database of the server) created it meanwhile. */
async function createUnlessExists(client: Queryable, user: LoginUser): Promise<boolean> {
  try {
    await runFormatted(client, CREATE_SQL, [user.name, user.password]);
    return true;
  } catch (error) {
    if (sqlStateOf(error) === DUPLICATE_OBJECT) return false;
    throw error;
  }
}
