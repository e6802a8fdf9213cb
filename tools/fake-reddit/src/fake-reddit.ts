import { FaultInjection, ServerSlot } from '@sentiment-ingest/fake-http';
import type { ApiRequest, ApiResponsePlan } from './api-responses';
import { FakeRedditConfigError } from './errors';
import { resolveOptions, type ResolvedOptions } from './fake-reddit-options';
import { FakeRedditServer } from './fake-reddit-server';
import { CommentStore } from './comment-store';
import type { FakeComment, FakeRedditAddress, FakeRedditOptions, FakeRedditStats, FakePost, SubredditStatus } from './fake-reddit.types';
import type { FaultQueue, FaultSpec } from './faults';
import { TokenRegistry } from './oauth';
import { PostStore, type PostCorruption } from './post-store';
import { RedditApi } from './reddit-api';

/**
 * A fake Reddit API that knows the ground truth: it generates posts and their comments lazily and
 * deterministically from a seed as its clock moves, serves them over HTTP with Reddit's OAuth,
 * listings (`/new`, `/comments`), /api/info, rate-limit headers and quirks, injects faults on
 * demand, and tells what really exists.
 */
export class FakeReddit extends FaultInjection<FaultSpec> {
  private readonly options: ResolvedOptions;
  private readonly store: PostStore;
  private readonly commentStore: CommentStore;
  private readonly api: RedditApi;
  private readonly logRequest: FakeRedditOptions['log'];
  private readonly server = new ServerSlot('FakeReddit');

  constructor(options: FakeRedditOptions) {
    super();
    this.options = resolveOptions(options);
    const { clock, seed, startAt, subreddits, listingLimit, hideRemovedFromListings, clients, rateLimit } = this.options;
    this.store = new PostStore({ seed, startAt, clock, subreddits, listingLimit, hideRemovedFromListings });
    this.commentStore = new CommentStore({ seed, startAt, clock, subreddits, listingLimit, hideRemovedFromListings, posts: this.store });
    const tokens = new TokenRegistry({ clients, expiresInSeconds: this.options.tokenExpiresInSeconds, clock });
    this.api = new RedditApi({ clock, store: this.store, comments: this.commentStore, tokens, rateLimit, clientIds: clients.map((c) => c.clientId) });
    this.logRequest = options.log;
  }

  /**
   * Listens on `host` (default 127.0.0.1; 0.0.0.0 for other containers to reach it; `port` 0: a free
   * port) and returns the URLs a scraper on this machine gives.
   */
  async start(port = 0, host?: string): Promise<FakeRedditAddress> {
    const baseUrl = await this.server.start(() => new FakeRedditServer({ handle: (request) => this.api.handle(request), log: this.logRequest }), port, host);
    return { baseUrl, authUrl: `${baseUrl}/api/v1/access_token` };
  }

  /** Stops the server, closing open connections; safe to call twice. */
  async stop(): Promise<void> {
    await this.server.stop();
  }

  /** Handles one request in process, without HTTP (what the server calls for each request). */
  handle(request: ApiRequest): ApiResponsePlan {
    return this.api.handle(request);
  }

  /** Adds `count` posts to a subreddit, spread over the second that ends at `at` (default: now). */
  addBurst(subreddit: string, count: number, at?: number): void {
    const entry = this.store.subreddit(subreddit);
    const problems: string[] = [];
    if (entry === undefined) problems.push(`addBurst: unknown subreddit "${subreddit}"; add it to the subreddits option`);
    if (!Number.isInteger(count) || count < 1) problems.push(`addBurst: count must be a whole number >= 1, got ${count}`);
    if (entry === undefined || problems.length > 0) throw new FakeRedditConfigError(problems);
    this.store.addBurst(entry.name, count, at ?? this.options.clock.now());
  }

  /**
   * Adds `count` comments on the subreddit's newest posts, spread over the second that ends at `at`
   * (default: now); the subreddit needs a post made before then.
   */
  addCommentBurst(subreddit: string, count: number, at?: number): void {
    const entry = this.store.subreddit(subreddit);
    const problems: string[] = [];
    if (entry === undefined) problems.push(`addCommentBurst: unknown subreddit "${subreddit}"; add it to the subreddits option`);
    if (!Number.isInteger(count) || count < 1) problems.push(`addCommentBurst: count must be a whole number >= 1, got ${count}`);
    if (entry === undefined || problems.length > 0) throw new FakeRedditConfigError(problems);
    this.commentStore.addBurst(entry.name, count, at ?? this.options.clock.now());
  }

  /** Every comment made up to now (or up to `until`, ms), in creation order, in its state now. */
  comments(options: { readonly until?: number } = {}): FakeComment[] {
    const until = options.until ?? Infinity;
    return this.commentStore
      .all()
      .filter((comment) => comment.createdMs <= until)
      .map((comment) => this.commentStore.toFakeComment(comment));
  }

  /** One comment by id or `t1_` fullname, in its state now; `undefined` if not made (yet). */
  comment(idOrFullname: string): FakeComment | undefined {
    const comment = this.commentStore.find(idOrFullname);
    return comment === undefined ? undefined : this.commentStore.toFakeComment(comment);
  }

  /** Serves one comment broken on every read from now on (as {@link corruptPost}); `null` heals it. */
  corruptComment(idOrFullname: string, corruption: PostCorruption | null): void {
    const comment = this.commentStore.find(idOrFullname);
    if (comment === undefined) throw new FakeRedditConfigError([`corruptComment: no comment "${idOrFullname}" has been made (yet)`]);
    this.commentStore.corrupt(comment.id, corruption);
  }

  /** Every post created up to now (or up to `until`, ms), in creation order, in its state now. */
  posts(options: { readonly until?: number } = {}): FakePost[] {
    const until = options.until ?? Infinity;
    return this.store
      .all()
      .filter((post) => post.createdMs <= until)
      .map((post) => this.store.toFakePost(post));
  }

  /** One post by id or fullname, in its state now; `undefined` if not created (yet). */
  post(idOrFullname: string): FakePost | undefined {
    const post = this.store.find(idOrFullname);
    return post === undefined ? undefined : this.store.toFakePost(post);
  }

  /**
   * Serves one post broken on every read from now on, in listings and /api/info: `data` fields
   * replaced and/or another child `kind`. `null` serves it intact again.
   */
  corruptPost(idOrFullname: string, corruption: PostCorruption | null): void {
    const post = this.store.find(idOrFullname);
    if (post === undefined) throw new FakeRedditConfigError([`corruptPost: no post "${idOrFullname}" has been created (yet)`]);
    this.store.corrupt(post.id, corruption);
  }

  /** The queue behind `injectFaults`, `pendingFaults` and `clearFaults` (see {@link FaultSpec}). */
  protected faultQueue(): FaultQueue {
    return this.api.faults;
  }

  /** Changes what a subreddit answers from now on (it went private, got banned...). */
  setSubredditStatus(subreddit: string, status: SubredditStatus): void {
    const entry = this.store.subreddit(subreddit);
    if (entry === undefined) throw new FakeRedditConfigError([`setSubredditStatus: unknown subreddit "${subreddit}"`]);
    entry.status = status;
  }

  /** Requests served by endpoint and status, tokens issued, rate-limit reading per client. */
  stats(): FakeRedditStats {
    return this.api.stats();
  }
}
