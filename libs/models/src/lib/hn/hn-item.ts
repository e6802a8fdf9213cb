import type { HnItemType } from './hn-api-item';

/**
 * A Hacker News item as `hn_items` stores it: the columns analysts query, normalised by
 * `normalizeHnItem`, and the payload. The natural key is the id; the hypertable's key is
 * `(id, createdAt)`.
 */
export interface HnItem {
  /** the API's id: a positive safe integer (a `bigint` column) */
  readonly id: number;
  readonly createdAt: Date;
  /** `null` only for a deleted item whose payload no longer says */
  readonly type: HnItemType | null;
  /** the user name; `null` when absent, and always for a deleted item (redacted) */
  readonly author: string | null;
  /** the `parent`: a comment's is another comment or the story; `null` when absent (a poll option has `poll` instead) */
  readonly parentId: number | null;
  /**
   * The root story: the item's own id for a story, job or poll, the `poll` of a poll option, and
   * `null` for a comment, whose root one payload does not tell: resolve it with `resolveHnStoryId`.
   */
  readonly storyId: number | null;
  /** plain text (entities decoded); `null` when absent or empty, and for a deleted item */
  readonly title: string | null;
  /** the `text` as plain text (see `hnHtmlToText`); `null` when absent or empty, and for a deleted item */
  readonly body: string | null;
  /** `null` when absent or empty, and for a deleted item */
  readonly url: string | null;
  /** votes of a story, poll, job or poll option; `null` when absent (comments have none) */
  readonly score: number | null;
  /** comment count of a story or poll; `null` when absent */
  readonly descendants: number | null;
  /** killed by flags or moderators; kept, with its text */
  readonly dead: boolean;
  /** deleted by its author or moderators; author, title, body and url are `null` */
  readonly deleted: boolean;
  /**
   * The payload as received, with the text repairs every source gets (NUL removed, lone surrogates
   * replaced); a deleted item's payload also loses `by`, `text`, `title` and `url` if it had them.
   */
  readonly raw: Readonly<Record<string, unknown>>;
}
