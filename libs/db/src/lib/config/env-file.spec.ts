import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnvironment } from './env-file';

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

  it('does not write .env values into the real process environment', () => {
    loadEnvironment({ cwd: dirWithEnv('SENTIMENT_INGEST_PROBE=1'), processEnv: process.env });
    expect(process.env['SENTIMENT_INGEST_PROBE']).toBeUndefined();
  });
});
