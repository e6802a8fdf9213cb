/**
 * An item as the Hacker News API sends it (`/v0/item/<id>.json`, https://github.com/HackerNews/API).
 * Every field but `id` may be missing: a comment has no `title`, `score` or `url`; a deleted item keeps
 * little more than `id`, `deleted` and usually `type`, `time` and `parent`. `text` and `title` are HTML
 * (entities such as `&#x27;`; `text` also `<p>`, `<a href>`, `<i>`, `<pre><code>`). For an id that does
 * not exist (yet), the API answers `null` rather than an item.
 */
export interface HnApiItem {
  /** the dense integer id; items are numbered in the order they were created */
  readonly id: number;
  readonly type?: HnItemType;
  /** the author's user name */
  readonly by?: string;
  /** creation time, Unix seconds */
  readonly time?: number;
  /** the comment, story, poll or job text: HTML */
  readonly text?: string;
  readonly url?: string;
  /** votes of a story or poll, votes of a poll option */
  readonly score?: number;
  /** the title of a story, poll or job: HTML entities */
  readonly title?: string;
  /** the total comment count of a story or poll */
  readonly descendants?: number;
  /** the ids of the item's comments, in ranked display order */
  readonly kids?: readonly number[];
  /** the comment's parent: another comment or the story */
  readonly parent?: number;
  /** the poll options of a poll, in display order */
  readonly parts?: readonly number[];
  /** the poll a poll option belongs to */
  readonly poll?: number;
  readonly dead?: boolean;
  readonly deleted?: boolean;
}

/** The kinds of item the API knows. */
export const HN_ITEM_TYPES = ['story', 'comment', 'job', 'poll', 'pollopt'] as const;

/** One of {@link HN_ITEM_TYPES}. */
export type HnItemType = (typeof HN_ITEM_TYPES)[number];
