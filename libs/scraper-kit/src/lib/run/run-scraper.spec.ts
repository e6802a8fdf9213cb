import { parseEnv } from '@sentiment-ingest/db';
import { z } from 'zod';
import { SCRAPER_EXIT } from './exit-codes';
import { scraperProcessConfig, scraperProcessEnvShape, type ScraperProcessConfig } from './process-config';
import { testScraperHost as testHost } from '../../testing/test-host';
import { runScraper, type ScraperDefinition } from './run-scraper';

const shape = { ...scraperProcessEnvShape(), EXAMPLE_FEED: z.string({ error: 'is not set: the feed to read' }) };

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
