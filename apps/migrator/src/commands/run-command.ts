import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { formatMigrationStates, formatStats, MIGRATIONS_SOURCE_DIR, openDirectConnection, type DatabaseConfig, type SchemaMigrator } from '@sentiment-ingest/db';
import type { Logger } from 'pino';
import type { Command } from '../cli/args';
import { EXIT, type ExitCode } from '../cli/exit-codes';
import type { LoginUser } from '../config';
import { ensureLoginUsers, NO_LOGIN_USERS } from '../login-users';
import { migrationName, renderMigration, renderMigrationIndex } from '@sentiment-ingest/db/migration-files';

/** What a command needs: the migrator, the ORM (for `create`), where to write, and the clock. */
export interface CommandContext {
  readonly migrator: SchemaMigrator;
  readonly orm: MikroORM;
  readonly log: Logger;
  /** command output (stdout); logs go to the logger */
  readonly out: (text: string) => void;
  readonly workspaceRoot: string;
  readonly now: () => Date;
  readonly retentionDays: { readonly raw_submissions: number | null; readonly submission_metrics: number | null };
  readonly rollupLookbackDays: number;
  readonly compressAfterDays: number | null;
  /** the migrator's connection, on which `up` manages the login users */
  readonly db: DatabaseConfig;
  /** login users `up` creates or updates after the migrations (DB_SCRAPER_USER, DB_ANALYST_USER) */
  readonly loginUsers: readonly LoginUser[];
}

/** Runs one migrator command and returns its exit code. Errors propagate to main. */
export async function runCommand(command: Command, ctx: CommandContext, options: { name?: string }): Promise<ExitCode> {
  switch (command) {
    case 'up': {
      const applied = await ctx.migrator.up();
      ctx.log.info({ applied: applied.length }, applied.length > 0 ? 'migrations applied' : 'nothing to apply');
      // after the migrations, which create the group roles the users are granted; no connection
      // when there is no user to manage
      if (ctx.loginUsers.length === 0) {
        ctx.log.info({}, NO_LOGIN_USERS);
        return EXIT.OK;
      }
      const client = await openDirectConnection(ctx.db, 'sentiment-ingest-migrator');
      try {
        await ensureLoginUsers(client, ctx.loginUsers, ctx.log);
      } finally {
        await client.end().catch(() => undefined);
      }
      return EXIT.OK;
    }
    case 'status':
      ctx.out(`${formatMigrationStates(await ctx.migrator.status())}\n`);
      return EXIT.OK;
    case 'plan': {
      const plans = await ctx.migrator.plan();
      if (plans.length === 0) ctx.out('-- no pending migrations\n');
      for (const plan of plans) ctx.out(`-- ${plan.name}\n${plan.statements.join('\n')}\n\n`);
      return EXIT.OK;
    }
    case 'verify': {
      const report = await ctx.migrator.verify();
      for (const line of report.findings) ctx.out(`ok       ${line}\n`);
      for (const line of report.problems) ctx.out(`PROBLEM  ${line}\n`);
      return report.ok ? EXIT.OK : EXIT.NOT_READY;
    }
    case 'check': {
      const drift = await ctx.migrator.drift();
      if (drift.length === 0) {
        ctx.out('no drift: the database matches the entities\n');
        return EXIT.OK;
      }
      ctx.out(
        `DRIFT: the database differs from the entities. SQL that would align it:\n${drift.join('\n')}\n` +
          'Either change the entities to match, or add a migration: npx nx run migrator:create --name <what-changes>\n',
      );
      return EXIT.DRIFT;
    }
    case 'maintain': {
      const report = await ctx.migrator.maintain({
        retentionDays: ctx.retentionDays,
        compressAfterDays: ctx.compressAfterDays,
        rollupLookbackDays: ctx.rollupLookbackDays,
      });
      if (report.skipped) {
        ctx.log.info({}, 'another maintain is running; nothing done');
        return EXIT.OK;
      }
      for (const r of report.retention) {
        if (r.mode === 'drop_chunks') ctx.log.info({ table: r.table, dropped: r.dropped.length, chunks: r.dropped }, 'retention: chunks dropped');
        else if (r.mode === 'policy') ctx.log.info({ table: r.table, dropAfterDays: r.dropAfterDays }, 'retention: policy in place');
        else ctx.log.info({ table: r.table }, 'retention: off');
      }
      if (report.keysPruned !== null) ctx.log.info({ pruned: report.keysPruned }, 'retention: keys of dropped submissions forgotten');
      for (const c of report.compression) {
        if (c.mode === 'policy') ctx.log.info({ table: c.table, compressAfterDays: c.compressAfterDays }, 'compression: policy in place');
        else ctx.log.info({ table: c.table, mode: c.mode }, c.mode === 'unavailable' ? 'compression: unavailable on the OSS edition' : 'compression: off');
      }
      ctx.log.info({ mode: report.rollup.mode, buckets: report.rollup.buckets, rows: report.rollup.rows }, 'rollup refreshed');
      return EXIT.OK;
    }
    case 'stats':
      ctx.out(`${formatStats(await ctx.migrator.stats())}\n`);
      return EXIT.OK;
    case 'down': {
      const reverted = await ctx.migrator.down();
      ctx.out(reverted ? `reverted ${reverted}\n` : 'nothing to revert\n');
      return EXIT.OK;
    }
    case 'create':
      return createMigration(ctx, options.name ?? '');
  }
}

async function createMigration(ctx: CommandContext, name: string): Promise<ExitCode> {
  // Read-only diff; MikroORM's own createMigration() would also overwrite a snapshot
  // (docs/design-notes.md, "MikroORM 6 facts verified here").
  const diff = await ctx.orm.getSchemaGenerator().getUpdateSchemaMigrationSQL({ wrap: false, safe: false, dropTables: true });
  const split = (sql: string) => sql.split('\n').map((s) => s.trim()).filter((s) => s !== '' && !/^set names/i.test(s));
  const up = split(diff.up);
  if (up.length === 0) {
    ctx.out('no changes: the entities match the database, so there is nothing to generate\n');
    return EXIT.OK;
  }
  const dir = join(ctx.workspaceRoot, MIGRATIONS_SOURCE_DIR);
  const fullName = migrationName(ctx.now(), name);
  writeFileSync(join(dir, `${fullName}.ts`), renderMigration({ name: fullName, up, down: split(diff.down) }));
  const names = readdirSync(dir)
    .filter((file) => /^Migration\d{14}_[a-z0-9_]+\.ts$/.test(file))
    .map((file) => file.replace(/\.ts$/, ''));
  writeFileSync(join(dir, 'index.ts'), renderMigrationIndex(names));
  ctx.out(
    `created ${MIGRATIONS_SOURCE_DIR}/${fullName}.ts and listed it in index.ts.\n` +
      'Review its SQL (add TimescaleDB statements by hand), then: npx nx run migrator:serve\n',
  );
  return EXIT.OK;
}
