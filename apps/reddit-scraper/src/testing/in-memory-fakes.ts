import type { RejectedItem, SubmissionBatch, WriteResult } from '@sentiment-ingest/db';
import type { ScrapeCheckpoint, ScrapeGap, Submission } from '@sentiment-ingest/models';
import type { BatchWriter, ListingPage, RedditSource, ScrapeStateReader } from '../ports';

/** A t3 data object as a listing carries it. */
export function t3Item(n: number, createdSeconds: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const id = (100_000 + n).toString(36);
  return {
    id,
    name: `t3_${id}`,
    subreddit: 'news',
    author: `user${n}`,
    author_fullname: `t2_${n}`,
    title: `post ${n}`,
    selftext: '',
    permalink: `/r/news/comments/${id}/`,
    created_utc: createdSeconds,
    score: 1,
    num_comments: 0,
    ...overrides,
  };
}

/** A t1 data object as `/r/…/comments` carries it, on post `t3_<linkId>`. */
export function t1Item(n: number, createdSeconds: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const id = (200_000 + n).toString(36);
  return {
    id,
    name: `t1_${id}`,
    link_id: 't3_2n9c',
    parent_id: 't3_2n9c',
    subreddit: 'news',
    author: `commenter${n}`,
    author_fullname: `t2_c${n}`,
    body: `comment ${n}`,
    created_utc: createdSeconds,
    score: 1,
    edited: false,
    ...overrides,
  };
}

/** A listing child as Reddit wraps each item. */
export const thing = (data: unknown, kind = 't3'): { kind: string; data: unknown } => ({ kind, data });

/**
 * Reddit's /new (and /comments, over `comments`) over an in-memory list: newest first, 100 per page,
 * ending after `listingLimit` items.
 */
export class InMemoryListing implements RedditSource {
  readonly items: Record<string, unknown>[] = [];
  readonly comments: Record<string, unknown>[] = [];
  requests = 0;
  failOnRequest: ((request: number) => Error | null) | null = null;
  /** the listing kind of an item by id, when it is not `t3` */
  readonly kinds = new Map<string, string>();

  constructor(private readonly listingLimit = 1000) {}

  add(...items: Record<string, unknown>[]): void {
    this.items.push(...items);
  }

  async listNew(_subreddits: readonly string[], page: { after?: string; limit?: number }): Promise<ListingPage> {
    return this.page(this.items, 't3', page);
  }

  async listComments(_subreddits: readonly string[], page: { after?: string; limit?: number }): Promise<ListingPage> {
    return this.page(this.comments, 't1', page);
  }

  private page(all: readonly Record<string, unknown>[], prefix: string, page: { after?: string; limit?: number }): ListingPage {
    this.requests += 1;
    const failure = this.failOnRequest?.(this.requests);
    if (failure) throw failure;
    const window = [...all]
      .sort((a, b) => (b['created_utc'] as number) - (a['created_utc'] as number))
      .slice(0, this.listingLimit);
    const start = page.after ? window.findIndex((item) => `${prefix}_${item['id']}` === page.after) + 1 : 0;
    if (page.after && start === 0) return { items: [], after: null, bytes: 0 };
    const items = window.slice(start, start + (page.limit ?? 25));
    const last = items.at(-1);
    const more = start + items.length < window.length;
    const children = items.map((item) => thing(item, this.kinds.get(item['id'] as string) ?? prefix));
    return { items: children, after: more && last ? `${prefix}_${last['id']}` : null, bytes: JSON.stringify(children).length };
  }

  async info(fullnames: readonly string[]): Promise<readonly unknown[]> {
    this.requests += 1;
    return fullnames
      .map((f) => this.items.find((item) => `t3_${item['id']}` === f))
      .filter((x) => x !== undefined)
      .map((item) => thing(item));
  }
}

/** The database as the scraper sees it, in memory, with the writer's semantics (upsert, checkpoint, gaps). */
export class InMemoryStore implements ScrapeStateReader, BatchWriter {
  readonly submissions = new Map<string, Submission>();
  readonly checkpoints = new Map<string, ScrapeCheckpoint>();
  readonly gaps: ScrapeGap[] = [];
  readonly batches: SubmissionBatch[] = [];
  readonly rejected: RejectedItem[] = [];

  async readCheckpoint(source: string, stream: string): Promise<ScrapeCheckpoint | null> {
    return this.checkpoints.get(`${source}/${stream}`) ?? null;
  }

  async recentSubmissions(since: Date): Promise<{ id: string; createdUtc: Date }[]> {
    return [...this.submissions.values()].filter((s) => s.createdUtc > since).map((s) => ({ id: s.id, createdUtc: s.createdUtc }));
  }

  async write(batch: SubmissionBatch): Promise<WriteResult> {
    this.batches.push(batch);
    let inserted = 0;
    let updated = 0;
    for (const s of batch.submissions) {
      const before = this.submissions.get(s.id);
      if (!before) inserted += 1;
      else if (before.score !== s.score || before.numComments !== s.numComments || before.title !== s.title) updated += 1;
      this.submissions.set(s.id, s);
    }
    const checkpoints = typeof batch.checkpoints === 'function' ? batch.checkpoints(batch.submissions) : (batch.checkpoints ?? []);
    for (const c of checkpoints) this.checkpoints.set(`${c.source}/${c.stream}`, c);
    this.gaps.push(...(batch.gaps ?? []));
    this.rejected.push(...(batch.rejected ?? []));
    return { inserted, updated, unchanged: batch.submissions.length - inserted - updated, observations: inserted + updated, rejected: [] };
  }
}
