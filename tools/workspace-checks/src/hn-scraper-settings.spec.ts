import { readWorkspaceFile, readYaml } from './deploy-files';
import { findVariableRefs, parseEnvFile } from './variables';

/**
 * The Hacker News scraper's settings reach it the same way from every place that sets them: compose
 * passes every HN_* variable its config reads, each with a default, and .env.example lists each one.
 * The names come from the config's source text (this project may not import an app).
 */
const CONFIG_SOURCE = readWorkspaceFile('apps/hn-scraper/src/config.ts');
const CONFIG_VARIABLES = [...new Set([...CONFIG_SOURCE.matchAll(/^\s+(HN_[A-Z0-9_]+):/gm)].map((m) => m[1] ?? ''))];

const compose = readYaml('docker-compose.yml') as { services?: Record<string, { environment?: Record<string, string> }> };
const environment = compose.services?.['hn-scraper']?.environment ?? {};
const envExample = new Map(parseEnvFile(readWorkspaceFile('.env.example')).entries.map((e) => [e.key, e.value]));

describe('the hn-scraper settings', () => {
  it('are found in apps/hn-scraper/src/config.ts', () => {
    expect(CONFIG_VARIABLES).toEqual(expect.arrayContaining(['HN_API_BASE_URL', 'HN_START', 'HN_CONCURRENCY', 'HN_MAX_REQUESTS_PER_S']));
  });

  it.each(CONFIG_VARIABLES)('compose passes %s from .env, with a default', (name) => {
    expect(findVariableRefs(environment[name] ?? '')).toEqual([{ name, hasDefault: true }]);
  });

  it.each(CONFIG_VARIABLES)('.env.example sets %s to the default compose uses', (name) => {
    const fallback = /:-(.*)\}$/.exec(environment[name] ?? '')?.[1];
    expect(envExample.get(name)).toBe(fallback);
  });

  it('points compose at the real Hacker News API by default, with no credentials', () => {
    expect(environment['HN_API_BASE_URL']).toBe('${HN_API_BASE_URL:-https://hacker-news.firebaseio.com/v0}');
    expect(Object.keys(environment).filter((key) => /SECRET|TOKEN|CLIENT_ID/.test(key))).toEqual([]);
  });

  it('passes no HN_* variable the config does not read', () => {
    expect(Object.keys(environment).filter((key) => key.startsWith('HN_') && !CONFIG_VARIABLES.includes(key))).toEqual([]);
  });
});
