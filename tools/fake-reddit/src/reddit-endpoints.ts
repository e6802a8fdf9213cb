import { errorResponse, jsonResponse, listingBody, redirectResponse, type ApiResponsePlan } from './api-responses';
import { pageListing, parseListingQuery } from './listing';
import type { CommentStore } from './comment-store';
import type { GeneratedComment } from './comment-timeline';
import type { GeneratedPost } from './post-generator';
import { postStateAt } from './post-state';
import type { PostStore, SubredditEntry } from './post-store';
import { fromT3Fullname, toT3Fullname } from './reddit-ids';
import { commentStateAt, toT1Data } from './t1-data';
import { toLegacyJson, toT3Data, type T3Data } from './t3-data';

/** Most fullnames `/api/info` takes at once. */
export const MAX_INFO_IDS = 100;

/** A child of a Listing: `t3` (or `t1`) unless a corruption serves it under another kind. */
export interface T3Child {
  readonly kind: string;
  readonly data: T3Data;
}

/** What an authorised, counted request hands to its endpoint. */
export interface EndpointContext {
  readonly store: PostStore;
  readonly comments: CommentStore;
  readonly params: URLSearchParams;
  readonly now: number;
  /** rate-limit headers to send */
  readonly headers: Record<string, string>;
  /** applies a `malformedItems` fault (identity when none) */
  readonly breakChildren: (children: readonly T3Child[]) => T3Child[];
}

/**
 * `GET /r/{a}+{b}/new`: the first name in the path that is not an `ok` subreddit decides the
 * answer for the whole multi (302 for missing, 403 private, 404 banned), so a scraper must split
 * the group to find the culprit. Otherwise one page of the multi's newest-1000 window.
 */
export function listingResponse(names: readonly string[], context: EndpointContext): ApiResponsePlan {
  const entries = okEntries('listing', names, context);
  if (!Array.isArray(entries)) return entries;
  const window = context.store.newestWindow(entries);
  const page = pageListing(window, (post) => toT3Fullname(post.id), parseListingQuery(context.params));
  const children = context.breakChildren(toChildren(page.items, context));
  return jsonResponse('listing', 200, listingBody(children, page.after, page.before), context.headers);
}

/**
 * `GET /r/{a}+{b}/comments`: the multi's newest comments, newest first, paged like `/new` (`limit`
 * up to 100, `after`/`before` fullnames `t1_…`, ending at the newest-1000 window), with the same
 * answers for subreddits that are not `ok`.
 */
export function commentsListingResponse(names: readonly string[], context: EndpointContext): ApiResponsePlan {
  const entries = okEntries('comments', names, context);
  if (!Array.isArray(entries)) return entries;
  const window = context.comments.newestWindow(entries.map((entry) => entry.name));
  const page = pageListing(window, (comment) => `t1_${comment.id}`, parseListingQuery(context.params));
  const children = context.breakChildren(toCommentChildren(page.items, context));
  return jsonResponse('comments', 200, listingBody(children, page.after, page.before), context.headers);
}

/** The multi's subreddits, or the answer for the first that is not `ok` (302 missing, 403 private, 404 banned). */
function okEntries(endpoint: 'listing' | 'comments', names: readonly string[], context: EndpointContext): SubredditEntry[] | ApiResponsePlan {
  const entries: SubredditEntry[] = [];
  for (const name of names) {
    const entry = context.store.subreddit(name);
    if (entry === undefined || entry.status === 'missing') {
      return redirectResponse(endpoint, `/subreddits/search.json?q=${encodeURIComponent(name)}`, context.headers);
    }
    if (entry.status === 'private') return errorResponse(endpoint, 403, context.headers, 'private');
    if (entry.status === 'banned') return errorResponse(endpoint, 404, context.headers, 'banned');
    entries.push(entry);
  }
  if (entries.length === 0) return errorResponse(endpoint, 404, context.headers);
  return entries;
}

/**
 * `GET /api/info?id=t3_a,t1_b`: the posts and comments found, in request order, removed and
 * deleted ones included; unknown ids, items not created yet and items of subreddits that are not
 * `ok` are dropped silently; more than 100 ids is a 400.
 */
export function infoResponse(context: EndpointContext): ApiResponsePlan {
  const fullnames = (context.params.get('id') ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (fullnames.length > MAX_INFO_IDS) return errorResponse('info', 400, context.headers);
  const children: T3Child[] = [];
  for (const fullname of fullnames) {
    if (fullname.startsWith('t1_')) {
      const comment = context.comments.find(fullname);
      if (comment !== undefined && context.comments.isReachable(comment)) children.push(...toCommentChildren([comment], context));
      continue;
    }
    const id = fromT3Fullname(fullname);
    const post = id === null ? undefined : context.store.find(id);
    if (post !== undefined && context.store.isReachable(post)) children.push(...toChildren([post], context));
  }
  return jsonResponse('info', 200, listingBody(context.breakChildren(children), null, null), context.headers);
}

/**
 * `GET /subreddits/search`: where Reddit redirects a missing subreddit. The fake knows no
 * subreddit search and answers an empty Listing, so a client that follows redirects sees zero posts.
 */
export function searchResponse(context: EndpointContext): ApiResponsePlan {
  return jsonResponse('search', 200, listingBody([], null, null), context.headers);
}

/** Posts as t3 children, HTML-escaped as Reddit does unless `raw_json=1`, with their corruptions applied. */
function toChildren(posts: readonly GeneratedPost[], context: EndpointContext): T3Child[] {
  const raw = context.params.get('raw_json') === '1';
  return posts.map((post) => {
    const corruption = context.store.corruptionOf(post.id);
    const served = { ...toT3Data(post, postStateAt(post, context.now)), ...corruption?.data } as T3Data;
    return { kind: corruption?.kind ?? 't3', data: raw ? served : toLegacyJson(served) };
  });
}

/** Comments as t1 children, HTML-escaped unless `raw_json=1`, with their corruptions applied. */
function toCommentChildren(comments: readonly GeneratedComment[], context: EndpointContext): T3Child[] {
  const raw = context.params.get('raw_json') === '1';
  return comments.map((comment) => {
    const corruption = context.comments.corruptionOf(comment.id);
    const served = { ...toT1Data(comment, commentStateAt(comment, context.now)), ...corruption?.data };
    return { kind: corruption?.kind ?? 't1', data: raw ? served : toLegacyJson(served) };
  });
}
