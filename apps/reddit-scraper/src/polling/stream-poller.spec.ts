import { ScrapeMetrics } from '@sentiment-ingest/scraper-kit';
import { MemoryLog } from '@sentiment-ingest/scraper-kit/testing';
import { InMemoryListing, InMemoryStore, t3Item } from '../testing/in-memory-fakes';
import { REDDIT_SOURCE, StreamPoller } from './stream-poller';
import { streamKey } from './subreddit-groups';

const group = { stream: streamKey(['news', 'worldnews']), subreddits: ['news', 'worldnews'] };
const T0 = 1_764_403_200; // seconds

function setup() {
  const listing = new InMemoryListing();
  const store = new InMemoryStore();
  const log = new MemoryLog();
  let now = T0 * 1000;
  const clock = { now: () => now, sleep: async (ms: number) => void (now += ms) };
  const poller = new StreamPoller({ source: listing, state: store, writer: store, clock, log, metrics: new ScrapeMetrics({ source: REDDIT_SOURCE }), redactDeleted: true });
  const posts = (from: number, count: number, startSeconds: number) =>
    listing.add(...Array.from({ length: count }, (_, i) => t3Item(from + i, startSeconds + i)));
  return { listing, store, log, poller, posts, advance: (ms: number) => void (now += ms) };
}

const signal = () => new AbortController().signal;

describe('StreamPoller', () => {
  it('captures a 350-post burst between two polls by paging back to the checkpoint', async () => {
    const { listing, store, poller, posts } = setup();
    posts(0, 20, T0 - 600);
    await poller.poll(group, signal());
    posts(20, 350, T0 - 300);
    listing.requests = 0;
    const outcome = await poller.poll(group, signal());
    expect(store.submissions.size).toBe(370);
    expect(outcome).toMatchObject({ inserted: 350, gap: null, interrupted: false });
    expect(listing.requests).toBe(4);
    expect(store.checkpoints.get(`reddit/${group.stream}`)?.newestCreatedUtc?.getTime()).toBe((T0 - 300 + 349) * 1000);
  });

  it('reads one page when nothing new arrived', async () => {
    const { listing, poller, posts } = setup();
    posts(0, 150, T0 - 600);
    await poller.poll(group, signal());
    listing.requests = 0;
    const outcome = await poller.poll(group, signal());
    expect(listing.requests).toBe(1);
    expect(outcome.inserted).toBe(0);
  });

  it('records a gap when a burst goes past the listing end, from the checkpoint to the oldest post seen', async () => {
    const { store, poller, posts, log } = setup();
    posts(0, 10, T0 - 5000);
    await poller.poll(group, signal());
    posts(10, 1200, T0 - 2000);
    const outcome = await poller.poll(group, signal());
    expect(outcome.gap).not.toBeNull();
    expect(store.gaps).toHaveLength(1);
    expect(store.gaps[0]?.gapStart.getTime()).toBe((T0 - 5000 + 9) * 1000);
    expect(store.gaps[0]?.gapEnd.getTime()).toBe((T0 - 2000 + 200) * 1000);
    expect(log.lines.some((l) => l.level === 'warn' && l.message.startsWith('gap recorded'))).toBe(true);
  });

  it('keeps malformed items out of the batch, logs their id and reason, and writes the rest', async () => {
    const { listing, store, poller, posts, log } = setup();
    posts(0, 5, T0 - 100);
    listing.add(t3Item(5, T0 - 50, { created_utc: 'not a time' }), { garbage: true });
    const outcome = await poller.poll(group, signal());
    expect(outcome).toMatchObject({ fetched: 7, rejected: 2, inserted: 5 });
    expect(store.submissions.size).toBe(5);
    const rejected = log.lines.filter((l) => l.message === 'item rejected').map((l) => l.fields);
    expect(rejected).toEqual([
      { stream: group.stream, id: (100_005).toString(36), stage: 'normalize', reason: 'created_utc is not a number', sqlState: null },
      { stream: group.stream, id: null, stage: 'normalize', reason: expect.stringMatching(/^id /), sqlState: null },
    ]);
    // quarantined by the same write, with the payload as received
    expect(store.rejected.map((r) => r.itemId)).toEqual([(100_005).toString(36), null]);
    expect(store.rejected[1]!.payload).toEqual({ kind: 't3', data: { garbage: true } });
  });

  it('rejects an item created in the future, and a checkpoint never moves past what was really posted', async () => {
    const { listing, store, poller, posts } = setup();
    posts(0, 5, T0 - 100);
    listing.add(t3Item(5, 4_000_000_000));
    await poller.poll(group, signal());
    expect(store.checkpoints.get(`reddit/${group.stream}`)?.newestId).toBe((100_004).toString(36));
    expect(store.rejected).toEqual([expect.objectContaining({ itemId: (100_005).toString(36), reason: expect.stringMatching(/future/) })]);
    // 150 new posts: two pages, all read, because the bad item moved nothing
    posts(6, 150, T0 - 50);
    const outcome = await poller.poll(group, signal());
    expect(outcome).toMatchObject({ inserted: 150, gap: null });
    expect(store.submissions.size).toBe(155);
  });

  it('heals a checkpoint a bad payload moved into the future: pages by id, then replaces the time', async () => {
    const { listing, store, poller, posts, log } = setup();
    posts(0, 5, T0 - 100);
    await poller.poll(group, signal());
    const key = `reddit/${group.stream}`;
    const stuck = store.checkpoints.get(key)!;
    store.checkpoints.set(key, { ...stuck, newestCreatedUtc: new Date(4_000_000_000_000) });
    posts(5, 150, T0 - 50);
    listing.requests = 0;
    const outcome = await poller.poll(group, signal());
    expect(outcome.inserted).toBe(150);
    expect(listing.requests).toBe(2);
    expect(log.lines.some((l) => l.message.startsWith('checkpoint time is in the future'))).toBe(true);
    expect(store.checkpoints.get(key)?.newestCreatedUtc?.getTime()).toBe((T0 - 50 + 149) * 1000);
  });

  it('rejects a child of another kind with t3-shaped data', async () => {
    const { listing, store, poller, posts } = setup();
    posts(0, 3, T0 - 100);
    const comment = t3Item(3, T0 - 10);
    listing.kinds.set(comment['id'] as string, 't1');
    listing.add(comment);
    const outcome = await poller.poll(group, signal());
    expect(outcome).toMatchObject({ inserted: 3, rejected: 1 });
    expect(store.rejected[0]).toMatchObject({ itemId: comment['id'], reason: 'kind "t1" is not a submission (t3)' });
  });

  it('writes a walk in parts of at most maxBatchBytes, and moves the checkpoint only with the last part', async () => {
    const { listing, store, posts } = setup();
    const log = new MemoryLog();
    const clock = { now: () => T0 * 1000, sleep: async () => undefined };
    const poller = new StreamPoller({ source: listing, state: store, writer: store, clock, log, metrics: new ScrapeMetrics({ source: REDDIT_SOURCE }), redactDeleted: true, maxBatchBytes: 20_000 });
    posts(0, 400, T0 - 1000);
    await poller.poll(group, signal());
    const sizes = store.batches.map((b) => b.submissions.length);
    expect(sizes.length).toBeGreaterThan(1);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(400);
    expect(store.batches.slice(0, -1).every((b) => b.checkpoints === undefined)).toBe(true);
    expect(typeof store.batches.at(-1)!.checkpoints).toBe('function');
    expect(store.checkpoints.get(`reddit/${group.stream}`)?.newestId).toBe((100_399).toString(36));
  });

  it('writes the pages it read when Reddit fails mid-walk, without moving the checkpoint', async () => {
    const { listing, store, poller, posts } = setup();
    posts(0, 5, T0 - 9000);
    await poller.poll(group, signal());
    const before = store.checkpoints.get(`reddit/${group.stream}`);
    posts(5, 300, T0 - 3000);
    listing.failOnRequest = (n) => (n === 4 ? new Error('Reddit is down') : null);
    await expect(poller.poll(group, signal())).rejects.toThrow('Reddit is down');
    expect(store.submissions.size).toBe(5 + 200);
    expect(store.checkpoints.get(`reddit/${group.stream}`)).toEqual(before);
    listing.failOnRequest = null;
    await poller.poll(group, signal());
    expect(store.submissions.size).toBe(305);
    expect(store.gaps).toEqual([]);
  });

  it('stops paging on shutdown, writes what it read, and keeps the checkpoint', async () => {
    const { listing, store, poller, posts } = setup();
    posts(0, 5, T0 - 9000);
    await poller.poll(group, signal());
    posts(5, 300, T0 - 3000);
    const controller = new AbortController();
    listing.failOnRequest = (n) => {
      if (n === 3) controller.abort();
      return null;
    };
    const outcome = await poller.poll(group, controller.signal);
    expect(outcome.interrupted).toBe(true);
    // the page in flight when the signal came is kept; no further page is asked for
    expect(listing.requests).toBe(3);
    expect(store.submissions.size).toBe(5 + 200);
    expect(store.checkpoints.get(`reddit/${group.stream}`)?.newestId).toBe((100_004).toString(36));
  });
});
