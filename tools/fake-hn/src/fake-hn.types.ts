/** Public types of the fake Hacker News API: its options, its ground truth and its statistics. */
import type { FaultKind } from './faults';

/** The clock the fake reads; tests pass one they move by hand. */
export interface FakeClockLike {
  /** milliseconds since the epoch */
  now(): number;
}

/** The item types of the API. */
export type HnItemType = 'story' | 'comment' | 'job' | 'poll' | 'pollopt';

/** Seeded bursts: now and then `size` extra items arrive within `spreadSeconds` (a hot thread). */
export interface BurstSpec {
  /** mean minutes between bursts (a Poisson process) */
  readonly everyMinutes: number;
  readonly size: number;
  readonly spreadSeconds: number;
}

/** Shares of requests answered with each fault kind, drawn from the seed per request (sum <= 1). */
export type FaultRates = Readonly<Record<FaultKind, number>>;

/** One line of the request log (`log` option). */
export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  /** HTTP status; `dropped` when a fault destroyed the socket; `hung` when it was never answered */
  readonly status: number | 'dropped' | 'hung';
  readonly ms: number;
  /** why the request failed inside the fake (a client that hung up, or a bug) */
  readonly error?: string;
}

/** Options of {@link FakeHackerNews}. Rates are shares of items in [0, 1]. */
export interface FakeHackerNewsOptions {
  /** default: `Date.now` */
  readonly clock?: FakeClockLike;
  /** everything generated derives from it; default 42 */
  readonly seed?: number;
  /** the first generated item is created after this instant (ms); default `clock.now()` at construction */
  readonly startAt?: number;
  /** the id of the first generated item; lower ids are the archive; default 40,000,000 */
  readonly firstId?: number;
  /** mean rate of new ids (items and holes) outside bursts; default 7 (about 10k a day, as on HN) */
  readonly itemsPerMinute?: number;
  /** default `{ everyMinutes: 60, size: 40, spreadSeconds: 20 }`; `false`: no seeded bursts */
  readonly bursts?: Partial<BurstSpec> | false;
  /** a new item answers `null` for between half this and this long after its creation; default 1500 */
  readonly nullLagMs?: number;
  /** share of items that answer `null` for `lateLagMs` instead (slow propagation); default 0.002 */
  readonly lateRate?: number;
  /** default 120000 */
  readonly lateLagMs?: number;
  /** share of ids that never exist (always `null`); default 0.003 */
  readonly holeRate?: number;
  /** share of stories and comments their author deletes later; default 0.02 */
  readonly deleteRate?: number;
  /** share of stories and comments that are or become dead (killed, flagged); default 0.02 */
  readonly deadRate?: number;
  /** share of stories (title) and comments (text) edited later; default 0.05 */
  readonly editRate?: number;
  /** how far back `/v0/updates.json` looks; default 120 */
  readonly updatesWindowSeconds?: number;
  /** most ids (and profiles) `/v0/updates.json` lists; default 100 */
  readonly updatesLimit?: number;
  /** faults drawn per request; default none */
  readonly faultRates?: Partial<FaultRates>;
  /** `Retry-After` of drawn 429 answers; default 1 */
  readonly retryAfterSeconds?: number;
  /**
   * Serve ids below `firstId` as old, frozen items whose time keeps growing with the id (so a
   * scraper can search the id range by time); `false`: they answer `null`. Default `true`.
   */
  readonly archive?: boolean;
  /** called once per request served */
  readonly log?: (entry: RequestLogEntry) => void;
}

/** Where the started server listens. */
export interface FakeHackerNewsAddress {
  /** like `https://hacker-news.firebaseio.com/v0`: `http://127.0.0.1:PORT/v0` */
  readonly baseUrl: string;
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
}

/**
 * The ground truth about one item, in its state at the time of the call. `title`, `text`,
 * `textPlain` and `json` are computed on first read.
 */
export interface FakeHnItem {
  readonly id: number;
  readonly type: HnItemType;
  /** creation instant (ms); `time` is this in whole seconds */
  readonly createdMs: number;
  readonly time: number;
  /** when the API starts answering the item instead of `null` */
  readonly visibleAtMs: number;
  /** an id below `firstId`: served from the frozen archive */
  readonly archive: boolean;
  /** the author, also once deleted (when the API no longer shows `by`) */
  readonly author: string;
  readonly deleted: boolean;
  readonly deletedAtMs: number | null;
  readonly dead: boolean;
  readonly deadAtMs: number | null;
  /** how many times the title or text was edited so far */
  readonly edits: number;
  readonly editedAtMs: number | null;
  /** the parent comment or story of a comment; `null` otherwise */
  readonly parent: number | null;
  /** the story or poll at the root of a comment's thread (itself for a story or poll, the poll for a pollopt) */
  readonly storyId: number | null;
  readonly title: string | null;
  /**
   * the item's text as HTML (entities, `<p>` before each later paragraph), as last edited; the API
   * leaves it out of dead and deleted items
   */
  readonly text: string | null;
  /**
   * the same text as plain text: entities decoded, tags dropped (a link keeps its text, which is
   * its URL), paragraphs separated by one blank line, a code block's lines kept as they are
   */
  readonly textPlain: string | null;
  readonly url: string | null;
  readonly score: number | null;
  /** comments in the thread, neither deleted nor dead (stories and polls) */
  readonly descendants: number | null;
  /** direct replies, in the order the API lists them */
  readonly kids: readonly number[];
  /** a poll's options */
  readonly parts: readonly number[];
  /** a pollopt's poll */
  readonly poll: number | null;
  /** what `GET /v0/item/<id>.json` answers now: `null` before `visibleAtMs` */
  readonly json: Readonly<Record<string, unknown>> | null;
}

/** Requests served by endpoint, then by status (`dropped`, `hung` for faults without an answer). */
export type RequestCounts = Record<string, Record<string, number>>;

/** A snapshot of what the fake has served. */
export interface FakeHackerNewsStats {
  readonly requests: RequestCounts;
  /** faults served, by kind (injected and drawn) */
  readonly faults: Readonly<Record<FaultKind, number>>;
  /** item requests for ids that did not exist yet (above maxitem) */
  readonly futureItemRequests: number;
}
