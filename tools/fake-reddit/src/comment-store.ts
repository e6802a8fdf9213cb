import { CommentTimeline, type GeneratedComment } from './comment-timeline';
import type { FakeClockLike, FakeComment, SubredditSpec } from './fake-reddit.types';
import { compareNewestFirst, insertOldestFirst } from './listing';
import type { PostCorruption, PostStore } from './post-store';
import { commentStateAt, toT1Data } from './t1-data';

/** The id in `t1_<id>` or a bare id; `null` for another kind's fullname. */
export function toCommentId(idOrFullname: string): string | null {
  const match = /^(?:t1_)?([0-9a-z]{1,13})$/.exec(idOrFullname);
  return match?.[1] ?? null;
}

/**
 * Every comment generated so far, indexed for the comments listing and lookups; each read first
 * brings the posts, then the comments, up to the clock (comments answer posts made before them).
 */
export class CommentStore {
  private readonly timeline: CommentTimeline;
  private readonly created: GeneratedComment[] = [];
  private readonly byId = new Map<string, GeneratedComment>();
  /** per subreddit (lower case), oldest first in listing order */
  private readonly ordered = new Map<string, GeneratedComment[]>();
  private readonly corruptions = new Map<string, PostCorruption>();

  constructor(
    private readonly options: {
      readonly seed: number;
      readonly startAt: number;
      readonly clock: FakeClockLike;
      readonly subreddits: readonly SubredditSpec[];
      readonly listingLimit: number;
      readonly hideRemovedFromListings: boolean;
      readonly posts: PostStore;
    },
  ) {
    const streams = options.subreddits.map((spec) => ({ name: spec.name, commentsPerMinute: spec.commentsPerMinute ?? 0 }));
    this.timeline = new CommentTimeline({
      seed: options.seed,
      startAt: options.startAt,
      streams,
      postsBefore: (subreddit, atMs, count) => options.posts.postsBefore(subreddit, atMs, count),
    });
  }

  /** Queues a burst of comments on the subreddit's posts, spread over the second that ends at `atMs`. */
  addBurst(subreddit: string, count: number, atMs: number): void {
    this.sync();
    this.timeline.addBurst(subreddit, count, atMs);
  }

  /** Every comment made by now, in creation (id) order. */
  all(): readonly GeneratedComment[] {
    this.sync();
    return this.created;
  }

  /** The comment with that id or `t1_` fullname, if it has been made. */
  find(idOrFullname: string): GeneratedComment | undefined {
    this.sync();
    const id = toCommentId(idOrFullname);
    return id === null ? undefined : this.byId.get(id);
  }

  /** Serves the comment broken from now on (fields of its `data` replaced, or another `kind`); `null` heals it. */
  corrupt(id: string, corruption: PostCorruption | null): void {
    if (corruption === null) this.corruptions.delete(id);
    else this.corruptions.set(id, corruption);
  }

  corruptionOf(id: string): PostCorruption | undefined {
    return this.corruptions.get(id);
  }

  /** Whether /api/info returns the comment now: its subreddit is `ok`. */
  isReachable(comment: GeneratedComment): boolean {
    return this.options.posts.isReachable(comment.post);
  }

  /** Whether the comments listing shows it now: reachable and, with `hideRemovedFromListings`, not gone. */
  isListed(comment: GeneratedComment): boolean {
    if (!this.isReachable(comment)) return false;
    return !this.options.hideRemovedFromListings || commentStateAt(comment, this.options.clock.now()).removedByCategory === null;
  }

  /** The newest `listingLimit` listed comments of these subreddits, newest first: all `/r/{multi}/comments` reaches. */
  newestWindow(subreddits: readonly string[]): GeneratedComment[] {
    this.sync();
    const limit = this.options.listingLimit;
    const candidates: GeneratedComment[] = [];
    for (const name of subreddits) {
      const ordered = this.ordered.get(name.toLowerCase()) ?? [];
      let taken = 0;
      for (let i = ordered.length - 1; i >= 0 && taken < limit; i--) {
        const comment = ordered[i];
        if (comment !== undefined && this.isListed(comment)) {
          candidates.push(comment);
          taken++;
        }
      }
    }
    return candidates.sort(compareNewestFirst).slice(0, limit);
  }

  /** The ground truth about a comment, in its state now. */
  toFakeComment(comment: GeneratedComment): FakeComment {
    const state = commentStateAt(comment, this.options.clock.now());
    let data: FakeComment['data'] | undefined;
    return {
      id: comment.id,
      name: `t1_${comment.id}`,
      linkId: `t3_${comment.post.id}`,
      parentId: comment.parentId,
      subreddit: comment.subreddit,
      createdMs: comment.createdMs,
      createdUtc: comment.createdUtc,
      body: state.body,
      author: state.author,
      score: state.score,
      edited: state.edited,
      removedByCategory: state.removedByCategory,
      listed: this.isListed(comment),
      get data() {
        return (data ??= toT1Data(comment, state));
      },
    };
  }

  private sync(): void {
    this.options.posts.all();
    for (const comment of this.timeline.advanceTo(this.options.clock.now())) {
      this.created.push(comment);
      this.byId.set(comment.id, comment);
      const key = comment.subreddit.toLowerCase();
      const ordered = this.ordered.get(key) ?? [];
      insertOldestFirst(ordered, comment);
      this.ordered.set(key, ordered);
    }
  }
}
