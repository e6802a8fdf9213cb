import type { ItemBatch, WriteResult } from '@sentiment-ingest/db';
import type { HnItem, ScrapeCheckpoint } from '@sentiment-ingest/models';
import { ScrapeMetrics } from '@sentiment-ingest/scraper-kit';
import { FakeClock, MemoryLog } from '@sentiment-ingest/scraper-kit/testing';
import type { HnApi } from '../api/hn-api';
import { HnIdWalk } from './id-walk';
import { HnStoryResolver } from './story-resolver';

/** How the walk's reading and writing interleave (bench:hn-walk: reading goes on while a batch is written). */
const NOW = Date.parse('2026-11-30T12:00:00Z');
const IDS = 40;

/** Stories 1..IDS, a minute apart, long before NOW; records the order of events. */
function apiOf(events: string[]): HnApi {
  return {
    maxItem: async () => IDS,
    item: async (id) => {
      events.push(`read ${id}`);
      return { id, type: 'story', by: `u${id}`, time: Math.floor((NOW - 86_400_000) / 1000) + id * 60, title: `story ${id}`, score: 1 };
    },
    updates: async () => ({ items: [] }),
  };
}

/** A writer whose writes finish only when the test says so. */
function gatedWriter(events: string[]) {
  const gates: (() => void)[] = [];
  const batches: ItemBatch<HnItem>[] = [];
  let checkpoint: ScrapeCheckpoint | null = null;
  let failNext: Error | null = null;
  return {
    batches,
    gates,
    get checkpoint() {
      return checkpoint;
    },
    failNextWith(error: Error) {
      failNext = error;
    },
    writer: {
      write: async (batch: ItemBatch<HnItem>): Promise<WriteResult | null> => {
        events.push(`write ${batch.items.length}`);
        batches.push(batch);
        await new Promise<void>((resolve) => gates.push(resolve));
        if (failNext) throw failNext;
        checkpoint = (batch.checkpoints as ScrapeCheckpoint[]).at(-1) ?? checkpoint;
        events.push('written');
        return { inserted: batch.items.length, updated: 0, unchanged: 0, observations: 0, rejected: [] };
      },
    },
  };
}

function walkOf(events: string[], store: ReturnType<typeof gatedWriter>) {
  return new HnIdWalk({
    source: 'hn',
    api: apiOf(events),
    state: { readCheckpoint: async () => store.checkpoint },
    writer: store.writer,
    stories: new HnStoryResolver(),
    clock: new FakeClock({ now: NOW }),
    log: new MemoryLog(),
    metrics: new ScrapeMetrics({ source: 'hn' }),
    start: { kind: 'id', id: 1 },
    concurrency: 2,
    batchSize: 10,
    nullRetryMs: 60_000,
    absentRecheckMs: 3_600_000,
    pollIntervalMs: 30_000,
  });
}

/** Lets every pending promise callback run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('HnIdWalk, reading while writing', () => {
  it('reads the next batch while one is written, waits when that one is full too, and writes in order with the checkpoint', async () => {
    const events: string[] = [];
    const store = gatedWriter(events);
    const round = walkOf(events, store).poll(new AbortController().signal);
    await settle();
    // the first batch is being written, the second has been read meanwhile; reading waits for the write
    expect(store.batches.map((b) => b.items.map((i) => i.id))).toEqual([[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]);
    const readSoFar = events.filter((e) => e.startsWith('read')).length;
    expect(readSoFar).toBeGreaterThanOrEqual(20);
    expect(readSoFar).toBeLessThan(IDS);
    while (store.gates.length > 0 || events.filter((e) => e === 'written').length < 4) {
      store.gates.shift()?.();
      await settle();
    }
    await expect(round).resolves.toBe(30_000);
    expect(store.batches.map((b) => b.items.length)).toEqual([10, 10, 10, 10]);
    expect(store.batches.flatMap((b) => b.items.map((i) => i.id))).toEqual(Array.from({ length: IDS }, (_, i) => i + 1));
    expect(store.batches.map((b) => (b.checkpoints as ScrapeCheckpoint[])[0]?.newestId)).toEqual(['10', '20', '30', '40']);
  });

  it('fails the round when a write fails while reading goes on, and leaves the checkpoint where it was', async () => {
    const events: string[] = [];
    const store = gatedWriter(events);
    const round = walkOf(events, store).poll(new AbortController().signal);
    await settle();
    store.failNextWith(new Error('database down'));
    store.gates.shift()?.();
    await expect(round).rejects.toThrow('database down');
    expect(store.checkpoint).toBeNull();
  });
});
