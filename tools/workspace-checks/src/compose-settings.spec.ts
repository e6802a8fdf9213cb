import type { EnvVariableDoc } from '@sentiment-ingest/runtime';
import { readAppEnvVariables, readWorkspaceFile, readYaml } from './deploy-files';
import { parseEnvFile } from './variables';

/**
 * Every setting an app reads reaches its container from .env, with the app's default: the keys come
 * from the apps' config schemas themselves (readAppEnvVariables explains how), so a new setting that
 * compose does not pass fails here.
 */
interface Service {
  build?: { args?: Record<string, string> };
  environment?: Record<string, string>;
}

const services = (readYaml('docker-compose.yml') as { services?: Record<string, Service> }).services ?? {};

/**
 * Every service built from the Dockerfile runs the app its `APP` build argument names, configured by
 * the one `*EnvShape` its `apps/<app>/src/config.ts` exports (a scraper `nx g` generates included).
 */
const APPS = Object.entries(services)
  .filter(([, service]) => service.build !== undefined)
  .map(([service, { build }]) => {
    const app = build?.args?.['APP'] ?? service;
    return { service, configFile: `apps/${app}/src/config.ts`, variables: readAppEnvVariables(`apps/${app}/src/config.ts`, '*EnvShape') };
  });

/**
 * Values that differ inside the compose network: a health server listens on every interface of its
 * container, and each scraper but the first has a port of its own (a number, not from .env).
 * DATABASE_URL is passed as its raw parts (PG_HOST, ...: docker-compose.spec.ts), which compose
 * cannot percent-encode into a URL.
 */
function fixedValueProblem(name: string, value: string | undefined): string | null | undefined {
  if (name === 'HTTP_HOST') return value === '0.0.0.0' ? null : `HTTP_HOST is ${value}, not 0.0.0.0`;
  if (name === 'HTTP_PORT' && /^\d+$/.test(value ?? '')) return null;
  return undefined;
}
const AS_PARTS = new Set(['DATABASE_URL']);
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
function problem(variable: EnvVariableDoc, value: string | undefined): string | null {
  const fixed = fixedValueProblem(variable.name, value);
  if (fixed !== undefined) return fixed;
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
  it('are checked for every service built from the Dockerfile, the three apps among them', () => {
    expect(APPS.map((app) => app.service)).toEqual(expect.arrayContaining(['migrator', 'reddit-scraper', 'hn-scraper']));
  });

  describe.each(APPS.filter((app) => app.service !== 'migrator'))('$service (a scraper)', ({ service }) => {
    const environment = services[service]?.environment ?? {};

    it("logs in as the scraper user the migrator creates, never with the owner's credentials", () => {
      expect({ PG_USER: environment['PG_USER'], PG_PASSWORD: environment['PG_PASSWORD'] }).toEqual({
        PG_USER: '${DB_SCRAPER_USER}',
        PG_PASSWORD: '${DB_SCRAPER_PASSWORD}',
      });
      expect(Object.values(environment).filter((value) => /\$\{?PG_(USER|PASSWORD)\b/.test(String(value)))).toEqual([]);
    });
  });

  it('has the migrator create the scraper user and the analyst user (their settings are in its schema)', () => {
    const migrator = APPS.find((app) => app.service === 'migrator');
    expect(migrator?.variables.map((v) => v.name)).toEqual(expect.arrayContaining(['DB_SCRAPER_USER', 'DB_SCRAPER_PASSWORD', 'DB_ANALYST_USER', 'DB_ANALYST_PASSWORD']));
    expect(envExample.get('DB_SCRAPER_USER')).not.toBe(envExample.get('PG_USER'));
    expect(envExample.get('DB_ANALYST_USER')).not.toBe(envExample.get('PG_USER'));
  });

  describe.each(APPS)('$service', ({ service, variables }) => {
    const environment = services[service]?.environment ?? {};

    it('has its variables read from the config schema, the database ones included', () => {
      expect(variables.map((v) => v.name)).toEqual(expect.arrayContaining(['DATABASE_URL', 'DB_POOL_MAX', 'DB_STATEMENT_TIMEOUT_MS', 'LOG_LEVEL']));
    });

    it('gets every variable of its schema from .env, falling back to the default the app has', () => {
      const problems = variables.filter((v) => !AS_PARTS.has(v.name)).map((v) => problem(v, environment[v.name]));
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
