import type { ItemBatch, WriteResult } from '@sentiment-ingest/db';
import type { RedditComment, ScrapeCheckpoint, ScrapeGap } from '@sentiment-ingest/models';
import { ScrapeMetrics } from '@sentiment-ingest/scraper-kit';
import { MemoryLog } from '@sentiment-ingest/scraper-kit/testing';
import type { RejectedItem } from '@sentiment-ingest/db';
import { InMemoryListing, t1Item, t3Item } from '../testing/in-memory-fakes';
import { COMMENTS } from './stream-kinds';
import { REDDIT_SOURCE, StreamPoller } from './stream-poller';
import { streamKey } from './subreddit-groups';

const group = { stream: streamKey(['news', 'worldnews']), subreddits: ['news', 'worldnews'] };
const STREAM = 'comments:news+worldnews';
const T0 = 1_764_403_200; // seconds

/** raw_comments as the scraper sees it, in memory, with the ItemWriter's semantics (upsert, checkpoint, gaps). */
class InMemoryComments {
  readonly comments = new Map<string, RedditComment>();
  readonly checkpoints = new Map<string, ScrapeCheckpoint>();
  readonly gaps: ScrapeGap[] = [];
  readonly rejected: RejectedItem[] = [];
  readonly batches: ItemBatch<RedditComment>[] = [];

  async readCheckpoint(source: string, stream: string): Promise<ScrapeCheckpoint | null> {
    return this.checkpoints.get(`${source}/${stream}`) ?? null;
  }

  async recentSubmissions(): Promise<{ id: string; createdUtc: Date }[]> {
    return [];
  }

  async write(batch: ItemBatch<RedditComment>): Promise<WriteResult> {
    this.batches.push(batch);
    let inserted = 0;
    for (const c of batch.items) {
      if (!this.comments.has(c.id)) inserted += 1;
      this.comments.set(c.id, c);
    }
    const checkpoints = typeof batch.checkpoints === 'function' ? batch.checkpoints(batch.items) : (batch.checkpoints ?? []);
    for (const c of checkpoints) this.checkpoints.set(`${c.source}/${c.stream}`, c);
    this.gaps.push(...(batch.gaps ?? []));
    this.rejected.push(...(batch.rejected ?? []));
    return { inserted, updated: 0, unchanged: batch.items.length - inserted, observations: inserted, rejected: [] };
  }
}

function setup() {
  const listing = new InMemoryListing();
  const store = new InMemoryComments();
  const log = new MemoryLog();
  const counted: { stage: string; counts: Record<string, number> }[] = [];
  const clock = { now: () => T0 * 1000, sleep: async () => undefined };
  const poller = new StreamPoller({
    kind: COMMENTS,
    source: listing,
    state: store,
    writer: store,
    clock,
    log,
    metrics: new ScrapeMetrics({ source: REDDIT_SOURCE }),
    redactDeleted: true,
    subredditCounts: (stage, bySubreddit) => counted.push({ stage, counts: Object.fromEntries(bySubreddit) }),
  });
  const comments = (from: number, count: number, startSeconds: number) =>
    listing.comments.push(...Array.from({ length: count }, (_, i) => t1Item(from + i, startSeconds + i)));
  return { listing, store, log, poller, comments, counted };
}

const signal = () => new AbortController().signal;

describe('StreamPoller with the COMMENTS kind', () => {
  it('reads /comments (never /new) back to its own checkpoint, under comments:<subreddits>', async () => {
    const { listing, store, poller, comments } = setup();
    listing.add(t3Item(0, T0 - 9000));
    comments(0, 20, T0 - 600);
    const first = await poller.poll(group, signal());
    expect(first).toMatchObject({ stream: STREAM, inserted: 20, gap: null });
    comments(20, 250, T0 - 300);
    listing.requests = 0;
    const second = await poller.poll(group, signal());
    expect(second).toMatchObject({ stream: STREAM, inserted: 250, gap: null, interrupted: false });
    expect(listing.requests).toBe(3);
    expect(store.comments.size).toBe(270);
    expect(store.checkpoints.get(`reddit/${STREAM}`)).toMatchObject({ newestId: (200_000 + 269).toString(36) });
    expect(store.checkpoints.has(`reddit/${group.stream}`)).toBe(false);
    expect(store.batches.at(-1)).toMatchObject({ stream: STREAM });
  });

  it('quarantines a malformed comment as a comment and stores the rest', async () => {
    const { listing, store, poller, comments } = setup();
    comments(0, 10, T0 - 600);
    listing.comments.push(t1Item(10, T0 - 500, { parent_id: 'not-a-fullname' }));
    listing.kinds.set(t1Item(11, 0)['id'] as string, 't3');
    comments(11, 1, T0 - 400);
    const outcome = await poller.poll(group, signal());
    expect(store.comments.size).toBe(10);
    expect(outcome.rejected).toBe(2);
    expect(store.rejected.map((r) => [r.itemKind, r.stream, r.stage])).toEqual([
      ['comment', STREAM, 'normalize'],
      ['comment', STREAM, 'normalize'],
    ]);
    // newest first: the child served as t3, then the comment with a bad parent
    expect(store.rejected.map((r) => r.reason)).toEqual([expect.stringMatching(/is not a comment \(t1\)/), expect.stringMatching(/is not a post or comment fullname/)]);
  });

  it('records a comments gap when a burst passes the listing end', async () => {
    const { store, poller, comments } = setup();
    comments(0, 10, T0 - 5000);
    await poller.poll(group, signal());
    comments(10, 1200, T0 - 2000);
    const outcome = await poller.poll(group, signal());
    expect(outcome.gap).not.toBeNull();
    expect(store.gaps).toEqual([
      expect.objectContaining({
        stream: STREAM,
        gapStart: new Date((T0 - 5000 + 9) * 1000),
        gapEnd: new Date((T0 - 2000 + 200) * 1000),
        reason: expect.stringMatching(/^listing ended after 1000 comments .* older comments are past/),
      }),
    ]);
  });

  it('redacts deleted and removed comments, as posts are', async () => {
    const { listing, store, poller } = setup();
    listing.comments.push(t1Item(1, T0 - 60, { body: '[deleted]', author: '[deleted]' }), t1Item(2, T0 - 50, { body: '[removed]' }));
    await poller.poll(group, signal());
    const [deleted, removed] = [...store.comments.values()].sort((a, b) => a.createdUtc.getTime() - b.createdUtc.getTime());
    expect([deleted?.author, deleted?.body]).toEqual(['[deleted]', '[deleted]']);
    expect([removed?.author, removed?.authorFullname, removed?.body]).toEqual(['[deleted]', null, '[removed]']);
  });

  it('tells per subreddit what it read and stored', async () => {
    const { listing, poller, counted } = setup();
    listing.comments.push(t1Item(1, T0 - 60), t1Item(2, T0 - 50, { subreddit: 'worldnews' }), t1Item(3, T0 - 40));
    await poller.poll(group, signal());
    expect(counted).toEqual([
      { stage: 'fetched', counts: { news: 2, worldnews: 1 } },
      { stage: 'stored', counts: { news: 2, worldnews: 1 } },
    ]);
  });
});
