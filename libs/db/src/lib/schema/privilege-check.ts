/**
 * What the migrator's user may do in its database, read before pending migrations run so that a
 * missing privilege is named up front instead of failing (or silently skipping) half-way.
 */
export interface PrivilegeFacts {
  readonly user: string;
  readonly database: string;
  readonly schema: string;
  readonly superuser: boolean;
  readonly createRole: boolean;
  /** CREATE on the database: what a trusted extension needs (the owner has it) */
  readonly databaseCreate: boolean;
  /** CREATE on the schema the tables go to (PostgreSQL 15 no longer grants it on `public` to everyone) */
  readonly schemaCreate: boolean;
  readonly extensionInstalled: boolean;
  /** whether the server marks timescaledb trusted (creatable without superuser); null when unknown */
  readonly extensionTrusted: boolean | null;
  /** `sentiment.create_roles` (DB_CREATE_ROLES) */
  readonly createRolesAllowed: boolean;
  /** the group roles named by `sentiment.writer_role` / `sentiment.reader_role`, and whether each exists */
  readonly roles: readonly { readonly name: string; readonly setting: string; readonly exists: boolean }[];
}

/** The SQL of the pending migrations, in run order. */
export interface PendingSql {
  readonly name: string;
  readonly statements: readonly string[];
}

/**
 * Judges the facts against what the pending migrations need; one line per missing privilege or
 * admin step, each saying who does what. Empty when the migrations can run. Pure.
 */
export function privilegeProblems(facts: PrivilegeFacts, pending: readonly PendingSql[]): string[] {
  if (pending.length === 0 || facts.superuser) return [];
  const problems: string[] = [];
  const sql = pending.flatMap((m) => m.statements).join('\n');
  const who = `user ${facts.user}`;

  if (!facts.extensionInstalled && !(facts.extensionTrusted && facts.databaseCreate)) {
    const needs = facts.extensionTrusted === false ? 'superuser' : `CREATE on database ${facts.database} (its owner has it)`;
    problems.push(
      `extension timescaledb is not installed in database ${facts.database}, and ${who} cannot create it (needs ${needs}). ` +
        `An admin runs once, connected to ${facts.database}: CREATE EXTENSION IF NOT EXISTS timescaledb;`,
    );
  }
  if (!facts.schemaCreate) {
    problems.push(
      `${who} may not create tables in schema ${facts.schema}. An admin runs: ` +
        `GRANT CREATE ON SCHEMA ${facts.schema} TO ${facts.user}; (or ALTER DATABASE ${facts.database} OWNER TO ${facts.user})`,
    );
  }
  const createsRoles = /\bcreate role\b/i.test(sql);
  const mayCreateRoles = createsRoles && facts.createRolesAllowed && facts.createRole;
  const missing = facts.roles.filter((role) => !role.exists && sql.includes(role.setting));
  if (missing.length > 0 && !mayCreateRoles) {
    const why = !facts.createRolesAllowed ? 'DB_CREATE_ROLES is false' : `${who} has no CREATEROLE`;
    problems.push(
      `group role(s) ${missing.map((r) => r.name).join(', ')} do not exist and ${why}, so the grants for scrapers and ` +
        `analysts would be skipped. An admin runs: ${missing.map((r) => `CREATE ROLE ${r.name} NOLOGIN;`).join(' ')}`,
    );
  }
  return problems;
}

/** SQLSTATE insufficient_privilege. */
const INSUFFICIENT_PRIVILEGE = '42501';

/** A migration the server refused for lack of a privilege: which one, and what the server said. */
export interface PrivilegeFailure {
  readonly migration: string | null;
  readonly message: string;
  readonly hint: string | null;
}

/**
 * Finds an insufficient_privilege error (SQLSTATE 42501) in an error's `cause` chain, as MikroORM's
 * migrator wraps it (umzug's MigrationError, which names the migration, around the driver's
 * exception). Null for any other failure. Pure.
 */
export function findPrivilegeFailure(error: unknown): PrivilegeFailure | null {
  let migration: string | null = null;
  for (let current: unknown = error, depth = 0; current && typeof current === 'object' && depth < 10; depth++) {
    const candidate = current as { code?: unknown; message?: unknown; hint?: unknown; migration?: { name?: unknown }; cause?: unknown };
    if (typeof candidate.migration?.name === 'string') migration ??= candidate.migration.name.replace(/\.(ts|js)$/, '');
    if (candidate.code === INSUFFICIENT_PRIVILEGE) {
      return {
        migration,
        message: typeof candidate.message === 'string' ? candidate.message : 'permission denied',
        hint: typeof candidate.hint === 'string' ? candidate.hint : null,
      };
    }
    current = candidate.cause;
  }
  return null;
}
