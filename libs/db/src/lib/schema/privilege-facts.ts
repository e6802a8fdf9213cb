import type { ClientBase } from 'pg';
import type { PrivilegeFacts } from './privilege-check';

/** The group-role settings the migrations read, with the defaults they fall back to. */
const ROLE_SETTINGS = Object.freeze([
  { setting: 'sentiment.writer_role', fallback: 'sentiment_writer' },
  { setting: 'sentiment.reader_role', fallback: 'sentiment_reader' },
]);

/**
 * Reads what the session's user may do, as the migrations will see it: the session must carry the
 * same `sentiment.*` settings as the ORM's connections. Read-only; needs no privilege.
 */
export async function readPrivilegeFacts(client: ClientBase): Promise<PrivilegeFacts> {
  const { rows } = await client.query<{
    user: string;
    database: string;
    schema: string | null;
    superuser: boolean;
    create_role: boolean;
    database_create: boolean;
    schema_create: boolean | null;
    installed: boolean;
    trusted: boolean | null;
    create_roles: boolean;
  }>(
    `select current_user as user, current_database() as database, current_schema() as schema,
            r.rolsuper as superuser, r.rolcreaterole as create_role,
            has_database_privilege(current_database(), 'CREATE') as database_create,
            case when current_schema() is not null then has_schema_privilege(current_schema(), 'CREATE') end as schema_create,
            exists (select 1 from pg_extension where extname = 'timescaledb') as installed,
            (select v.trusted from pg_available_extension_versions v
               join pg_available_extensions e on e.name = v.name and e.default_version = v.version
              where v.name = 'timescaledb') as trusted,
            coalesce(current_setting('sentiment.create_roles', true), 'on') = 'on' as create_roles
       from pg_roles r where r.rolname = current_user`,
  );
  const row = rows[0];
  if (!row) throw new Error('the current user is missing from pg_roles');
  const roles = [];
  for (const { setting, fallback } of ROLE_SETTINGS) {
    const { rows: found } = await client.query<{ name: string; exists: boolean }>(
      `select coalesce(nullif(current_setting($1, true), ''), $2) as name,
              exists (select 1 from pg_roles where rolname = coalesce(nullif(current_setting($1, true), ''), $2)) as exists`,
      [setting, fallback],
    );
    if (found[0]) roles.push({ name: found[0].name, setting, exists: found[0].exists });
  }
  return {
    user: row.user,
    database: row.database,
    // no schema on the search path: nothing can be created anywhere, which the check reports
    schema: row.schema ?? 'public',
    superuser: row.superuser,
    createRole: row.create_role,
    databaseCreate: row.database_create,
    schemaCreate: row.schema_create ?? false,
    extensionInstalled: row.installed,
    extensionTrusted: row.trusted,
    createRolesAllowed: row.create_roles,
    roles,
  };
}
