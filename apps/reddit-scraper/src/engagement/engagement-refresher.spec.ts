import { normalizeT3 } from '@sentiment-ingest/models';
import { ScrapeMetrics } from '@sentiment-ingest/scraper-kit';
import { MemoryLog } from '@sentiment-ingest/scraper-kit/testing';
import { REDDIT_SOURCE } from '../polling/stream-poller';
import { InMemoryListing, InMemoryStore, t3Item } from '../testing/in-memory-fakes';
import { EngagementRefresher, UNMARKED_EDIT_WINDOW_MS } from './engagement-refresher';

const NOW = Date.UTC(2026, 10, 30, 12);

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
