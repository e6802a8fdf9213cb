import { normalizeT3 } from '@sentiment-ingest/models';
import { ScrapeMetrics } from '@sentiment-ingest/scraper-kit';
import { MemoryLog } from '@sentiment-ingest/scraper-kit/testing';
import { REDDIT_SOURCE } from '../polling/stream-poller';
import { InMemoryListing, InMemoryStore, t3Item } from '../testing/in-memory-fakes';
import { ENGAGEMENT_STREAM, EngagementRefresher, UNMARKED_EDIT_WINDOW_MS } from './engagement-refresher';

const NOW = Date.UTC(2026, 10, 30, 12);

const MINUTE = 60_000;

/** A store holding `count` posts created `ageMs` before `now`, and a refresher over it at `now`. */
function setup(options: { count: number; ageMs: number; now: { ms: number }; store?: InMemoryStore; perRound?: number }) {
  const listing = new InMemoryListing();
  const store = options.store ?? new InMemoryStore();
  for (let i = 1; i <= options.count; i += 1) {
    const item = t3Item(i, (options.now.ms - options.ageMs) / 1000);
    listing.add(item);
    const normalized = normalizeT3(item, { now: new Date(options.now.ms), redactDeleted: true });
    if (!normalized.ok) throw new Error(normalized.reason);
    store.submissions.set(normalized.submission.id, normalized.submission);
  }
  const refresher = (perRound?: number) =>
    new EngagementRefresher({
      source: listing,
      state: store,
      writer: store,
      clock: { now: () => options.now.ms, sleep: async () => undefined },
      log: new MemoryLog(),
      metrics: new ScrapeMetrics({ source: REDDIT_SOURCE }),
      redactDeleted: true,
      maxAgeMs: 24 * 3_600_000,
      ...(perRound === undefined ? {} : { perRound }),
    });
  return { listing, store, refresher };
}

describe('EngagementRefresher after a restart', () => {
  it('refreshes nothing that the previous process refreshed in its last complete round', async () => {
    const now = { ms: NOW };
    const { listing, refresher } = setup({ count: 250, ageMs: 30 * MINUTE, now });
    expect((await refresher().refreshDue(new AbortController().signal)).checked).toBe(250);
    const requests = listing.requests;
    now.ms += 2 * MINUTE;
    expect((await refresher().refreshDue(new AbortController().signal)).checked).toBe(0);
    expect(listing.requests).toBe(requests);
    now.ms += 3 * MINUTE;
    expect((await refresher().refreshDue(new AbortController().signal)).checked).toBe(250);
  });

  it('records no round cut short by perRound: a restart refreshes its posts again', async () => {
    const now = { ms: NOW };
    const { store, refresher } = setup({ count: 250, ageMs: 30 * MINUTE, now });
    expect((await refresher(100).refreshDue(new AbortController().signal)).checked).toBe(100);
    expect(await store.readCheckpoint(REDDIT_SOURCE, ENGAGEMENT_STREAM)).toBeNull();
    now.ms += MINUTE;
    expect((await refresher().refreshDue(new AbortController().signal)).checked).toBe(250);
    expect(await store.readCheckpoint(REDDIT_SOURCE, ENGAGEMENT_STREAM)).not.toBeNull();
  });

  it('records no round cut short by shutdown', async () => {
    const now = { ms: NOW };
    const { store, listing, refresher } = setup({ count: 250, ageMs: 30 * MINUTE, now });
    const controller = new AbortController();
    const info = listing.info.bind(listing);
    listing.info = async (fullnames) => {
      controller.abort();
      return info(fullnames);
    };
    expect((await refresher().refreshDue(controller.signal)).checked).toBe(100);
    expect(await store.readCheckpoint(REDDIT_SOURCE, ENGAGEMENT_STREAM)).toBeNull();
  });
});

describe('EngagementRefresher', () => {
  it('sends only what can change for posts past the unmarked-edit window, and whole the younger ones', async () => {
    const listing = new InMemoryListing();
    const store = new InMemoryStore();
    const young = t3Item(1, (NOW - UNMARKED_EDIT_WINDOW_MS + 60_000) / 1000);
    const old = t3Item(2, (NOW - 2 * 3_600_000) / 1000);
    listing.add(young, old);
    for (const item of [young, old]) {
      const normalized = normalizeT3(item, { now: new Date(NOW), redactDeleted: true });
      if (!normalized.ok) throw new Error(normalized.reason);
      store.submissions.set(normalized.submission.id, normalized.submission);
    }
    const refresher = new EngagementRefresher({
      source: listing,
      state: store,
      writer: store,
      clock: { now: () => NOW, sleep: async () => undefined },
      log: new MemoryLog(),
      metrics: new ScrapeMetrics({ source: REDDIT_SOURCE }),
      redactDeleted: true,
      maxAgeMs: 24 * 3_600_000,
    });
    await refresher.refreshDue(new AbortController().signal);
    const [batch] = store.batches;
    const knownStored = batch?.knownStored;
    if (typeof knownStored !== 'function') throw new Error('the refresh batch should say per post whether it is stored');
    const decided = Object.fromEntries(batch!.submissions.map((s) => [s.id, knownStored(s)]));
    expect(decided).toEqual({ [young['id'] as string]: false, [old['id'] as string]: true });
  });
});
