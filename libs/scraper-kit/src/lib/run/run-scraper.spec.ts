import { parseEnv } from '@sentiment-ingest/db';
import { z } from 'zod';
import { SCRAPER_EXIT } from './exit-codes';
import { scraperProcessConfig, scraperProcessEnvShape, type ScraperProcessConfig } from './process-config';
import { testScraperHost as testHost } from '../../testing/test-host';
import { runScraper, type ScraperDefinition } from './run-scraper';

const shape = { ...scraperProcessEnvShape(), EXAMPLE_FEED: z.string({ error: 'is not set: the feed to read' }).describe('the feed to read') };

function definition(overrides: Partial<ScraperDefinition<ScraperProcessConfig>> = {}): ScraperDefinition<ScraperProcessConfig> {
  return {
    app: 'example-scraper',
    source: 'example',
    parseConfig: (env, source) => scraperProcessConfig(parseEnv(shape, env, undefined, { databaseUrlSource: source }), source),
    start: () => {
      throw new Error('start is not reached in these tests');
    },
    ...overrides,
  };
}

describe('runScraper before the database', () => {
  it('exits 3 and names every variable to fix when the configuration is invalid', async () => {
    const host = testHost({ HTTP_PORT: 'eighty' });
    await expect(runScraper(definition(), host)).resolves.toBe(SCRAPER_EXIT.CONFIG);
    const message = String(host.lines()[0]?.['msg']);
    expect(message).toMatch(/DATABASE_URL/);
    expect(message).toMatch(/HTTP_PORT/);
    expect(message).toMatch(/EXAMPLE_FEED is not set: the feed to read/);
  });

  it('exits 1 when reading the configuration fails for another reason, and says why', async () => {
    const host = testHost({});
    const broken = definition({
      parseConfig: () => {
        throw new TypeError('the config parser has a bug');
      },
    });
    await expect(runScraper(broken, host)).resolves.toBe(SCRAPER_EXIT.FAILURE);
    expect(host.lines()[0]?.['msg']).toBe('the config parser has a bug');
  });
});

describe('runScraper arguments', () => {
  it('prints --help with every variable of its schema and exits 0 without reading the configuration', async () => {
    const host = testHost({}, { argv: ['--help'] });
    await expect(runScraper(definition({ envShape: shape, summary: 'Reads the example feed.', exitCodes: { 7: 'the feed refused us' } }), host)).resolves.toBe(SCRAPER_EXIT.OK);
    expect(host.printed.stdout).toContain('Usage: node dist/apps/example-scraper/main.js [--help]');
    expect(host.printed.stdout).toContain('Reads the example feed.');
    expect(host.printed.stdout).toMatch(/EXAMPLE_FEED +required +the feed to read/);
    expect(host.printed.stdout).toMatch(/HTTP_PORT +default 9464/);
    expect(host.printed.stdout).toContain('   7  the feed refused us');
    expect(host.lines()).toEqual([]);
  });

  it('exits 2 on an argument it does not know, naming it and pointing to --help', async () => {
    const host = testHost({}, { argv: ['--subreddits=news'] });
    await expect(runScraper(definition(), host)).resolves.toBe(SCRAPER_EXIT.USAGE);
    expect(host.printed.stderr).toBe('example-scraper: unknown argument "--subreddits=news". It takes only --help: it is configured by environment variables, which --help lists.\n');
    expect(host.printed.stdout).toBe('');
  });
});
