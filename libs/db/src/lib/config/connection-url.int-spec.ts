import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createEmptyTestDatabase, type TestDatabase } from '../../testing';
import { openDirectConnection } from '../orm/direct-connection';
import { databaseEnvShape, parseEnv, toDatabaseConfig } from './database-config';
import { loadEnvironment } from './env-file';

/** A password with every character that breaks a hand-built URL or a naive .env loader. */
const PASSWORD = 'p@ss:w/rd%zz#1$x';
const login = `si_url_${randomBytes(3).toString('hex')}`;
let database: TestDatabase;
let admin: Client;

const { loadAndExpandDotEnvFile } = jest.requireActual<{
  loadAndExpandDotEnvFile(files: string[], env: Record<string, string | undefined>): unknown;
}>('nx/src/tasks-runner/task-env');

beforeAll(async () => {
  database = await createEmptyTestDatabase();
  admin = new Client({ connectionString: database.url });
  await admin.connect();
  await admin.query(`create role ${login} login password ${admin.escapeLiteral(PASSWORD)}`);
});

afterAll(async () => {
  await admin.end();
  await database.drop();
  const cleanup = new Client({ connectionString: database.url.replace(/\/[^/]+$/, '/postgres') });
  await cleanup.connect();
  await cleanup.query(`drop role if exists ${login}`);
  await cleanup.end();
});

/** A workspace directory whose .env is .env.example's database part, pointed at the test server. */
function workspaceWithEnv(): string {
  const dir = mkdtempSync(join(tmpdir(), 'connection-url-'));
  const lines = [
    'PG_HOST=timescaledb_service',
    `PG_HOST_LOCAL=${database.config.host}`,
    `PG_PORT_HOST=${database.config.port}`,
    'PG_PORT_CONTAINER=5432',
    `PG_USER=${login}`,
    `PG_PASSWORD='${PASSWORD}'`,
    `PG_DB=${database.name}`,
    'DATABASE_URL=postgres://${PG_USER}:${PG_PASSWORD}@${PG_HOST}:${PG_PORT_CONTAINER}/${PG_DB}',
    'DATABASE_URL_LOCAL=postgres://${PG_USER}:${PG_PASSWORD}@${PG_HOST_LOCAL}:${PG_PORT_HOST}/${PG_DB}',
  ];
  writeFileSync(join(dir, '.env'), `${lines.join('\n')}\n`);
  return dir;
}

async function currentUserThrough(cwd: string, processEnv: Record<string, string | undefined>): Promise<string> {
  const loaded = loadEnvironment({ cwd, processEnv });
  const config = toDatabaseConfig(parseEnv(databaseEnvShape, loaded.env, undefined, { databaseUrlSource: loaded.databaseUrlSource }), loaded.databaseUrlSource);
  const client = await openDirectConnection(config, 'connection-url-test');
  try {
    return (await client.query<{ user: string }>('select current_user as user')).rows[0]!.user;
  } finally {
    await client.end();
  }
}

describe('a password with @ : / % # $ from .env to a real connection', () => {
  it('connects with the single-quoted PG_PASSWORD of .env through DATABASE_URL_LOCAL', async () => {
    expect(await currentUserThrough(workspaceWithEnv(), {})).toBe(login);
  });

  it('connects under nx run, whose copy of .env expands the password its own way', async () => {
    const dir = workspaceWithEnv();
    const copiedByNx: Record<string, string | undefined> = { PATH: process.env['PATH'] };
    loadAndExpandDotEnvFile([join(dir, '.env')], copiedByNx);
    expect(copiedByNx['PG_PASSWORD']).not.toBe(PASSWORD);
    expect(await currentUserThrough(dir, copiedByNx)).toBe(login);
  });

  it('connects with the raw parts compose passes (PG_HOST, PG_PORT, PG_USER, PG_PASSWORD, PG_DB)', async () => {
    const parts = {
      PG_HOST: database.config.host,
      PG_PORT: String(database.config.port),
      PG_USER: login,
      PG_PASSWORD: PASSWORD,
      PG_DB: database.name,
    };
    expect(await currentUserThrough(mkdtempSync(join(tmpdir(), 'connection-url-')), parts)).toBe(login);
  });
});
