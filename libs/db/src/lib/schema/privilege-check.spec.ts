import { findPrivilegeFailure, privilegeProblems, type PrivilegeFacts } from './privilege-check';

/** A non-superuser who owns its database, as on a managed service after the admin's steps. */
const owner: PrivilegeFacts = {
  user: 'sentiment',
  database: 'sentiment',
  schema: 'public',
  superuser: false,
  createRole: false,
  databaseCreate: true,
  schemaCreate: true,
  extensionInstalled: true,
  extensionTrusted: true,
  createRolesAllowed: true,
  roles: [
    { name: 'sentiment_writer', setting: 'sentiment.writer_role', exists: true },
    { name: 'sentiment_reader', setting: 'sentiment.reader_role', exists: true },
  ],
};
const tables = { name: 'M2_tables', statements: ['create table "t" ("x" int);'] };
const grants = {
  name: 'M7_roles',
  statements: [
    "do $$ declare writer text := current_setting('sentiment.writer_role', true); reader text := current_setting('sentiment.reader_role', true); " +
      "begin execute format('create role %I nologin', writer); end $$;",
  ],
};

describe('privilegeProblems', () => {
  it('finds nothing missing for a database owner once the admin created the extension and the roles', () => {
    expect(privilegeProblems(owner, [tables, grants])).toEqual([]);
  });

  it('finds nothing missing when nothing is pending, or for a superuser', () => {
    const bare = { ...owner, extensionInstalled: false, databaseCreate: false, schemaCreate: false };
    expect(privilegeProblems(bare, [])).toEqual([]);
    expect(privilegeProblems({ ...bare, superuser: true }, [tables])).toEqual([]);
  });

  it('lets a database owner create the trusted extension itself', () => {
    expect(privilegeProblems({ ...owner, extensionInstalled: false }, [tables])).toEqual([]);
  });

  it("names the admin's CREATE EXTENSION when the user may not create it", () => {
    expect(privilegeProblems({ ...owner, extensionInstalled: false, databaseCreate: false }, [tables])).toEqual([
      'extension timescaledb is not installed in database sentiment, and user sentiment cannot create it ' +
        '(needs CREATE on database sentiment (its owner has it)). An admin runs once, connected to sentiment: ' +
        'CREATE EXTENSION IF NOT EXISTS timescaledb;',
    ]);
    expect(privilegeProblems({ ...owner, extensionInstalled: false, extensionTrusted: false }, [tables])[0]).toContain('(needs superuser)');
  });

  it('names the grant when the user may not create tables in the schema', () => {
    expect(privilegeProblems({ ...owner, schemaCreate: false }, [tables])).toEqual([
      'user sentiment may not create tables in schema public. An admin runs: GRANT CREATE ON SCHEMA public TO sentiment; ' +
        '(or ALTER DATABASE sentiment OWNER TO sentiment)',
    ]);
  });

  it('names the CREATE ROLE statements when group roles are missing and the user has no CREATEROLE', () => {
    const facts = { ...owner, roles: owner.roles.map((r) => ({ ...r, exists: false })) };
    expect(privilegeProblems(facts, [grants])).toEqual([
      'group role(s) sentiment_writer, sentiment_reader do not exist and user sentiment has no CREATEROLE, so the grants ' +
        'for scrapers and analysts would be skipped. An admin runs: CREATE ROLE sentiment_writer NOLOGIN; CREATE ROLE sentiment_reader NOLOGIN;',
    ]);
    expect(privilegeProblems({ ...facts, createRole: true }, [grants])).toEqual([]);
    expect(privilegeProblems({ ...facts, createRole: true, createRolesAllowed: false }, [grants])[0]).toContain('DB_CREATE_ROLES is false');
  });

  it('ignores missing roles that no pending migration uses', () => {
    const facts = { ...owner, roles: owner.roles.map((r) => ({ ...r, exists: false })) };
    expect(privilegeProblems(facts, [tables])).toEqual([]);
  });
});

describe('findPrivilegeFailure', () => {
  it("finds SQLSTATE 42501 under MikroORM's migration error, with the migration's name and the server's hint", () => {
    const driver = Object.assign(new Error('create event trigger x ...; - permission denied to create event trigger "x"'), {
      code: '42501',
      hint: 'Must be superuser to create an event trigger.',
    });
    const wrapped = Object.assign(new Error('Migration M9_trigger (up) failed', { cause: driver }), {
      migration: { name: 'M9_trigger.ts' },
    });
    expect(findPrivilegeFailure(wrapped)).toEqual({
      migration: 'M9_trigger',
      message: driver.message,
      hint: 'Must be superuser to create an event trigger.',
    });
  });

  it('returns null for any other failure', () => {
    expect(findPrivilegeFailure(Object.assign(new Error('duplicate'), { code: '23505' }))).toBeNull();
    expect(findPrivilegeFailure('boom')).toBeNull();
  });
});
