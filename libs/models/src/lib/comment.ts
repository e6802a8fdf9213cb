import type { RawJson } from './source-payload';
import type { RemovalCategory } from './submission';

/**
 * A Reddit comment (t1) as stored in `raw_comments`: the fields analysts query, normalised, plus the
 * source payload. The natural key is the id; the hypertable's key is `(id, createdUtc)`.
 */
export interface RedditComment {
  /** base36 id without the `t1_` prefix */
  readonly id: string;
  readonly createdUtc: Date;
  readonly subreddit: string;
  readonly subredditId: string | null;
  /** the post's base36 id, without the `t3_` prefix (joins `raw_submissions.id`) */
  readonly linkId: string;
  /** the parent's fullname as Reddit gives it: `t3_<post>` for a top-level comment, `t1_<comment>` for a reply */
  readonly parentId: string;
  /** `"[deleted]"` for a deleted account */
  readonly author: string;
  /** absent for deleted accounts and in older dumps */
  readonly authorFullname: string | null;
  /** `"[deleted]"` / `"[removed]"` once gone (redacted like posts) */
  readonly body: string;
  /** fuzzed by Reddit; `null` when the source does not say (some dumps), never guessed as 0 */
  readonly score: number | null;
  /** `null` when never edited */
  readonly editedAt: Date | null;
  readonly removedByCategory: RemovalCategory | null;
  readonly distinguished: string | null;
  readonly stickied: boolean;
  /**
   * The source payload as received, for fields not promoted to columns (text repaired: NUL removed,
   * lone surrogates replaced). Absent when `rawJson` holds it: an item carries one of the two, and
   * `sourcePayloadOf` reads either.
   */
  readonly raw?: Readonly<Record<string, unknown>>;
  /**
   * The payload as the JSON text it was received in (an archive line: its UTF-8 bytes, or the text),
   * held instead of the parsed payload as `Submission.rawJson` is. Set only when the payload needed no
   * change: not redacted, nothing repaired.
   */
  readonly rawJson?: RawJson;
}
