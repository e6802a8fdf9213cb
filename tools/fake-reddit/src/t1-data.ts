import type { GeneratedComment } from './comment-timeline';
import type { RemovedByCategory } from './fake-reddit.types';
import { DELETED, REMOVED } from './post-state';
import { subredditFullname, toT3Fullname } from './reddit-ids';
import { escapeHtml, permalinkOf } from './t3-data';

/** A t1 `data` object, as JSON. */
export type T1Data = Record<string, unknown>;

/** What a comment shows at one instant: its text after edits, deletion or removal, and its score. */
export interface CommentState {
  readonly body: string;
  readonly author: string;
  /** `null`: the key is absent, as for deleted authors */
  readonly authorFullname: string | null;
  /** `false`, or when the author edited it (seconds) */
  readonly edited: false | number;
  readonly removedByCategory: RemovedByCategory | null;
  readonly score: number;
}

/** The state of `comment` at `nowMs`: life events at their seeded age, the score growing towards its potential. */
export function commentStateAt(comment: GeneratedComment, nowMs: number): CommentState {
  const { traits } = comment;
  const age = Math.max(0, (nowMs - comment.createdMs) / 1000);
  const happened = (after: number | null): boolean => after !== null && age >= after;
  const score = 1 + Math.floor(traits.potentialScore * (1 - Math.exp(-age / traits.growthSeconds)));
  const edited = happened(traits.editAfterSeconds) ? comment.createdUtc + (traits.editAfterSeconds ?? 0) : false;
  if (happened(traits.deleteAfterSeconds)) return { body: DELETED, author: DELETED, authorFullname: null, edited, removedByCategory: 'deleted', score };
  const author = { author: traits.author, authorFullname: traits.authorFullname };
  if (happened(traits.removeAfterSeconds)) return { body: REMOVED, ...author, edited, removedByCategory: 'moderator', score };
  const body = edited === false ? traits.body : traits.body + traits.editNote;
  return { body, ...author, edited, removedByCategory: null, score };
}

/** Keys Reddit sends on every comment that the fake fills with constant, plausible values. */
const CONSTANT_KEYS: Readonly<T1Data> = Object.freeze({
  subreddit_type: 'public', approved_at_utc: null, mod_reason_by: null, banned_by: null, author_flair_type: 'text',
  total_awards_received: 0, author_flair_template_id: null, likes: null, user_reports: [], saved: false,
  banned_at_utc: null, mod_reason_title: null, gilded: 0, archived: false, collapsed_reason_code: null, no_follow: true,
  can_mod_post: false, send_replies: true, mod_note: null, all_awardings: [], collapsed: false, awarders: [],
  top_awarded_type: null, author_flair_css_class: null, author_patreon_flair: false, downs: 0,
  author_flair_richtext: [], collapsed_reason: null, associated_award: null, unrepliable_reason: null,
  author_flair_text_color: null, score_hidden: false, treatment_tags: [], report_reasons: null, gildings: {},
  author_flair_text: null, mod_reports: [], num_reports: null, author_flair_background_color: null, quarantine: false,
  over_18: false, can_gild: false, locked: false, author_premium: false, author_is_blocked: false,
});

/**
 * The t1 `data` of `comment` in `state`, as `/r/{multi}/comments` and `/api/info` return it with
 * `raw_json=1`: the comment, its thread (`link_id`, `parent_id`) and the post's title and author
 * (listings of comments carry them). A deleted author has no `author_fullname` key, and a gone
 * comment shows `[deleted]` or `[removed]` as its body.
 */
export function toT1Data(comment: GeneratedComment, state: CommentState): T1Data {
  const { post } = comment;
  const postPermalink = permalinkOf(post);
  return {
    ...CONSTANT_KEYS,
    id: comment.id,
    name: `t1_${comment.id}`,
    link_id: toT3Fullname(post.id),
    parent_id: comment.parentId,
    subreddit: comment.subreddit,
    subreddit_id: subredditFullname(comment.subreddit),
    subreddit_name_prefixed: `r/${comment.subreddit}`,
    author: state.author,
    ...(state.authorFullname === null ? {} : { author_fullname: state.authorFullname }),
    body: state.body,
    body_html: `<div class="md"><p>${escapeHtml(state.body)}</p>\n</div>`,
    score: state.score,
    ups: state.score,
    controversiality: comment.traits.controversiality,
    created_utc: comment.createdUtc,
    created: comment.createdUtc,
    edited: state.edited,
    removed_by_category: state.removedByCategory,
    distinguished: null,
    stickied: false,
    is_submitter: state.author === post.traits.author,
    permalink: `${postPermalink}${comment.id}/`,
    link_title: post.traits.title,
    link_author: post.traits.author,
    link_permalink: `https://www.reddit.com${postPermalink}`,
    link_url: post.traits.link?.url ?? `https://www.reddit.com${postPermalink}`,
  };
}
