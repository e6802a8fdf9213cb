import { distinguishedOf } from './post-traits';
import type { GeneratedPost } from './post-generator';
import type { PostState } from './post-state';
import { subredditFullname, toT3Fullname } from './reddit-ids';
import { slugOf } from './text-corpus';

/** A t3 `data` object, as JSON. */
export type T3Data = Record<string, unknown>;

/** Keys Reddit sends on every submission that the fake fills with constant, plausible values. */
const CONSTANT_KEYS: Readonly<T3Data> = Object.freeze({
  approved_at_utc: null, saved: false, mod_reason_title: null, gilded: 0, clicked: false, link_flair_richtext: [],
  hidden: false, pwls: 6, link_flair_css_class: null, downs: 0, thumbnail_height: null, top_awarded_type: null,
  hide_score: false, quarantine: false, link_flair_text_color: 'dark', author_flair_background_color: null,
  subreddit_type: 'public', total_awards_received: 0, media_embed: {}, thumbnail_width: null,
  author_flair_template_id: null, is_original_content: false, user_reports: [], secure_media: null,
  is_reddit_media_domain: false, is_meta: false, category: null, secure_media_embed: {}, can_mod_post: false,
  approved_by: null, is_created_from_ads_ui: false, author_premium: false, author_flair_css_class: null,
  author_flair_richtext: [], gildings: {}, content_categories: null, link_flair_type: 'text', wls: 6,
  banned_by: null, author_flair_type: 'text', allow_live_comments: false, likes: null, suggested_sort: null,
  banned_at_utc: null, view_count: null, archived: false, no_follow: true, is_crosspostable: true, pinned: false,
  all_awardings: [], awarders: [], media_only: false, can_gild: false, author_flair_text: null, treatment_tags: [],
  visited: false, removed_by: null, mod_note: null, author_is_blocked: false, mod_reason_by: null, num_reports: null,
  removal_reason: null, link_flair_background_color: '', report_reasons: null, discussion_type: null,
  send_replies: true, contest_mode: false, mod_reports: [], author_patreon_flair: false,
  author_flair_text_color: null, subreddit_subscribers: 1_250_000, num_crossposts: 0, media: null, is_video: false,
  parent_whitelist_status: 'all_ads', whitelist_status: 'all_ads', post_hint: null,
});

/**
 * The t3 `data` of `post` in `state`, with the keys and types Reddit sends
 * (docs/design-notes.md, "Reddit API rules"), unescaped
 * as with `raw_json=1`. A deleted author has no `author_fullname` key at all.
 */
export function toT3Data(post: GeneratedPost, state: PostState): T3Data {
  const { traits } = post;
  const permalink = permalinkOf(post);
  const url = traits.link?.url ?? `https://www.reddit.com${permalink}`;
  const gone = state.removedByCategory !== null;
  const data: T3Data = {
    ...CONSTANT_KEYS,
    id: post.id,
    name: toT3Fullname(post.id),
    subreddit: post.subreddit,
    subreddit_id: subredditFullname(post.subreddit),
    subreddit_name_prefixed: `r/${post.subreddit}`,
    author: state.author,
    ...(state.authorFullname === null ? {} : { author_fullname: state.authorFullname }),
    title: traits.title,
    selftext: state.selftext,
    selftext_html: state.selftext === '' ? null : toSelftextHtml(state.selftext),
    url,
    permalink,
    domain: traits.link?.domain ?? `self.${post.subreddit}`,
    created_utc: post.createdUtc,
    created: post.createdUtc,
    score: state.engagement.score,
    ups: state.engagement.ups,
    upvote_ratio: state.engagement.upvoteRatio,
    num_comments: state.engagement.numComments,
    over_18: traits.over18,
    spoiler: traits.spoiler,
    stickied: traits.stickied,
    locked: traits.locked,
    is_self: traits.isSelf,
    link_flair_text: traits.flair,
    distinguished: distinguishedOf(traits),
    edited: state.edited,
    removed_by_category: state.removedByCategory,
    thumbnail: traits.thumbnail,
    is_robot_indexable: !gone,
    url_overridden_by_dest: traits.link?.url ?? null,
  };
  return data;
}

/** `/r/<sub>/comments/<id>/<slug>/`, as Reddit builds permalinks. */
export function permalinkOf(post: GeneratedPost): string {
  return `/r/${post.subreddit}/comments/${post.id}/${slugOf(post.traits.title)}/`;
}

/** Reddit's `selftext_html`: the markdown rendered (here: paragraphs), HTML-escaped inside its wrapper. */
function toSelftextHtml(selftext: string): string {
  const paragraphs = selftext.split(/\n{2,}/).map((p) => `<p>${escapeHtml(p)}</p>`);
  return `<!-- SC_OFF --><div class="md">${paragraphs.join('\n\n')}</div><!-- SC_ON -->`;
}

/** `&`, `<`, `>` as entities: what Reddit does to every string unless `raw_json=1`. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The legacy JSON Reddit sends without `raw_json=1`: every string escaped with {@link escapeHtml},
 * nested values included (so `url` carries `&amp;` and `selftext_html` is escaped twice).
 */
export function toLegacyJson<T>(value: T): T {
  if (typeof value === 'string') return escapeHtml(value) as T;
  if (Array.isArray(value)) return value.map((item) => toLegacyJson(item)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toLegacyJson(item)])) as T;
  }
  return value;
}
