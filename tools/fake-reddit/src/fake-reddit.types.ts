/** Public types of the fake Reddit API: its options, its ground truth and its statistics. */

/** The clock the fake reads; tests pass one they move by hand. */
export interface FakeClockLike {
  /** milliseconds since the epoch */
  now(): number;
}

/**
 * What a subreddit answers: `ok`; `private` (403 `{"reason":"private"}`); `banned` (404
 * `{"reason":"banned"}`); `missing` (302 to `/subreddits/search.json?q=<name>`, as Reddit redirects
 * unknown names).
 */
export type SubredditStatus = 'ok' | 'private' | 'banned' | 'missing';

/** One simulated subreddit. */
export interface SubredditSpec {
  /** display name; lookups ignore case, responses use this spelling */
  readonly name: string;
  /** mean rate of the Poisson process of new posts */
  readonly postsPerMinute: number;
  /** mean rate of the Poisson process of new comments on its posts; default 0 (comments come only from bursts) */
  readonly commentsPerMinute?: number;
  readonly status?: SubredditStatus;
}

/** An OAuth client the token endpoint accepts. No `clientSecret`: an installed app. */
export interface FakeClientSpec {
  readonly clientId: string;
  readonly clientSecret?: string;
  /** for the `password` grant */
  readonly username?: string;
  readonly password?: string;
}

/** Reddit's per-client rate budget: `budget` requests per fixed window of `windowSeconds`. */
export interface RateLimitSpec {
  readonly budget: number;
  readonly windowSeconds: number;
}

/** One line of the request log (`log` option). */
export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  /** HTTP status, or `dropped` when an injected fault destroyed the socket */
  readonly status: number | 'dropped';
  readonly ms: number;
  /** why the request failed inside the fake (a client that hung up, or a bug) */
  readonly error?: string;
}

/** Options of {@link FakeReddit}. */
export interface FakeRedditOptions {
  /** default: `Date.now` */
  readonly clock?: FakeClockLike;
  /** everything generated derives from it; default 42 */
  readonly seed?: number;
  readonly subreddits: readonly SubredditSpec[];
  /** newest items a multi listing holds, past which `after` paging ends; default 1000 */
  readonly listingLimit?: number;
  /** default `{ budget: 1000, windowSeconds: 600 }`; `false`: no limit and no headers */
  readonly rateLimit?: Partial<RateLimitSpec> | false;
  /** default 3600 */
  readonly tokenExpiresInSeconds?: number;
  /** default one client: `fake-client` / `fake-secret` */
  readonly clients?: readonly FakeClientSpec[];
  /** generation starts here (ms); default `clock.now()` at construction */
  readonly startAt?: number;
  /**
   * Drop removed and deleted posts from listings, as Reddit does for readers who are not
   * moderators; default `false` (they stay, with their markers, so every post can be scraped).
   */
  readonly hideRemovedFromListings?: boolean;
  /** called once per request served */
  readonly log?: (entry: RequestLogEntry) => void;
}

/** Where the started server listens. */
export interface FakeRedditAddress {
  /** API base, like `https://oauth.reddit.com`: `http://127.0.0.1:PORT` */
  readonly baseUrl: string;
  /** like `https://www.reddit.com/api/v1/access_token` */
  readonly authUrl: string;
}

/** Why a post is no longer shown as written. */
export type RemovedByCategory = 'deleted' | 'moderator';

/** The ground truth about one post, in its state at the time of the call. */
export interface FakePost {
  readonly id: string;
  /** `t3_<id>` */
  readonly name: string;
  readonly subreddit: string;
  /** creation instant in ms (`created_utc` is this in seconds, usually truncated to whole seconds) */
  readonly createdMs: number;
  readonly createdUtc: number;
  readonly title: string;
  readonly selftext: string;
  readonly author: string;
  readonly isSelf: boolean;
  readonly url: string;
  readonly score: number;
  readonly numComments: number;
  readonly upvoteRatio: number;
  /** `false`, or when the author edited the text (float seconds) */
  readonly edited: false | number;
  readonly removedByCategory: RemovedByCategory | null;
  /**
   * whether /new shows it now: its subreddit is `ok` and, with `hideRemovedFromListings`, it is
   * neither removed nor deleted (/api/info returns every post of an `ok` subreddit)
   */
  readonly listed: boolean;
  /** the t3 `data` object the API returns for it now, with `raw_json=1` */
  readonly data: Readonly<Record<string, unknown>>;
}

/** The ground truth about one comment, in its state at the time of the call. */
export interface FakeComment {
  readonly id: string;
  /** `t1_<id>` */
  readonly name: string;
  /** the post: `t3_<id>` */
  readonly linkId: string;
  /** `t3_<post>` for a top-level comment, `t1_<comment>` for a reply */
  readonly parentId: string;
  readonly subreddit: string;
  readonly createdMs: number;
  /** whole seconds */
  readonly createdUtc: number;
  /** `[deleted]` / `[removed]` once gone */
  readonly body: string;
  readonly author: string;
  readonly score: number;
  readonly edited: false | number;
  readonly removedByCategory: RemovedByCategory | null;
  /** whether the comments listing shows it now (see {@link FakePost.listed}) */
  readonly listed: boolean;
  /** the t1 `data` object the API returns for it now, with `raw_json=1` */
  readonly data: Readonly<Record<string, unknown>>;
}

/** Requests served by endpoint, then by status (`dropped` for destroyed sockets). */
export type RequestCounts = Record<string, Record<string, number>>;

/** A snapshot of what the fake has served. */
export interface FakeRedditStats {
  readonly requests: RequestCounts;
  readonly tokensIssued: number;
  /** per client id, at the time of the call */
  readonly rateLimit: Record<string, { used: number; remaining: number; resetSeconds: number }>;
}
