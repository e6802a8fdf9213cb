import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { createMigratedTestDatabase, type TestDatabase } from '@sentiment-ingest/db/testing';
import { FakeHackerNews, type FakeHnItem } from '@sentiment-ingest/fake-hn';
import { freePort, startScraperProcess } from '@sentiment-ingest/scraper-kit/testing';

const MAIN = join(__dirname, '../../../dist/apps/hn-scraper/main.js');

const children: ChildProcessWithoutNullStreams[] = [];

/** The built scraper as a process, its output collected. */
function startScraper(env: Record<string, string>) {
  const scraper = startScraperProcess(MAIN, env);
  children.push(scraper.child);
  return scraper;
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

async function until<T>(what: string, ms: number, probe: () => Promise<T | null>, output: () => string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms} ms; scraper output:\n${output().slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const checkpointOf = async (url: string): Promise<number | null> => {
  const rows = await query<{ newest_id: string }>(url, `select newest_id from scrape_checkpoints where source = 'hn' and stream = 'items'`);
  return rows[0] ? Number(rows[0].newest_id) : null;
};

interface StoredRow {
  id: string;
  created_at: Date;
  type: string | null;
  author: string | null;
  parent_id: string | null;
  story_id: string | null;
  title: string | null;
  body: string | null;
  url: string | null;
  dead: boolean;
  deleted: boolean;
}

/** What the row of a ground-truth item must hold, where the item cannot have changed since it was read. */
function expectedRow(item: FakeHnItem): Partial<StoredRow> {
  const base: Partial<StoredRow> = {
    id: String(item.id),
    created_at: new Date(item.time * 1000),
    type: item.type,
    parent_id: item.parent === null ? null : String(item.parent),
    // a job is the root of its own (empty) thread, like a story; the fake's ground truth leaves its story null
    story_id: item.type === 'job' ? String(item.id) : item.storyId === null ? null : String(item.storyId),
  };
  return base;
}

describe('hn-scraper process against the fake Hacker News and TimescaleDB', () => {
  let database: TestDatabase;
  let fake: FakeHackerNews;
  let baseUrl: string;

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    // an item a second for the last 20 minutes, then on while the scraper runs; lag, holes, late
    // items, deletions, edits, dead items and every kind of fault the real API has shown
    fake = new FakeHackerNews({
      seed: 9,
      startAt: Date.now() - 20 * 60_000,
      itemsPerMinute: 60,
      bursts: { everyMinutes: 2, size: 40, spreadSeconds: 5 },
      nullLagMs: 1500,
      lateRate: 0.01,
      lateLagMs: 6_000,
      holeRate: 0.01,
      faultRates: { serverError: 0.01, tooManyRequests: 0.005, htmlBody: 0.005, truncatedJson: 0.005, hang: 0.002, dropConnection: 0.005 },
      retryAfterSeconds: 1,
    });
    baseUrl = (await fake.start()).baseUrl;
  });

  afterAll(async () => {
    // a failed test leaves its scraper running
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await fake?.stop();
    await database?.drop();
  });

  it('stores every item of the start window and of the run exactly once with its fields, across a kill -9 and a restart', async () => {
    const env = {
      DATABASE_URL: database.url,
      HN_API_BASE_URL: baseUrl,
      HN_START: '10m',
      HN_CONCURRENCY: '8',
      HN_MAX_REQUESTS_PER_S: '400',
      HN_POLL_INTERVAL_S: '1',
      HN_NULL_RETRY_S: '3',
      HN_BATCH_SIZE: '50',
      HN_REQUEST_TIMEOUT_MS: '1000',
      HN_ENGAGEMENT_MAX_AGE_H: '0',
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(await freePort()),
    };
    const startedAt = Date.now();
    const first = startScraper(env);
    // kill -9 in the middle of the first backfill, after some batches are committed
    const firstRunStart = await until('the first run to log its start id', 30_000, async () => {
      const line = first.output().split('\n').find((l) => l.includes('"msg":"first run: walk starts"'));
      return line ? (JSON.parse(line) as { firstId: number }).firstId : null;
    }, first.output);
    // the scraper chose its start window before it logged it: the latest moment it can have done so
    const startLoggedBy = Date.now();
    await until('a committed batch', 90_000, async () => ((await checkpointOf(database.url)) ?? 0) > firstRunStart + 100 || null, first.output);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    const killedAt = await checkpointOf(database.url);

    const second = startScraper(env);
    await until('the restart to resume from the checkpoint', 30_000, async () => second.output().includes('"msg":"walk resumes from its checkpoint"') || null, second.output);
    expect(second.output()).toContain(`"checkpoint":${killedAt}`);
    // let new items arrive while it runs, then wait until it has caught up with the fake's newest id
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    const lastId = fake.maxItem();
    await until('the walk to reach the newest id', 120_000, async () => ((await checkpointOf(database.url)) ?? 0) >= lastId || null, second.output);
    const truth = fake.items({ from: firstRunStart, to: lastId });
    // late items recorded absent are asked again: wait until they are stored too
    await until('every item to be stored', 90_000, async () => {
      const [row] = await query<{ n: string }>(database.url, `select count(*) as n from hn_items where id between ${firstRunStart} and ${lastId}`);
      return Number(row?.n) >= truth.length || null;
    }, second.output);

    const ready = await fetch(`http://127.0.0.1:${env.HTTP_PORT}/readyz`);
    expect(ready.status).toBe(200);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    // the start window: the first id is the first item created 10 minutes before the first start
    const startItem = fake.item(firstRunStart);
    expect(startItem && startItem.createdMs).toBeGreaterThanOrEqual(startedAt - 10 * 60_000 - 1_000);
    const before = fake.items({ from: firstRunStart - 50, to: firstRunStart - 1 }).at(-1);
    expect(before && before.createdMs).toBeLessThan(startLoggedBy - 10 * 60_000 + 1_000);

    // exactly once: one row and one key per id, nothing outside the walked range
    const rows = await query<StoredRow>(
      database.url,
      `select id, created_at, type, author, parent_id, story_id, title, body, url, dead, deleted from hn_items where id between ${firstRunStart} and ${lastId} order by id`,
    );
    const [counts] = await query<{ rows: string; ids: string; keys: string; outside: string }>(
      database.url,
      `select (select count(*) from hn_items) as rows, (select count(distinct id) from hn_items) as ids,
              (select count(*) from hn_item_keys) as keys,
              (select count(*) from hn_items where id < ${firstRunStart}) as outside`,
    );
    expect(rows.map((r) => Number(r.id))).toEqual(truth.map((t) => t.id));
    expect(Number(counts?.rows)).toBe(Number(counts?.ids));
    expect(Number(counts?.keys)).toBe(Number(counts?.ids));
    // an ancestor older than the window is read to find a comment's story, never stored
    expect(Number(counts?.outside)).toBe(0);

    // fields: facts of every item; text of items that cannot have changed since they were read
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    for (const item of truth) {
      const row = byId.get(item.id)!;
      expect(row).toMatchObject(expectedRow(item));
      if (item.deleted && item.deletedAtMs !== null && item.deletedAtMs < startedAt) {
        expect({ id: item.id, author: row.author, body: row.body, deleted: row.deleted }).toEqual({ id: item.id, author: null, body: null, deleted: true });
      } else if (!item.deleted && item.edits === 0 && !item.dead) {
        expect({ id: item.id, author: row.author, title: row.title, body: row.body, url: row.url }).toEqual({
          id: item.id,
          author: item.author,
          // an empty text, title or url is stored as NULL (nothing to score)
          title: item.title || null,
          body: item.textPlain || null,
          url: item.url || null,
        });
      }
    }
    // the fake served faults, and the scraper went through them
    expect(Object.values(fake.stats().faults).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  }, 420_000);
});
