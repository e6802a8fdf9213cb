import { createMigratedTestDatabase, type TestDatabase } from '@sentiment-ingest/db/testing';
import type { HnItem } from '@sentiment-ingest/models';
import { runScraper, SCRAPER_EXIT } from '@sentiment-ingest/scraper-kit';
import { testScraperHost } from '@sentiment-ingest/scraper-kit/testing';
import { Client } from 'pg';
import { defineHnScraper } from './hn-scraper';

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('hn-scraper against TimescaleDB', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createMigratedTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('stores what its feed returns in hn_items, moves the checkpoint, is ready, and exits 0 on SIGTERM', async () => {
    const items: HnItem[] = [{ id: 'first', createdAt: new Date('2026-01-01T00:00:00Z'), raw: { id: 'first', title: 'hello' } }];
    const scraper = defineHnScraper({ createFeed: () => ({ fetchNew: async () => items.splice(0) }) });
    const host = testScraperHost({ DATABASE_URL: database.url, HTTP_HOST: '127.0.0.1', HTTP_PORT: '0', HN_POLL_INTERVAL_S: '1' });
    const exit = runScraper(scraper, host);
    try {
      const started = await host.waitForLine('hn scraper started');
      expect(await host.waitForLine('poll complete')).toMatchObject({ stream: 'new', fetched: 1, inserted: 1 });
      const ready = await fetch(`http://${String(started['http'])}/readyz`);
      expect(ready.status).toBe(200);
    } finally {
      host.signals.emit('SIGTERM');
    }
    await expect(exit).resolves.toBe(SCRAPER_EXIT.OK);

    expect(await query(database.url, 'select id, raw from hn_items')).toEqual([{ id: 'first', raw: { id: 'first', title: 'hello' } }]);
    expect(await query(database.url, `select newest_id from scrape_checkpoints where source = 'hn'`)).toEqual([{ newest_id: 'first' }]);
  });
});
