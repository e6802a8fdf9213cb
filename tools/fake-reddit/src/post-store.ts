import type { FakeClockLike, FakePost, SubredditSpec, SubredditStatus } from './fake-reddit.types';
import { compareNewestFirst, insertOldestFirst } from './listing';
import { PostTimeline, type GeneratedPost } from './post-generator';
import { postStateAt } from './post-state';
import { toPostId, toT3Fullname } from './reddit-ids';
import { permalinkOf, toT3Data } from './t3-data';

/**
 * How one post is served broken, on every read, as real Reddit data sometimes is: fields of its
 * `data` replaced (a lone surrogate in the title, a score past 32 bits, a created_utc in 2096, a
 * 1 MB selftext...), or its child served under another `kind`.
 */
export interface PostCorruption {
  readonly data?: Readonly<Record<string, unknown>>;
  readonly kind?: string;
}

/** A configured subreddit and its current status. */
export interface SubredditEntry {
  readonly name: string;
  status: SubredditStatus;
  /** its posts, oldest first in /new order */
  readonly ordered: GeneratedPost[];
}

/**
 * Every post generated so far, indexed for listings and lookups. Each read first brings the
 * timeline up to the clock, so posts appear lazily as the fake clock moves.
 */
export class PostStore {
  private readonly timeline: PostTimeline;
  private readonly subreddits = new Map<string, SubredditEntry>();
  private readonly created: GeneratedPost[] = [];
  private readonly byId = new Map<string, GeneratedPost>();
  private readonly corruptions = new Map<string, PostCorruption>();

  constructor(
    private readonly options: {
      readonly seed: number;
      readonly startAt: number;
      readonly clock: FakeClockLike;
      readonly subreddits: readonly SubredditSpec[];
      readonly listingLimit: number;
      readonly hideRemovedFromListings: boolean;
    },
  ) {
    for (const spec of options.subreddits) {
      this.subreddits.set(spec.name.toLowerCase(), { name: spec.name, status: spec.status ?? 'ok', ordered: [] });
    }
    this.timeline = new PostTimeline({ seed: options.seed, startAt: options.startAt, streams: options.subreddits });
  }

  /** The subreddit of that name, whatever its case. */
  subreddit(name: string): SubredditEntry | undefined {
    return this.subreddits.get(name.toLowerCase());
  }

  /** Queues a burst (see {@link PostTimeline.addBurst}). */
  addBurst(subreddit: string, count: number, atMs: number): void {
    this.sync();
    this.timeline.addBurst(subreddit, count, atMs);
  }

  /** Every post created by now, in creation (id) order. */
  all(): readonly GeneratedPost[] {
    this.sync();
    return this.created;
  }

  /** The post with that id or fullname, if it has been created. */
  find(idOrFullname: string): GeneratedPost | undefined {
    this.sync();
    return this.byId.get(toPostId(idOrFullname));
  }

  /** Serves the post broken from now on (see {@link PostCorruption}); `null` heals it. */
  corrupt(id: string, corruption: PostCorruption | null): void {
    if (corruption === null) this.corruptions.delete(id);
    else this.corruptions.set(id, corruption);
  }

  /** How the post is served broken, if it is. */
  corruptionOf(id: string): PostCorruption | undefined {
    return this.corruptions.get(id);
  }

  /** Whether /api/info can return the post now: its subreddit is `ok`. */
  isReachable(post: GeneratedPost): boolean {
    return this.subreddit(post.subreddit)?.status === 'ok';
  }

  /** Whether /new shows the post now: reachable and, with `hideRemovedFromListings`, neither removed nor deleted. */
  isListed(post: GeneratedPost): boolean {
    if (!this.isReachable(post)) return false;
    return !this.options.hideRemovedFromListings || postStateAt(post, this.options.clock.now()).removedByCategory === null;
  }

  /** The newest `listingLimit` listed posts of these subreddits, newest first: all a multi's /new can reach. */
  newestWindow(entries: readonly SubredditEntry[]): GeneratedPost[] {
    this.sync();
    const limit = this.options.listingLimit;
    const candidates: GeneratedPost[] = [];
    for (const entry of entries) {
      let taken = 0;
      for (let i = entry.ordered.length - 1; i >= 0 && taken < limit; i--) {
        const post = entry.ordered[i];
        if (post !== undefined && this.isListed(post)) {
          candidates.push(post);
          taken++;
        }
      }
    }
    return candidates.sort(compareNewestFirst).slice(0, limit);
  }

  /**
   * Up to `count` posts of the subreddit created at or before `atMs`, oldest first (what a comment
   * made then can answer). Does not bring the timeline up to the clock: the caller has.
   */
  postsBefore(subreddit: string, atMs: number, count: number): readonly GeneratedPost[] {
    const ordered = this.subreddit(subreddit)?.ordered ?? [];
    let low = 0;
    let high = ordered.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((ordered[middle]?.createdMs ?? Infinity) <= atMs) low = middle + 1;
      else high = middle;
    }
    return ordered.slice(Math.max(0, low - count), low).filter((post) => post.createdMs <= atMs);
  }

  /** The ground truth about a post, in its state now. */
  toFakePost(post: GeneratedPost): FakePost {
    const state = postStateAt(post, this.options.clock.now());
    let data: FakePost['data'] | undefined;
    return {
      id: post.id,
      name: toT3Fullname(post.id),
      subreddit: post.subreddit,
      createdMs: post.createdMs,
      createdUtc: post.createdUtc,
      title: post.traits.title,
      selftext: state.selftext,
      author: state.author,
      isSelf: post.traits.isSelf,
      url: post.traits.link?.url ?? `https://www.reddit.com${permalinkOf(post)}`,
      score: state.engagement.score,
      numComments: state.engagement.numComments,
      upvoteRatio: state.engagement.upvoteRatio,
      edited: state.edited,
      removedByCategory: state.removedByCategory,
      listed: this.isListed(post),
      // built on first read: most callers of posts() only look at ids and numbers
      get data() {
        return (data ??= toT3Data(post, state));
      },
    };
  }

  /** Brings the timeline up to the clock. */
  private sync(): void {
    for (const post of this.timeline.advanceTo(this.options.clock.now())) {
      this.created.push(post);
      this.byId.set(post.id, post);
      const ordered = this.subreddit(post.subreddit)?.ordered;
      if (ordered !== undefined) insertOldestFirst(ordered, post);
    }
  }
}
