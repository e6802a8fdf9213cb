import { HN_ITEMS, type ItemBatch, type RecentItem, type RecentItemsFilter, type TimedItemTable, type WriteResult } from '@sentiment-ingest/db';
import type { HnItem, ScrapeCheckpoint } from '@sentiment-ingest/models';
import { ScrapeMetrics, type BatchWriter } from '@sentiment-ingest/scraper-kit';
import { FakeClock, MemoryLog } from '@sentiment-ingest/scraper-kit/testing';
import type { HnApi, HnUpdates } from '../api/hn-api';
import { HnStoryResolver } from '../walk/story-resolver';
import { checkpointOf } from '../walk/walk-position';
import { HnEngagementRefresher, type EngagementState, type HnEngagementRefresherOptions } from './engagement-refresher';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.UTC(2026, 10, 30, 12, 0, 0);

/** A story payload as the API sends it, created `ageMs` before T0. */
const story = (id: number, ageMs: number, score = 1, descendants = 0): Record<string, unknown> => ({
  id,
  type: 'story',
  by: 'alice',
  time: Math.floor((T0 - ageMs) / 1000),
  title: `Story ${id}`,
  score,
  descendants,
});

/** The API as a map of payloads; every request is recorded. */
class MemoryHnApi implements HnApi {
  readonly payloads = new Map<number, unknown>();
  readonly requested: number[] = [];
  updated: number[] = [];
  failOn: number | null = null;
  inFlight = 0;
  maxInFlight = 0;
  gate: Promise<void> | null = null;

  async maxItem(): Promise<number> {
    return Math.max(0, ...this.payloads.keys());
  }

  async item(id: number): Promise<unknown> {
    this.requested.push(id);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await (this.gate ?? Promise.resolve());
      if (id === this.failOn) throw new Error(`item ${id} answered HTTP 503 after every retry`);
      return this.payloads.get(id) ?? null;
    } finally {
      this.inFlight -= 1;
    }
  }

  async updates(): Promise<HnUpdates> {
    return { items: this.updated };
  }
}

/** The scrape state: the stored items (id, time, type) and the walk's checkpoint. */
class MemoryState implements EngagementState {
  readonly rows: { id: number; time: Date; type: string }[] = [];
  checkpoint: ScrapeCheckpoint | null = null;
  readonly reads: { table: string; since: Date; filter?: RecentItemsFilter }[] = [];

  async readCheckpoint(source: string, stream: string): Promise<ScrapeCheckpoint | null> {
    return source === 'hn' && stream === 'items' ? this.checkpoint : null;
  }

  async recentItems(items: TimedItemTable, since: Date, filter?: RecentItemsFilter): Promise<RecentItem[]> {
    this.reads.push({ table: items.table, since, filter });
    return this.rows
      .filter((r) => r.time > since && (!filter || filter.anyOf.includes(r.type)))
      .sort((a, b) => a.time.getTime() - b.time.getTime())
      .map((r) => ({ id: String(r.id), time: r.time }));
  }
}

/** The durable writer over a map: a row counts as updated when its engagement or deletion changed. */
class MemoryWriter implements BatchWriter<ItemBatch<HnItem>> {
  readonly batches: ItemBatch<HnItem>[] = [];
  readonly stored = new Map<number, HnItem>();
  gaveUp = false;

  async write(batch: ItemBatch<HnItem>): Promise<WriteResult | null> {
    if (this.gaveUp) return null;
    this.batches.push(batch);
    let inserted = 0;
    let updated = 0;
    for (const item of batch.items) {
      const before = this.stored.get(item.id);
      if (!before) inserted += 1;
      else if (before.score !== item.score || before.descendants !== item.descendants || before.deleted !== item.deleted) updated += 1;
      this.stored.set(item.id, item);
    }
    return { inserted, updated, unchanged: batch.items.length - inserted - updated, observations: inserted + updated, rejected: [] };
  }
}

function setup(options: Partial<HnEngagementRefresherOptions> = {}) {
  const clock = new FakeClock({ now: T0 });
  const api = new MemoryHnApi();
  const state = new MemoryState();
  const writer = new MemoryWriter();
  const log = new MemoryLog();
  const stories = new HnStoryResolver();
  const refresher = new HnEngagementRefresher({
    source: 'hn',
    api,
    state,
    writer,
    stories,
    clock,
    log,
    metrics: new ScrapeMetrics({ source: 'hn' }),
    maxAgeMs: 48 * HOUR,
    concurrency: 4,
    batchSize: 100,
    pollIntervalMs: 30_000,
    ...options,
  });
  /** A story stored by the walk, with its current payload at the API. */
  const stored = (id: number, ageMs: number, score = 1, descendants = 0): void => {
    state.rows.push({ id, time: new Date(T0 - ageMs - ((T0 - ageMs) % 1000)), type: 'story' });
    api.payloads.set(id, story(id, ageMs, score, descendants));
  };
  const signal = new AbortController().signal;
  return { clock, api, state, writer, log, stories, refresher, stored, signal };
}

describe('HnEngagementRefresher', () => {
  it('reads only the recent stories, polls and jobs of hn_items, within the maximum age', async () => {
    const { refresher, state, signal } = setup();
    await refresher.poll(signal);
    expect(state.reads).toEqual([{ table: HN_ITEMS.table, since: new Date(T0 - 48 * HOUR), filter: { column: 'type', anyOf: ['story', 'poll', 'job'] } }]);
  });

  it('refreshes the stories due by the age cadence and writes them without a checkpoint, observed when read', async () => {
    const { refresher, api, writer, stored, state, clock, log, signal } = setup();
    stored(1, 30 * MIN, 5, 2);
    stored(2, 2 * MIN);
    stored(3, 3 * HOUR, 40, 10);
    state.rows.push({ id: 4, time: new Date(T0 - 20 * MIN), type: 'comment' });

    const delay = await refresher.poll(signal);
    // story 2 is younger than its first interval; the comment is not followed
    expect([...api.requested].sort()).toEqual([1, 3]);
    expect(writer.batches).toHaveLength(1);
    const [batch] = writer.batches;
    expect(batch).toMatchObject({ stream: 'engagement', rejected: [] });
    expect(batch!.checkpoints).toBeUndefined();
    expect(batch!.items.map((i) => [i.id, i.score, i.descendants])).toEqual(expect.arrayContaining([[1, 5, 2], [3, 40, 10]]));
    const observedAt = batch!.observedAt as (item: HnItem) => Date;
    expect(observedAt(batch!.items[0]!)).toEqual(new Date(T0));
    expect(log.lines).toContainEqual({ level: 'info', message: 'poll complete', fields: { stream: 'engagement', pages: 2, fetched: 2, inserted: 2, updated: 0, rejected: 0 } });
    // story 2 comes due 5 min after its creation, 3 min from now: the poll interval is sooner
    expect(delay).toBe(30_000);

    // nothing is due again right away
    api.requested.length = 0;
    await clock.advance(MIN);
    await refresher.poll(signal);
    expect(api.requested).toEqual([]);

    // five minutes after the first check, story 1 (35 min old) is due again, and story 2 for the first time
    await clock.advance(4 * MIN);
    api.payloads.set(1, story(1, 30 * MIN, 9, 3));
    await refresher.poll(signal);
    expect([...api.requested].sort()).toEqual([1, 2]);
    expect(writer.batches[1]!.items.find((i) => i.id === 1)).toMatchObject({ score: 9, descendants: 3 });
  });

  it('takes the updated ids at or below the walk checkpoint, resolving comments with the walk\'s resolver, and leaves newer ids to the walk', async () => {
    const { refresher, api, writer, state, stories, signal } = setup();
    state.checkpoint = checkpointOf('hn', { frontier: 120, newestCreatedAt: null, absent: [] });
    // the walk stored story 100 and so remembers it; 110 replies to it; 130 is beyond the walk
    stories.remember({ id: 100, type: 'story', parentId: null, storyId: 100 });
    api.payloads.set(110, { id: 110, type: 'comment', by: 'bob', parent: 100, time: Math.floor(T0 / 1000) - 60, text: 'edited' });
    api.payloads.set(130, story(130, MIN));
    api.payloads.set(115, story(115, 10 * MIN));
    api.updated = [110, 130, 115];

    await refresher.poll(signal);
    expect(api.requested.sort()).toEqual([110, 115]);
    const items = writer.batches[0]!.items;
    expect(items.find((i) => i.id === 110)).toMatchObject({ storyId: 100, body: 'edited' });
    // 115 was recorded absent by the walk: its late answer is stored now
    expect(items.find((i) => i.id === 115)).toMatchObject({ type: 'story', score: 1 });
  });

  it('before the walk has a checkpoint, takes only the updated ids that are stored stories', async () => {
    const { refresher, api, stored, signal } = setup();
    stored(7, 3 * MIN);
    api.payloads.set(3, story(3, HOUR));
    api.updated = [3, 7];
    await refresher.poll(signal);
    expect(api.requested).toEqual([7]);
  });

  it('stores a deletion that /v0/updates.json lists, redacted', async () => {
    const { refresher, api, writer, stored, signal } = setup();
    stored(5, 2 * MIN);
    api.payloads.set(5, { id: 5, deleted: true, type: 'story', time: Math.floor((T0 - 2 * MIN) / 1000) });
    api.updated = [5];
    await refresher.poll(signal);
    expect(writer.batches[0]!.items).toEqual([expect.objectContaining({ id: 5, deleted: true, author: null, title: null })]);
  });

  it('quarantines what cannot be normalised, and writes nothing for a story the API no longer shows', async () => {
    const { refresher, api, writer, stored, log, signal } = setup();
    stored(1, HOUR);
    stored(2, HOUR);
    api.payloads.set(1, { id: 1, type: 'story', by: 'x' }); // no time
    api.payloads.delete(2);
    await refresher.poll(signal);
    expect(writer.batches).toHaveLength(1);
    expect(writer.batches[0]!.items).toEqual([]);
    expect(writer.batches[0]!.rejected).toEqual([
      { source: 'hn', stream: 'engagement', itemKind: 'item', itemId: '1', stage: 'normalize', reason: 'time is missing', sqlState: null, payload: { id: 1, type: 'story', by: 'x' } },
    ]);
    expect(log.lines.find((l) => l.message === 'poll complete')?.fields).toMatchObject({ stream: 'engagement', fetched: 1, rejected: 1 });
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    const { refresher, api, stored, signal } = setup({ concurrency: 3 });
    for (let id = 1; id <= 10; id += 1) stored(id, HOUR);
    let open!: () => void;
    api.gate = new Promise<void>((resolve) => (open = resolve));
    const round = refresher.poll(signal);
    await new Promise((resolve) => setImmediate(resolve));
    expect(api.inFlight).toBe(3);
    open();
    await round;
    expect(api.maxInFlight).toBe(3);
    expect(api.requested).toHaveLength(10);
  });

  it('bounds a round and comes back at once while due stories are left, in batches of the write size', async () => {
    const { refresher, api, writer, stored, signal } = setup({ idsPerRound: 5, batchSize: 2 });
    for (let id = 1; id <= 8; id += 1) stored(id, HOUR);
    expect(await refresher.poll(signal)).toBe(0);
    expect(api.requested).toHaveLength(5);
    expect(writer.batches.map((b) => b.items.length)).toEqual([2, 2, 1]);
    api.requested.length = 0;
    expect(await refresher.poll(signal)).toBe(30_000);
    expect(api.requested).toHaveLength(3);
  });

  it('writes what was read when a request fails, then fails the round; the story stays due', async () => {
    const { refresher, api, writer, stored, signal } = setup({ concurrency: 1 });
    stored(1, HOUR);
    stored(2, HOUR + MIN);
    api.failOn = 1;
    await expect(refresher.poll(signal)).rejects.toThrow('item 1 answered HTTP 503');
    expect(writer.batches.map((b) => b.items.map((i) => i.id))).toEqual([[2]]);
    api.failOn = null;
    api.requested.length = 0;
    await refresher.poll(signal);
    expect(api.requested).toEqual([1]);
  });

  it('stops the round when the writer gives up at shutdown', async () => {
    const { refresher, writer, stored, log, signal } = setup();
    stored(1, HOUR);
    writer.gaveUp = true;
    expect(await refresher.poll(signal)).toBe(30_000);
    expect(log.lines.map((l) => l.message)).toContain('poll interrupted; rows written, checkpoint kept');
  });
});
