import type { EnvVariableDoc } from '@sentiment-ingest/runtime';
import { readAppEnvVariables, readWorkspaceFile, readYaml } from './deploy-files';
import { parseEnvFile } from './variables';

/**
 * Every setting an app reads reaches its container from .env, with the app's default: the keys come
 * from the apps' config schemas themselves (readAppEnvVariables explains how), so a new setting that
 * compose does not pass fails here.
 */
const APPS = [
  { service: 'migrator', configFile: 'apps/migrator/src/config.ts', exportName: 'migratorEnvShape' },
  { service: 'reddit-scraper', configFile: 'apps/reddit-scraper/src/config.ts', exportName: 'scraperEnvShape' },
  { service: 'hn-scraper', configFile: 'apps/hn-scraper/src/config.ts', exportName: 'hnScraperEnvShape' },
].map((app) => ({ ...app, variables: readAppEnvVariables(app.configFile, app.exportName) }));

/**
 * Values that differ inside the compose network: the health server listens on every interface of
 * its container, and the Hacker News scraper has a port of its own. DATABASE_URL is passed as its
 * raw parts (PG_HOST, ...: docker-compose.spec.ts), which compose cannot percent-encode into a URL.
 */
const FIXED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'reddit-scraper': { HTTP_HOST: '0.0.0.0' },
  'hn-scraper': { HTTP_HOST: '0.0.0.0', HTTP_PORT: '9465' },
};
const AS_PARTS = new Set(['DATABASE_URL']);

interface Service {
  build?: unknown;
  environment?: Record<string, string>;
}

const services = (readYaml('docker-compose.yml') as { services?: Record<string, Service> }).services ?? {};
const envExample = new Map(parseEnvFile(readWorkspaceFile('.env.example')).entries.map((e) => [e.key, e.value]));

/** `${KEY}` or `${KEY:-fallback}` of exactly that key; null for anything else. */
function passedFromEnv(name: string, value: string | undefined): { fallback: string | undefined } | null {
  const match = /^\$\{([A-Z][A-Z0-9_]*)(?::-(.*))?\}$/.exec(value ?? '');
  return match?.[1] === name ? { fallback: match[2] } : null;
}

/**
 * Why compose's value of a variable differs from running the app with the same .env, or null. An
 * empty fallback is the app's default too: the apps read an empty value as unset.
 */
function problem(service: string, variable: EnvVariableDoc, value: string | undefined): string | null {
  const fixed = FIXED[service]?.[variable.name];
  if (fixed !== undefined) return value === fixed ? null : `${variable.name} is ${value}, not ${fixed}`;
  if (value === undefined) return `${variable.name} is not passed`;
  const passed = passedFromEnv(variable.name, value);
  if (!passed) return `${variable.name} is ${value}, not \${${variable.name}:-...}`;
  if (passed.fallback === undefined) return variable.required ? null : `${variable.name} has no fallback: use \${${variable.name}:-${variable.defaultValue ?? ''}}`;
  if (passed.fallback !== '' && passed.fallback !== variable.defaultValue) {
    return `${variable.name} falls back to ${passed.fallback}, the app to ${variable.defaultValue ?? 'unset'}`;
  }
  return null;
}

describe('the settings compose passes to the apps', () => {
  it('are checked for every service built from the Dockerfile', () => {
    const built = Object.keys(services).filter((name) => services[name]?.build !== undefined);
    expect(APPS.map((app) => app.service).sort()).toEqual(built.sort());
  });

  describe.each(APPS)('$service', ({ service, variables }) => {
    const environment = services[service]?.environment ?? {};

    it('has its variables read from the config schema, the database ones included', () => {
      expect(variables.map((v) => v.name)).toEqual(expect.arrayContaining(['DATABASE_URL', 'DB_POOL_MAX', 'DB_STATEMENT_TIMEOUT_MS', 'LOG_LEVEL']));
    });

    it('gets every variable of its schema from .env, falling back to the default the app has', () => {
      const problems = variables.filter((v) => !AS_PARTS.has(v.name)).map((v) => problem(service, v, environment[v.name]));
      expect(problems.filter((p) => p !== null)).toEqual([]);
    });

    it('has every variable of its schema in .env.example, set to the default compose falls back to', () => {
      const problems = variables.flatMap((v) => {
        if (!envExample.has(v.name)) return [`${v.name} is missing`];
        const fallback = passedFromEnv(v.name, environment[v.name])?.fallback;
        return fallback && envExample.get(v.name) !== fallback ? [`${v.name}=${envExample.get(v.name)}, compose: ${fallback}`] : [];
      });
      expect(problems).toEqual([]);
    });
  });
});
