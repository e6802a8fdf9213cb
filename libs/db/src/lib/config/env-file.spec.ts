import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseEnvShape, parseEnv, toDatabaseConfig } from './database-config';
import { loadEnvironment } from './env-file';

/** Nx 23's own loader of `.env` into a task's environment (what `nx run` hands the apps). */
const { loadAndExpandDotEnvFile } = jest.requireActual<{
  loadAndExpandDotEnvFile(files: string[], env: Record<string, string | undefined>): unknown;
}>('nx/src/tasks-runner/task-env');

/** The environment `nx run` gives a task of a workspace whose `.env` is in `dir`, started from `shell`. */
function nxTaskEnv(dir: string, shell: Record<string, string>): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...shell };
  loadAndExpandDotEnvFile([join(dir, '.env')], env);
  return env;
}

const passwordOf = (processEnv: Record<string, string | undefined>, dir: string) => {
  const loaded = loadEnvironment({ cwd: dir, processEnv });
  return { source: loaded.databaseUrlSource, password: toDatabaseConfig(parseEnv(databaseEnvShape, loaded.env)).password };
};

function dirWithEnv(text: string | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'env-file-'));
  if (text !== null) writeFileSync(join(dir, '.env'), text);
  return dir;
}

const seedEnv = [
  'PG_HOST=timescaledb_service',
  'PG_HOST_LOCAL=localhost',
  'PG_PORT_HOST=5433',
  'PG_PORT_CONTAINER=5432',
  'PG_USER=u',
  'PG_PASSWORD=p',
  'PG_DB=d',
  'DATABASE_URL=postgres://${PG_USER}:${PG_PASSWORD}@${PG_HOST}:${PG_PORT_CONTAINER}/${PG_DB}',
  'DATABASE_URL_LOCAL=postgres://${PG_USER}:${PG_PASSWORD}@${PG_HOST_LOCAL}:${PG_PORT_HOST}/${PG_DB}',
].join('\n');

describe('loadEnvironment', () => {
  it('on the host, uses the expanded DATABASE_URL_LOCAL from .env (localhost:PG_PORT_HOST)', () => {
    const loaded = loadEnvironment({ cwd: dirWithEnv(seedEnv), processEnv: {} });
    expect(loaded.env['DATABASE_URL']).toBe('postgres://u:p@localhost:5433/d');
    expect(loaded.databaseUrlSource).toBe('.env DATABASE_URL_LOCAL');
  });

  it('lets DATABASE_URL from the process environment win over .env', () => {
    const loaded = loadEnvironment({
      cwd: dirWithEnv(seedEnv),
      processEnv: { DATABASE_URL: 'postgres://x:y@timescaledb_service:5432/d' },
    });
    expect(loaded.env['DATABASE_URL']).toBe('postgres://x:y@timescaledb_service:5432/d');
    expect(loaded.databaseUrlSource).toBe('environment DATABASE_URL');
  });

  it('treats process values copied from .env by Nx as .env values, so the host still gets DATABASE_URL_LOCAL', () => {
    const copiedByNx = {
      DATABASE_URL: 'postgres://u:p@timescaledb_service:5432/d',
      DATABASE_URL_LOCAL: 'postgres://u:p@localhost:5433/d',
    };
    const loaded = loadEnvironment({ cwd: dirWithEnv(seedEnv), processEnv: copiedByNx });
    expect(loaded.env['DATABASE_URL']).toBe('postgres://u:p@localhost:5433/d');
    expect(loaded.databaseUrlSource).toBe('.env DATABASE_URL_LOCAL');
  });

  it('expands references with process values, which win over .env values', () => {
    const loaded = loadEnvironment({ cwd: dirWithEnv(seedEnv), processEnv: { PG_PASSWORD: 'from-env' } });
    expect(loaded.env['DATABASE_URL']).toBe('postgres://u:from-env@localhost:5433/d');
    expect(loaded.env['PG_PASSWORD']).toBe('from-env');
  });

  it('falls back to DATABASE_URL from .env when it has no DATABASE_URL_LOCAL', () => {
    const loaded = loadEnvironment({ cwd: dirWithEnv('DATABASE_URL=postgres://a@b/c'), processEnv: {} });
    expect(loaded.env['DATABASE_URL']).toBe('postgres://a@b/c');
  });

  it('works without a .env file and reports the URL as unset', () => {
    const loaded = loadEnvironment({ cwd: dirWithEnv(null), processEnv: { LOG_LEVEL: 'debug' } });
    expect(loaded).toMatchObject({ envFile: null, databaseUrlSource: 'unset' });
    expect(loaded.env['LOG_LEVEL']).toBe('debug');
    expect(loaded.env['DATABASE_URL']).toBeUndefined();
  });

  it('builds the URL from PG_HOST, PG_PORT, PG_USER, PG_PASSWORD and PG_DB when no DATABASE_URL is set', () => {
    const loaded = loadEnvironment({
      cwd: dirWithEnv(null),
      processEnv: { PG_HOST: 'timescaledb_service', PG_PORT: '5432', PG_USER: 'u', PG_PASSWORD: 'p@ss:w/rd%zz#1$x', PG_DB: 'd' },
    });
    expect(loaded.databaseUrlSource).toBe('PG_HOST, PG_PORT, PG_USER, PG_PASSWORD, PG_DB');
    const db = toDatabaseConfig(parseEnv(databaseEnvShape, loaded.env));
    expect({ host: db.host, port: db.port, user: db.user, database: db.database, password: db.password }).toEqual({
      host: 'timescaledb_service',
      port: 5432,
      user: 'u',
      database: 'd',
      password: 'p@ss:w/rd%zz#1$x',
    });
  });

  it('builds the URL from the parts with PG_PORT_CONTAINER, then 5432, when PG_PORT is not set', () => {
    const portOf = (env: Record<string, string>) =>
      toDatabaseConfig(parseEnv(databaseEnvShape, loadEnvironment({ cwd: dirWithEnv(null), processEnv: { PG_HOST: 'h', ...env } }).env)).port;
    expect(portOf({ PG_PORT_CONTAINER: '6543' })).toBe(6543);
    expect(portOf({})).toBe(5432);
  });

  it('prefers a DATABASE_URL over the parts', () => {
    const loaded = loadEnvironment({ cwd: dirWithEnv(null), processEnv: { DATABASE_URL: 'postgres://a:b@x/y', PG_HOST: 'h' } });
    expect(loaded.env['DATABASE_URL']).toBe('postgres://a:b@x/y');
  });

  it('does not write .env values into the real process environment', () => {
    loadEnvironment({ cwd: dirWithEnv('SENTIMENT_INGEST_PROBE=1'), processEnv: process.env });
    expect(process.env['SENTIMENT_INGEST_PROBE']).toBeUndefined();
  });
});

describe('loadEnvironment with passwords that hold $, quotes and URL delimiters', () => {
  const raw = 'p@ss:w/rd%zz#1$x';
  const envWith = (passwordLine: string) => seedEnv.replace('PG_PASSWORD=p', passwordLine);

  it('keeps a single-quoted password literal and percent-encodes it into the URL', () => {
    const dir = dirWithEnv(envWith(`PG_PASSWORD='${raw}'`));
    const loaded = loadEnvironment({ cwd: dir, processEnv: { x: 'expanded' } });
    expect(loaded.env['PG_PASSWORD']).toBe(raw);
    expect(loaded.env['DATABASE_URL']).toBe('postgres://u:p%40ss%3Aw%2Frd%25zz%231%24x@localhost:5433/d');
    expect(passwordOf({}, dir).password).toBe(raw);
  });

  it('reads \\$ as a literal $ in unquoted and double-quoted passwords', () => {
    for (const line of ['PG_PASSWORD=pa\\$USERword', 'PG_PASSWORD="pa\\$USERword"']) {
      expect(passwordOf({ USER: 'root' }, dirWithEnv(envWith(line))).password).toBe('pa$USERword');
    }
  });

  it.each([
    ['single-quoted', `PG_PASSWORD='${raw}'`, raw],
    ['escaped', 'PG_PASSWORD=pa\\$USERword', 'pa$USERword'],
    ['double-quoted and escaped', 'PG_PASSWORD="pa\\$USERword"', 'pa$USERword'],
    ['plain', 'PG_PASSWORD=plain', 'plain'],
  ])('under nx run, takes Nx\'s copy of a %s password as coming from .env (host URL, our expansion)', (_kind, line, password) => {
    const dir = dirWithEnv(envWith(line));
    const copiedByNx = nxTaskEnv(dir, { USER: 'root', HOME: '/root' });
    expect(passwordOf(copiedByNx, dir)).toEqual({ source: '.env DATABASE_URL_LOCAL', password });
    expect(loadEnvironment({ cwd: dir, processEnv: copiedByNx }).env['PG_PASSWORD']).toBe(password);
  });

  it('under nx run, keeps a password set in the shell as an override and builds the host URL with it', () => {
    const dir = dirWithEnv(envWith(`PG_PASSWORD='${raw}'`));
    const copiedByNx = nxTaskEnv(dir, { PG_PASSWORD: 'from$shell' });
    expect(passwordOf(copiedByNx, dir)).toEqual({ source: '.env DATABASE_URL_LOCAL', password: 'from$shell' });
  });

  it('under nx run, keeps a DATABASE_URL set in the shell as the URL to use', () => {
    const dir = dirWithEnv(envWith(`PG_PASSWORD='${raw}'`));
    const copiedByNx = nxTaskEnv(dir, { DATABASE_URL: 'postgres://x:y@elsewhere:5432/d' });
    const loaded = loadEnvironment({ cwd: dir, processEnv: copiedByNx });
    expect(loaded).toMatchObject({ databaseUrlSource: 'environment DATABASE_URL', env: { DATABASE_URL: 'postgres://x:y@elsewhere:5432/d' } });
  });
});
