import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { createMigratedTestDatabase, type TestDatabase } from '../../testing';
import { MIGRATIONS } from '../migrations';
import { MIGRATIONS_TABLE } from './orm-options';

// The workspace's mikro-orm.config.ts, run by the real MikroORM CLI from the workspace root, as a
// user runs `npx mikro-orm …` there.
const WORKSPACE_ROOT = join(__dirname, '../../../../..');
const CLI = join(WORKSPACE_ROOT, 'node_modules/@mikro-orm/cli/cli');

let database: TestDatabase;

beforeAll(async () => {
  database = await createMigratedTestDatabase();
});

afterAll(async () => {
  await database.drop();
});

async function appliedMigrations(): Promise<number> {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: number }>(`select count(*)::int as count from ${MIGRATIONS_TABLE}`);
    return rows[0]!.count;
  } finally {
    await client.end();
  }
}

// Each run compiles the workspace's TypeScript through ts-node: about 4 s alone, a minute under CI's parallel load.
async function mikroOrm(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, DATABASE_URL: database.url, FORCE_COLOR: '0', NO_COLOR: '1' };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], { cwd: WORKSPACE_ROOT, env, timeout: 280_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('npx mikro-orm, with the workspace configuration', () => {
  it('finds the workspace configuration, connects, and migration:list shows every migration the migrator applied', async () => {
    const list = await mikroOrm('migration:list');
    expect({ code: list.code, stderr: list.stderr }).toEqual({ code: 0, stderr: '' });
    for (const migration of MIGRATIONS) expect(list.stdout).toContain(migration.name);
  }, 300_000);

  it('refuses migration:down with what to run instead, and reverts nothing', async () => {
    const { code, stderr } = await mikroOrm('migration:down');
    expect(code).toBe(2);
    expect(stderr.trim()).toBe(
      '`mikro-orm migration:down` is not used in sentiment-ingest: the migrator changes the schema (advisory lock, migration checksums, role settings). ' +
        'Run npx nx run migrator:down (or `node dist/apps/migrator/main.js down`).',
    );
    expect(await appliedMigrations()).toBe(MIGRATIONS.length);
  }, 300_000);
});
