import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EnvVariableDoc } from '@sentiment-ingest/runtime';
import { readAppEnvVariables, readWorkspaceFile, readYaml, WORKSPACE_ROOT } from './deploy-files';
import { parseEnvFile } from './variables';

/**
 * Every setting an app reads reaches its container from .env, with the app's default: the keys come
 * from the apps' config schemas themselves (readAppEnvVariables explains how), so a new setting that
 * compose does not pass fails here.
 */
interface Service {
  build?: { args?: Record<string, string> };
  environment?: Record<string, string>;
  profiles?: string[];
}

const services = (readYaml('docker-compose.yml') as { services?: Record<string, Service> }).services ?? {};

/**
 * Every service built from the Dockerfile runs the app its `APP` build argument names, configured by
 * the one `*EnvShape` its `apps/<app>/src/config.ts` exports (a scraper `nx g` generates included).
 * The demo's fakes (tools/fake-*) are built the same way but read command-line options, no settings.
 */
const APPS = Object.entries(services)
  .filter(([, service]) => service.build !== undefined)
  .map(([service, { build, profiles }]) => ({ service, app: build?.args?.['APP'] ?? service, demo: profiles?.includes('demo') ?? false }))
  .filter(({ app }) => existsSync(join(WORKSPACE_ROOT, 'apps', app)))
  .map(({ service, app, demo }) => ({ service, app, demo, configFile: `apps/${app}/src/config.ts`, variables: readAppEnvVariables(`apps/${app}/src/config.ts`, '*EnvShape') }));

/**
 * What the demo's scrapers (profile demo) take as fixed values instead of .env's: the fakes' client
 * and URLs, the subreddits the fake Reddit makes up, fast polling, and where the Hacker News walk
 * starts, the first run's history and its healing budget. Everything else comes from .env as for
 * the real scrapers.
 */
const DEMO_FIXED = new Set([
  'REDDIT_CLIENT_ID',
  'REDDIT_CLIENT_SECRET',
  'REDDIT_USERNAME',
  'REDDIT_PASSWORD',
  'REDDIT_DEVICE_ID',
  'REDDIT_USER_AGENT',
  'REDDIT_SUBREDDITS',
  'REDDIT_API_BASE_URL',
  'REDDIT_AUTH_URL',
  'REDDIT_POLL_MIN_INTERVAL_S',
  'REDDIT_POLL_MAX_INTERVAL_S',
  // the demo's first run asks for the fake's history and heals it with the whole spare budget
  'REDDIT_HISTORY_SINCE',
  'REDDIT_HEAL_BUDGET_PCT',
  'HN_API_BASE_URL',
  'HN_START',
]);

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

  describe.each(APPS.filter((app) => app.app !== 'migrator'))('$service (a scraper)', ({ service }) => {
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
    expect(APPS.filter((app) => app.app === 'migrator').map((app) => app.service)).toEqual(['migrator', 'migrator-demo']);
    expect(migrator?.variables.map((v) => v.name)).toEqual(expect.arrayContaining(['DB_SCRAPER_USER', 'DB_SCRAPER_PASSWORD', 'DB_ANALYST_USER', 'DB_ANALYST_PASSWORD']));
    expect(envExample.get('DB_SCRAPER_USER')).not.toBe(envExample.get('PG_USER'));
    expect(envExample.get('DB_ANALYST_USER')).not.toBe(envExample.get('PG_USER'));
  });

  describe.each(APPS.filter((app) => app.demo && app.app !== 'migrator'))('$service (the demo)', ({ service, variables }) => {
    it("sets each of its fakes' settings itself, so that no real credential or URL of .env reaches it", () => {
      const environment = services[service]?.environment ?? {};
      const fixed = variables.filter((v) => DEMO_FIXED.has(v.name));
      expect(fixed.length).toBeGreaterThan(0);
      expect(fixed.filter((v) => environment[v.name] === undefined || /\$\{/.test(environment[v.name] ?? '')).map((v) => v.name)).toEqual([]);
    });
  });

  describe.each(APPS)('$service', ({ service, variables, demo }) => {
    const environment = services[service]?.environment ?? {};
    const checked = variables.filter((v) => !(demo && DEMO_FIXED.has(v.name)));

    it('has its variables read from the config schema, the database ones included', () => {
      expect(variables.map((v) => v.name)).toEqual(expect.arrayContaining(['DATABASE_URL', 'DB_POOL_MAX', 'DB_STATEMENT_TIMEOUT_MS', 'LOG_LEVEL']));
    });

    it('gets every variable of its schema from .env, falling back to the default the app has', () => {
      const problems = checked.filter((v) => !AS_PARTS.has(v.name)).map((v) => problem(v, environment[v.name]));
      expect(problems.filter((p) => p !== null)).toEqual([]);
    });

    it('has every variable of its schema in .env.example, set to the default compose falls back to', () => {
      const problems = checked.flatMap((v) => {
        if (!envExample.has(v.name)) return [`${v.name} is missing`];
        const fallback = passedFromEnv(v.name, environment[v.name])?.fallback;
        return fallback && envExample.get(v.name) !== fallback ? [`${v.name}=${envExample.get(v.name)}, compose: ${fallback}`] : [];
      });
      expect(problems).toEqual([]);
    });
  });
});
