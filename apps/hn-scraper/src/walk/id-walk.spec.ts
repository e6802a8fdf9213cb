import type { ItemBatch, WriteResult } from '@sentiment-ingest/db';
import type { HnItem, ScrapeCheckpoint } from '@sentiment-ingest/models';
import { ScrapeMetrics } from '@sentiment-ingest/scraper-kit';
import { FakeClock, MemoryLog } from '@sentiment-ingest/scraper-kit/testing';
import type { HnApi } from '../api/hn-api';
import type { HnStart } from '../hn-start';
import { HnIdWalk, type HnIdWalkOptions } from './id-walk';
import { HnStoryResolver } from './story-resolver';
import { HN_WALK_STREAM } from './walk-position';

const NOW = Date.parse('2026-11-30T12:00:00Z');

/** A Hacker News in memory: one story a minute up to now, ids from 1; `hidden` ids answer null. */
class MemoryHn implements HnApi {
  readonly payloads = new Map<number, unknown>();
  readonly hidden = new Set<number>();
  readonly failing = new Set<number>();
  readonly requested: number[] = [];
  max = 0;

  addStories(count: number, firstTimeMs: number, stepS = 60): void {
    for (let i = 0; i < count; i += 1) {
      this.max += 1;
      this.payloads.set(this.max, { id: this.max, type: 'story', by: `u${this.max}`, time: Math.floor(firstTimeMs / 1000) + i * stepS, title: `story ${this.max}`, score: 1 });
    }
  }

  async maxItem(): Promise<number> {
    return this.max;
  }

  async item(id: number): Promise<unknown> {
    this.requested.push(id);
    if (this.failing.has(id)) throw new Error(`item ${id}: HTTP 503 after every retry`);
    return this.hidden.has(id) ? null : (this.payloads.get(id) ?? null);
  }

  async updates(): Promise<{ items: number[] }> {
    return { items: [] };
  }
}

/** The ItemWriter's contract in memory: rows by id, the checkpoint written with them. */
class MemoryStore {
  readonly rows = new Map<number, HnItem>();
  readonly batches: ItemBatch<HnItem>[] = [];
  checkpoint: ScrapeCheckpoint | null = null;
  writes = 0;

  readonly writer = {
    write: async (batch: ItemBatch<HnItem>): Promise<WriteResult | null> => {
      this.batches.push(batch);
      let inserted = 0;
      for (const item of batch.items) {
        if (!this.rows.has(item.id)) inserted += 1;
        this.rows.set(item.id, item);
      }
      const checkpoints = typeof batch.checkpoints === 'function' ? batch.checkpoints(batch.items) : (batch.checkpoints ?? []);
      this.checkpoint = checkpoints.at(-1) ?? this.checkpoint;
      this.writes += 1;
      return { inserted, updated: 0, unchanged: batch.items.length - inserted, observations: inserted, rejected: [] };
    },
  };

  readonly state = { readCheckpoint: async () => this.checkpoint };
}

function walkOf(hn: MemoryHn, store: MemoryStore, options: Partial<HnIdWalkOptions> & { start?: HnStart } = {}) {
  const clock = new FakeClock({ now: NOW });
  const log = new MemoryLog();
  const walk = new HnIdWalk({
    source: 'hn',
    api: hn,
    state: store.state,
    writer: store.writer,
    stories: new HnStoryResolver(),
    clock,
    log,
    metrics: new ScrapeMetrics({ source: 'hn' }),
    start: { kind: 'id', id: 1 },
    concurrency: 4,
    batchSize: 10,
    nullRetryMs: 60_000,
    absentRecheckMs: 3_600_000,
    pollIntervalMs: 30_000,
    ...options,
  });
  return { walk, clock, log };
}

const signal = () => new AbortController().signal;

describe('HnIdWalk', () => {
  it('stores every id from the start to maxitem once, in batches, the checkpoint written with each', async () => {
    const hn = new MemoryHn();
    hn.addStories(35, NOW - 3_600_000);
    const store = new MemoryStore();
    const { walk, log } = walkOf(hn, store);
    await expect(walk.poll(signal())).resolves.toBe(30_000);
    expect([...store.rows.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 35 }, (_, i) => i + 1));
    expect(hn.requested.sort((a, b) => a - b)).toEqual(Array.from({ length: 35 }, (_, i) => i + 1));
    expect(store.batches.length).toBeGreaterThanOrEqual(4);
    expect(store.checkpoint).toMatchObject({ source: 'hn', stream: HN_WALK_STREAM, newestId: '35', newestCreatedUtc: new Date((Math.floor((NOW - 3_600_000) / 1000) + 34 * 60) * 1000) });
    // each batch's checkpoint covers only ids stored by then
    for (const batch of store.batches) {
      const frontier = Number((batch.checkpoints as ScrapeCheckpoint[])[0]?.newestId);
      const storedUpTo = new Set(store.batches.slice(0, store.batches.indexOf(batch) + 1).flatMap((b) => b.items.map((i) => i.id)));
      for (let id = 1; id <= frontier; id += 1) expect(storedUpTo.has(id)).toBe(true);
    }
    expect(log.lines.find((l) => l.message === 'poll complete')?.fields).toMatchObject({ stream: 'items', fetched: 35, inserted: 35 });
  });

  it('resumes from its checkpoint: a new process requests only ids above it', async () => {
    const hn = new MemoryHn();
    hn.addStories(20, NOW - 3_600_000);
    const store = new MemoryStore();
    await walkOf(hn, store).walk.poll(signal());
    hn.addStories(5, NOW - 60_000);
    hn.requested.length = 0;
    await walkOf(hn, store, { start: { kind: 'id', id: 1 } }).walk.poll(signal());
    expect(hn.requested.sort((a, b) => a - b)).toEqual([21, 22, 23, 24, 25]);
    expect(store.checkpoint?.newestId).toBe('25');
  });

  it('never moves the checkpoint past an id that answers null; records it absent after the retry window, and stores it when it answers later', async () => {
    const hn = new MemoryHn();
    hn.addStories(10, NOW - 20_000, 1);
    hn.hidden.add(5);
    const store = new MemoryStore();
    const { walk, clock } = walkOf(hn, store, { batchSize: 3 });
    const delay = await walk.poll(signal());
    expect(delay).toBe(500);
    expect(store.rows.has(6) && store.rows.has(10)).toBe(true);
    expect(store.checkpoint?.newestId).toBe('4');

    // asked again until 60 s after its first null, then recorded absent: the walk moves on
    for (let round = 0; round < 20 && store.checkpoint?.newestId !== '10'; round += 1) {
      await clock.advance(8_000);
      await walk.poll(signal());
    }
    expect(store.checkpoint?.newestId).toBe('10');
    expect(store.checkpoint?.state).toEqual({ absent: [[5, expect.any(Number), expect.any(Number)]] });
    expect(hn.requested.filter((id) => id === 5).length).toBeGreaterThan(3);

    // it appears: a later round asks it again and stores it, and forgets it
    hn.hidden.delete(5);
    await clock.advance(60_000);
    await walk.poll(signal());
    expect(store.rows.has(5)).toBe(true);
    expect(store.checkpoint?.state).toEqual({ absent: [] });
  });

  it('records a null in a backfill absent at once when a later item is older than the retry window', async () => {
    const hn = new MemoryHn();
    hn.addStories(30, NOW - 86_400_000);
    hn.hidden.add(12);
    const store = new MemoryStore();
    const { walk } = walkOf(hn, store, { batchSize: 5, concurrency: 1 });
    await walk.poll(signal());
    expect(store.checkpoint?.newestId).toBe('30');
    expect(hn.requested.filter((id) => id === 12)).toHaveLength(1);
    // a day-old hole is not asked again: it is past HN_ABSENT_RECHECK_H
    expect(store.checkpoint?.state).toEqual({ absent: [] });
  });

  it('writes what it read when a request fails, keeps the checkpoint below the failed id, and resumes from it', async () => {
    const hn = new MemoryHn();
    hn.addStories(20, NOW - 3_600_000);
    hn.failing.add(8);
    const store = new MemoryStore();
    const { walk } = walkOf(hn, store, { concurrency: 1, batchSize: 100 });
    await expect(walk.poll(signal())).rejects.toThrow('item 8: HTTP 503');
    expect([...store.rows.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(store.checkpoint?.newestId).toBe('7');
    hn.failing.clear();
    hn.requested.length = 0;
    await walk.poll(signal());
    expect(hn.requested[0]).toBe(8);
    expect(store.rows.size).toBe(20);
    expect(store.checkpoint?.newestId).toBe('20');
  });

  it('says once, and walks nothing, when its checkpoint is past the API\'s maxitem (another API, or a reset fake)', async () => {
    const hn = new MemoryHn();
    hn.addStories(5, NOW - 3_600_000);
    const store = new MemoryStore();
    store.checkpoint = { source: 'hn', stream: HN_WALK_STREAM, newestId: '900', newestCreatedUtc: null, state: {} };
    const { walk, log } = walkOf(hn, store);
    await walk.poll(signal());
    await walk.poll(signal());
    expect(hn.requested).toEqual([]);
    expect(log.lines.filter((l) => l.message.startsWith('the checkpoint is past the API')).map((l) => l.fields)).toEqual([{ checkpoint: 900, maxItem: 5 }]);
  });

  it('quarantines a payload it cannot normalise and walks on past it', async () => {
    const hn = new MemoryHn();
    hn.addStories(5, NOW - 3_600_000);
    hn.payloads.set(3, { id: 3, type: 'story', time: 'not a time' });
    const store = new MemoryStore();
    await walkOf(hn, store).walk.poll(signal());
    expect(store.rows.has(3)).toBe(false);
    expect(store.checkpoint?.newestId).toBe('5');
    expect(store.batches.flatMap((b) => b.rejected ?? [])).toEqual([
      expect.objectContaining({ source: 'hn', stream: 'items', itemKind: 'item', itemId: '3', stage: 'normalize' }),
    ]);
  });

  it('starts a first run at the first item created HN_START ago, found by a binary search', async () => {
    const hn = new MemoryHn();
    hn.addStories(1_000, NOW - 1_000 * 60_000);
    const store = new MemoryStore();
    const { walk } = walkOf(hn, store, { start: { kind: 'age', ms: 100 * 60_000 } });
    await walk.poll(signal());
    const searched = hn.requested.filter((id) => id < 900);
    expect(searched.length).toBeLessThanOrEqual(12);
    expect(Math.min(...store.rows.keys())).toBe(901);
    expect(store.checkpoint?.newestId).toBe('1000');
  });

  it('walks a long backfill in rounds, asking to run again at once while ids are left', async () => {
    const hn = new MemoryHn();
    hn.addStories(50, NOW - 3_600_000);
    const store = new MemoryStore();
    const { walk } = walkOf(hn, store, { idsPerRound: 20 });
    await expect(walk.poll(signal())).resolves.toBe(0);
    expect(store.checkpoint?.newestId).toBe('20');
    await expect(walk.poll(signal())).resolves.toBe(0);
    await expect(walk.poll(signal())).resolves.toBe(30_000);
    expect(store.checkpoint?.newestId).toBe('50');
  });

  it('fills in the story of comments, fetching an ancestor older than the walk once', async () => {
    const hn = new MemoryHn();
    hn.addStories(3, NOW - 3_600_000);
    hn.max = 5;
    hn.payloads.set(4, { id: 4, type: 'comment', by: 'c', time: Math.floor(NOW / 1000) - 60, parent: 2, text: 'hi' });
    hn.payloads.set(5, { id: 5, type: 'comment', by: 'c', time: Math.floor(NOW / 1000) - 30, parent: 4, text: 'reply' });
    const store = new MemoryStore();
    await walkOf(hn, store, { start: { kind: 'id', id: 4 } }).walk.poll(signal());
    expect(store.rows.get(4)?.storyId).toBe(2);
    expect(store.rows.get(5)?.storyId).toBe(2);
    expect(hn.requested.filter((id) => id === 2)).toHaveLength(1);
  });
});
