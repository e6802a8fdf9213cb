import { databaseEnvShape, loadEnvironment, parseEnv, toDatabaseConfig } from '@sentiment-ingest/db';
import { load } from 'js-yaml';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWorkspaceFile, runComposeConfig } from './deploy-files';

/** A password with every character that breaks a URL built by compose, or a `$` compose would read. */
const PASSWORD = 'p@ss:w/rd%zz#1$x';

interface ResolvedCompose {
  services: Record<string, { environment?: Record<string, string> }>;
}

/** Undoes `docker-compose config`'s `$$`, with which it prints a literal `$` as compose files write it. */
function unescapeDollars(node: unknown): unknown {
  if (typeof node === 'string') return node.replace(/\$\$/g, '$');
  if (Array.isArray(node)) return node.map(unescapeDollars);
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, unescapeDollars(value)]));
  }
  return node;
}

/** The scrapers' password: the same characters, another value. */
const SCRAPER_PASSWORD = 's@ss:w/rd%zz#2$y';

/** docker-compose config resolved with .env.example whose PG_PASSWORD and DB_SCRAPER_PASSWORD are single-quoted. */
function resolvedCompose(): ResolvedCompose {
  const envText = readWorkspaceFile('.env.example')
    .replace(/^PG_PASSWORD=.*$/m, `PG_PASSWORD='${PASSWORD}'`)
    .replace(/^DB_SCRAPER_PASSWORD=.*$/m, `DB_SCRAPER_PASSWORD='${SCRAPER_PASSWORD}'`);
  const result = runComposeConfig({ envText, quiet: false });
  if (result.missing) {
    throw new Error('docker-compose is not on PATH. Install it to validate docker-compose.yml: `sudo apt-get install docker-compose` (Debian/Ubuntu, 1.29).');
  }
  expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  return unescapeDollars(load(result.stdout)) as ResolvedCompose;
}

describe('passwords with @ : / % # $ in .env, through docker-compose', () => {
  let compose: ResolvedCompose;
  beforeAll(() => {
    compose = resolvedCompose();
  }, 30_000);

  it('reaches the timescaledb service unchanged, single-quoted in .env', () => {
    expect(compose.services['timescaledb']?.environment?.['POSTGRES_PASSWORD']).toBe(PASSWORD);
  });

  it.each([
    ['migrator', 'sentiment', PASSWORD],
    ['reddit-scraper', 'sentiment_scraper', SCRAPER_PASSWORD],
    ['hn-scraper', 'sentiment_scraper', SCRAPER_PASSWORD],
  ])('gives %s a connection as %s with its password unchanged, host and port', (name, user, password) => {
    const environment = compose.services[name]?.environment ?? {};
    // The container has no .env: the apps read only what compose passes.
    const loaded = loadEnvironment({ cwd: mkdtempSync(join(tmpdir(), 'compose-credentials-')), processEnv: environment });
    const db = toDatabaseConfig(parseEnv(databaseEnvShape, loaded.env));
    expect({ host: db.host, port: db.port, user: db.user, database: db.database, password: db.password }).toEqual({
      host: 'timescaledb_service',
      port: 5432,
      user,
      database: 'sentiment',
      password,
    });
  });
});
