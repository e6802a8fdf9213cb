import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readWorkspaceFile, readYaml, runComposeConfig, WORKSPACE_ROOT } from './deploy-files';
import { collectStrings, findVariableRefs, parseEnvFile } from './variables';

interface Service {
  image?: string;
  environment?: Record<string, string>;
  container_name?: string;
  ports?: unknown[];
  volumes?: unknown[];
  healthcheck?: { test?: unknown; disable?: boolean };
  depends_on?: Record<string, { condition?: string }> | string[];
  restart?: string;
  build?: { args?: Record<string, string> };
  profiles?: string[];
}

interface Compose {
  services?: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const compose = readYaml('docker-compose.yml') as Compose;

function service(name: string): Service {
  const found = compose.services?.[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

describe('docker-compose.yml timescaledb service', () => {
  const db = service('timescaledb');

  it('uses the pinned OSS image, never latest', () => {
    expect(db.image).toBe('timescale/timescaledb:2.19.3-pg15-oss');
  });

  it('is named timescaledb_service, the host name in DATABASE_URL', () => {
    expect(db.container_name).toBe('timescaledb_service');
  });

  it('keeps its data in a named volume declared at the top level', () => {
    const mounts = (db.volumes ?? []).map(String);
    expect(mounts).toContain('timescaledb_data:/var/lib/postgresql/data');
    expect(Object.keys(compose.volumes ?? {})).toContain('timescaledb_data');
  });

  it('publishes PG_PORT_CONTAINER on PG_PORT_HOST of PUBLISH_ADDRESS (this machine only by default)', () => {
    expect(db.ports).toEqual(['${PUBLISH_ADDRESS:-127.0.0.1}:${PG_PORT_HOST:-5433}:${PG_PORT_CONTAINER:-5432}']);
  });

  it('reports healthy only when pg_isready succeeds', () => {
    expect(JSON.stringify(db.healthcheck?.test ?? '')).toContain('pg_isready');
  });
});

describe('docker-compose.yml migrator service', () => {
  const migrator = service('migrator');

  it('starts only after timescaledb is healthy', () => {
    expect(migrator.depends_on).toEqual({ timescaledb: { condition: 'service_healthy' } });
  });

  it('runs once and is never restarted', () => {
    expect(migrator.restart).toBe('no');
  });

  it("disables the image's HEALTHCHECK: a one-shot command has no health server", () => {
    expect(migrator.healthcheck).toEqual({ disable: true });
  });
});

/** The project a service built from the Dockerfile runs (its `APP` build argument). */
const appOf = (name: string) => compose.services?.[name]?.build?.args?.['APP'] ?? name;
const BUILT = Object.keys(compose.services ?? {}).filter((name) => compose.services?.[name]?.build !== undefined);
/** The services that run an app of apps/: the migrators and every scraper (reddit-scraper, generated ones, the demo's). */
const APP_SERVICES = BUILT.filter((name) => existsSync(join(WORKSPACE_ROOT, 'apps', appOf(name))));
const MIGRATOR_SERVICES = APP_SERVICES.filter((name) => appOf(name) === 'migrator');
const SCRAPER_SERVICES = APP_SERVICES.filter((name) => appOf(name) !== 'migrator');
/** The demo's fakes, tools built from the same Dockerfile. */
const FAKE_SERVICES = BUILT.filter((name) => !APP_SERVICES.includes(name));
const DEMO_SERVICES = Object.keys(compose.services ?? {}).filter((name) => compose.services?.[name]?.profiles?.includes('demo'));

describe('docker-compose.yml app services', () => {
  it('include the migrator and the Reddit scraper', () => {
    expect(APP_SERVICES).toEqual(expect.arrayContaining(['migrator', 'reddit-scraper']));
  });

  it('keep the Reddit scraper, which cannot start without Reddit credentials, in the profile npm start turns on when they are set', () => {
    expect(service('reddit-scraper').profiles).toEqual(['reddit']);
    expect(readWorkspaceFile('tools/scripts/start.sh')).toMatch(/grep -Eq '\^REDDIT_CLIENT_ID=\.\+' \.env; then[\s\S]*exec docker compose --profile reddit up --build/);
  });

  it.each(SCRAPER_SERVICES)('start %s only after the migrator completed (scrapers never create schema)', (name) => {
    expect(service(name).depends_on).toMatchObject({ migrator: { condition: 'service_completed_successfully' } });
  });
});

describe.each(APP_SERVICES)('docker-compose.yml %s service database settings', (name) => {
  const environment = service(name).environment ?? {};
  // the migrators as the owner; every scraper as the scraper user the migrator creates
  const [user, password] = MIGRATOR_SERVICES.includes(name) ? ['${PG_USER}', '${PG_PASSWORD}'] : ['${DB_SCRAPER_USER}', '${DB_SCRAPER_PASSWORD}'];
  // the demo's in a database of its own, never PG_DB's real data
  const database = DEMO_SERVICES.includes(name) ? '${PG_DB}_demo' : '${PG_DB}';

  it('passes the database as raw parts, never a hand-built URL (compose cannot percent-encode a password)', () => {
    expect(Object.keys(environment)).not.toContain('DATABASE_URL');
    expect(environment).toMatchObject({
      PG_HOST: 'timescaledb_service',
      PG_PORT: '${PG_PORT_CONTAINER:-5432}',
      PG_USER: user,
      PG_PASSWORD: password,
      PG_DB: database,
    });
  });
});

describe('docker-compose.yml healthchecks', () => {
  const longRunning = Object.keys(compose.services ?? {}).filter((name) => compose.services?.[name]?.restart === 'unless-stopped');

  it('cover the long-running services (restart: unless-stopped)', () => {
    expect(longRunning).toEqual(expect.arrayContaining(['timescaledb', ...SCRAPER_SERVICES]));
  });

  it.each(longRunning)('%s has a healthcheck', (name) => {
    const healthcheck = service(name).healthcheck;
    expect(healthcheck?.disable).toBeUndefined();
    expect(Array.isArray(healthcheck?.test) && healthcheck?.test.length).toBeGreaterThan(1);
  });

  it.each(SCRAPER_SERVICES)('%s is healthy when /readyz answers, asked with node (the image has no curl)', (name) => {
    const test = service(name).healthcheck?.test as string[];
    expect(test.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
    expect(test[3]).toMatch(/fetch\('http:\/\/127\.0\.0\.1:.*\/readyz'\)/);
  });

  it.each(FAKE_SERVICES)('%s (a fake) is healthy when it answers on the port of its command, asked with node', (name) => {
    const port = /"--port", "(\d+)"/.exec(JSON.stringify(service(name)).replace(/","/g, '", "'))?.[1];
    const test = service(name).healthcheck?.test as string[];
    expect(test.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
    expect(test[3]).toContain(`fetch('http://127.0.0.1:${port}/`);
  });
});

describe('docker-compose.yml demo profile', () => {
  it('runs the fake Reddit and the fake Hacker News, a scraper pointed at each, and its migrator, only in the profile', () => {
    expect(FAKE_SERVICES.map(appOf).sort()).toEqual(['fake-hn', 'fake-reddit']);
    expect(DEMO_SERVICES.map(appOf)).toEqual(expect.arrayContaining(['migrator', 'fake-reddit', 'fake-hn', 'reddit-scraper', 'hn-scraper']));
    for (const name of FAKE_SERVICES) expect(service(name).profiles).toEqual(['demo']);
    const reddit = DEMO_SERVICES.find((name) => appOf(name) === 'reddit-scraper') ?? '';
    const hn = DEMO_SERVICES.find((name) => appOf(name) === 'hn-scraper') ?? '';
    const fakeReddit = FAKE_SERVICES.find((name) => appOf(name) === 'fake-reddit') ?? '';
    const fakeHn = FAKE_SERVICES.find((name) => appOf(name) === 'fake-hn') ?? '';
    expect(service(reddit).environment).toMatchObject({ REDDIT_API_BASE_URL: `http://${fakeReddit}:8089`, REDDIT_AUTH_URL: `http://${fakeReddit}:8089/api/v1/access_token` });
    expect(service(hn).environment).toMatchObject({ HN_API_BASE_URL: `http://${fakeHn}:8090/v0` });
    expect(service(reddit).depends_on).toMatchObject({ [fakeReddit]: { condition: 'service_healthy' } });
    expect(service(hn).depends_on).toMatchObject({ [fakeHn]: { condition: 'service_healthy' } });
  });

  it('listens on every interface of the fakes\' containers, on the ports the scrapers are given', () => {
    expect(JSON.stringify(service('fake-reddit'))).toContain('"command":["--host","0.0.0.0","--port","8089"');
    expect(JSON.stringify(service('fake-hn'))).toContain('"command":["--host","0.0.0.0","--port","8090"');
  });

  it('recreates only the demo database, after the real stack\'s migrator, before the demo migrator', () => {
    const database = service('demo-database');
    expect(database.environment?.['DEMO_DB']).toBe('${PG_DB}_demo');
    expect(database.depends_on).toMatchObject({ migrator: { condition: 'service_completed_successfully' } });
    expect(service('migrator-demo').depends_on).toMatchObject({ 'demo-database': { condition: 'service_completed_successfully' } });
  });

  it('leaves the default `docker compose up` without any demo service, and without the Reddit scraper (it needs credentials)', () => {
    const byDefault = Object.keys(compose.services ?? {}).filter((name) => compose.services?.[name]?.profiles === undefined);
    expect(byDefault).toEqual(expect.arrayContaining(['hn-scraper', 'migrator', 'timescaledb']));
    expect(byDefault).not.toContain('reddit-scraper');
    // a scraper added by the generator starts by default too; nothing of the demo does
    const demoOnes = ['demo-database', 'migrator-demo', ...FAKE_SERVICES, ...DEMO_SERVICES];
    expect(byDefault.filter((name) => demoOnes.includes(name))).toEqual([]);
  });
});

describe('docker-compose.yml variables', () => {
  it('defines in .env.example every variable the compose file uses without a default', () => {
    const defined = new Set(parseEnvFile(readWorkspaceFile('.env.example')).entries.map((e) => e.key));
    const used = collectStrings(compose).flatMap(findVariableRefs);
    expect(used.map((ref) => ref.name)).toContain('PG_USER'); // the scan itself works
    const missing = used.filter((ref) => !ref.hasDefault && !defined.has(ref.name)).map((ref) => ref.name);
    expect([...new Set(missing)]).toEqual([]);
  });
});

describe('docker-compose config', () => {
  const composeMissing =
    'docker-compose is not on PATH. Install it to validate docker-compose.yml: `sudo apt-get install docker-compose` (Debian/Ubuntu, 1.29).';

  it(
    'publishes every port of every profile on 127.0.0.1 unless PUBLISH_ADDRESS says otherwise',
    () => {
      const withoutSetting = readWorkspaceFile('.env.example')
        .split('\n')
        .filter((line) => !line.startsWith('PUBLISH_ADDRESS='))
        .join('\n');
      const published = (envText: string) => {
        const result = runComposeConfig({ envText, quiet: false, profiles: ['reddit', 'pgbouncer', 'monitoring'] });
        if (result.missing) throw new Error(composeMissing);
        expect(result.status).toBe(0);
        return [...result.stdout.matchAll(/^\s+- (\S+):\d+:\d+\/tcp$/gm)].map((m) => m[1]);
      };
      const byDefault = published(withoutSetting);
      // every port entry of the file (these profiles start every service)
      expect(byDefault).toHaveLength(Object.values(compose.services ?? {}).flatMap((s) => s.ports ?? []).length);
      expect(byDefault.length).toBeGreaterThanOrEqual(5);
      expect(new Set(byDefault)).toEqual(new Set(['127.0.0.1']));
      expect(new Set(published(`${withoutSetting}\nPUBLISH_ADDRESS=0.0.0.0\n`))).toEqual(new Set(['0.0.0.0']));
    },
    30_000,
  );

  it(
    'accepts the compose file without a .env (unset variables are warnings, not errors)',
    () => {
      const result = runComposeConfig({ envText: '', profiles: ['reddit', 'pgbouncer', 'monitoring'] });
      if (result.missing) throw new Error(composeMissing);
      expect({ status: result.status, errors: result.stderr.split('\n').filter((l) => l !== '' && !/variable is not set/.test(l)) }).toEqual({ status: 0, errors: [] });
    },
    30_000,
  );

  it(
    'accepts the compose file with a .env copied from .env.example, without unset-variable warnings',
    () => {
      const result = runComposeConfig();
      if (result.missing) throw new Error(composeMissing);
      expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    },
    30_000,
  );
});
