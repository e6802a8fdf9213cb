import { Migration } from '@mikro-orm/migrations';

/**
 * Least privilege: a writer role for scrapers (read and write rows, no DDL) and a read-only role for
 * analysts. The migrator's own role owns the tables (DDL). Role names come from the session settings
 * `sentiment.writer_role` / `sentiment.reader_role` (the migrator sets them from DB_WRITER_ROLE and
 * DB_READER_ROLE), so this SQL, and its checksum, is the same everywhere. A missing role is created
 * (NOLOGIN: grant it to login users) when `sentiment.create_roles` is on and the migrator may create
 * roles; otherwise the grants wait for the role, with a notice.
 */
export class Migration20261129000700_least_privilege_roles extends Migration {
  override async up(): Promise<void> {
    this.addSql(`do $$
declare
  writer text := coalesce(nullif(current_setting('sentiment.writer_role', true), ''), 'sentiment_writer');
  reader text := coalesce(nullif(current_setting('sentiment.reader_role', true), ''), 'sentiment_reader');
  may_create boolean := coalesce(current_setting('sentiment.create_roles', true), 'on') = 'on'
    and (select rolsuper or rolcreaterole from pg_roles where rolname = current_user);
  role_name text;
begin
  foreach role_name in array array[writer, reader] loop
    if not exists (select 1 from pg_roles where rolname = role_name) and may_create then
      begin
        execute format('create role %I nologin', role_name);
      exception when duplicate_object or unique_violation then
        null; -- another migrator (another database of this server) created it meanwhile
      end;
    end if;
  end loop;
  if exists (select 1 from pg_roles where rolname = writer) then
    execute format('grant usage on schema %I to %I', current_schema(), writer);
    execute format('grant temporary on database %I to %I', current_database(), writer);
    execute format('grant select, insert, update on raw_submissions, submission_metrics, scrape_checkpoints, scrape_gaps to %I', writer);
    execute format('grant usage on sequence scrape_gaps_id_seq to %I', writer);
    -- the scraper checks at start that no migration is pending
    execute format('grant select on mikro_orm_migrations, schema_migration_checksums, subreddit_activity_hourly to %I', writer);
  else
    raise notice 'role % does not exist: grants for scrapers skipped (create it, then run the migrator again)', writer;
  end if;
  if exists (select 1 from pg_roles where rolname = reader) then
    execute format('grant usage on schema %I to %I', current_schema(), reader);
    execute format('grant select on all tables in schema %I to %I', current_schema(), reader);
    execute format('alter default privileges in schema %I grant select on tables to %I', current_schema(), reader);
  else
    raise notice 'role % does not exist: grants for analysts skipped', reader;
  end if;
end
$$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`do $$
declare
  writer text := coalesce(nullif(current_setting('sentiment.writer_role', true), ''), 'sentiment_writer');
  reader text := coalesce(nullif(current_setting('sentiment.reader_role', true), ''), 'sentiment_reader');
begin
  if exists (select 1 from pg_roles where rolname = writer) then
    execute format('revoke all on all tables in schema %I from %I', current_schema(), writer);
    execute format('revoke all on all sequences in schema %I from %I', current_schema(), writer);
    execute format('revoke temporary on database %I from %I', current_database(), writer);
    execute format('revoke usage on schema %I from %I', current_schema(), writer);
  end if;
  if exists (select 1 from pg_roles where rolname = reader) then
    execute format('alter default privileges in schema %I revoke select on tables from %I', current_schema(), reader);
    execute format('revoke all on all tables in schema %I from %I', current_schema(), reader);
    execute format('revoke usage on schema %I from %I', current_schema(), reader);
  end if;
end
$$;`);
  }
}
