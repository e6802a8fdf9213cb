import type { RawJson } from './source-payload';
/** Why a submission's content is gone, as Reddit's `removed_by_category` reports it; an open list. */
export type RemovalCategory =
  | 'moderator'
  | 'reddit'
  | 'automod_filtered'
  | 'deleted'
  | 'author'
  | 'content_takedown'
  | 'copyright_takedown'
  | 'community_ops'
  | 'anti_evil_ops'
  | (string & {});

/**
 * A Reddit submission (t3) as stored in `raw_submissions`: the fields analysts query, normalised,
 * plus the source payload. The natural key is `(id, createdUtc)`.
 */
export interface Submission {
  /** base36 id without the `t3_` prefix */
  readonly id: string;
  readonly createdUtc: Date;
  readonly subreddit: string;
  readonly subredditId: string | null;
  /** `"[deleted]"` for a deleted account */
  readonly author: string;
  /** absent for deleted accounts */
  readonly authorFullname: string | null;
  readonly title: string;
  /** `""` for link posts */
  readonly selftext: string;
  readonly url: string | null;
  readonly permalink: string;
  readonly domain: string | null;
  readonly isSelf: boolean;
  readonly over18: boolean;
  readonly spoiler: boolean;
  readonly stickied: boolean;
  readonly locked: boolean;
  readonly linkFlairText: string | null;
  readonly distinguished: string | null;
  /** fuzzed by Reddit; `null` when the source does not say (some dumps, late 2017), never guessed as 0 */
  readonly score: number | null;
  readonly numComments: number;
  /** absent in older data */
  readonly upvoteRatio: number | null;
  /** `null` when never edited */
  readonly editedAt: Date | null;
  readonly removedByCategory: RemovalCategory | null;
  /**
   * The source payload as received, for fields not promoted to columns. Absent when `rawJson` holds
   * it: an item carries one of the two, and `sourcePayloadOf` reads either.
   */
  readonly raw?: Readonly<Record<string, unknown>>;
  /**
   * The payload as the JSON text it was received in (an archive line: its UTF-8 bytes, or the text),
   * stored as `raw` without serialising it again, and held instead of the parsed payload: an import
   * keeps thousands of items until their batch is written, and their parsed payloads (a hundred keys
   * each) cost the garbage collector more than the text, the text more than bytes. Set only when the
   * payload needed no change: not redacted, nothing repaired.
   */
  readonly rawJson?: RawJson;
}

/** The mutable engagement of a submission at one moment; appended to `submission_metrics`. */
export interface EngagementObservation {
  readonly submissionId: string;
  readonly submissionCreatedUtc: Date;
  readonly subreddit: string;
  readonly observedAt: Date;
  readonly score: number;
  readonly numComments: number;
  readonly upvoteRatio: number | null;
}
