import { RedditBadRequestError } from './errors';

/** A page of a listing: Reddit's `after`/`before` cursors are fullnames (`t3_<id>`, `t1_<id>` for comments). */
export interface ListingPage {
  readonly after?: string;
  readonly before?: string;
  /** Items per page, 1-100 (default and maximum 100). */
  readonly limit?: number;
}

/** Reddit returns at most 100 items per listing page and per `/api/info` call. */
export const MAX_PAGE_SIZE = 100;

// Subreddit names: letters, digits, underscores, 2-21 characters (a few old ones have 2).
const SUBREDDIT = /^[A-Za-z0-9][A-Za-z0-9_]{1,20}$/;
const FULLNAME = /^t[1-6]_[0-9a-z]{1,13}$/;

/** Which listing of a multi: its newest posts (`/new`) or its newest comments (`/comments`). */
export type ListingKind = 'new' | 'comments';

/**
 * `GET /r/a+b/new?limit=..&after=..&before=..&raw_json=1` (raw_json stops `&<>` being escaped), or
 * `/r/a+b/comments?...` for the newest comments (cursors are then `t1_` fullnames).
 */
export function listingUrl(apiBaseUrl: string, subreddits: readonly string[], page: ListingPage, kind: ListingKind = 'new'): string {
  if (subreddits.length === 0) throw invalid('listing', 'no subreddits given');
  const bad = subreddits.filter((name) => !SUBREDDIT.test(name));
  if (bad.length > 0) throw invalid('listing', `invalid subreddit names: ${bad.map((n) => JSON.stringify(n)).join(', ')}`);
  const query = [`limit=${pageSize(page.limit)}`];
  if (page.after !== undefined) query.push(`after=${cursor(page.after)}`);
  if (page.before !== undefined) query.push(`before=${cursor(page.before)}`);
  query.push('raw_json=1');
  return `${trimSlash(apiBaseUrl)}/r/${subreddits.join('+')}/${kind}?${query.join('&')}`;
}

/** `GET /api/info?id=t3_a,t3_b&raw_json=1` for at most {@link MAX_PAGE_SIZE} fullnames. */
export function infoUrl(apiBaseUrl: string, fullnames: readonly string[]): string {
  if (fullnames.length === 0 || fullnames.length > MAX_PAGE_SIZE) {
    throw invalid('info', `between 1 and ${MAX_PAGE_SIZE} fullnames per request, got ${fullnames.length}`);
  }
  for (const fullname of fullnames) cursor(fullname, 'info');
  // Fullnames are [a-z0-9_]: the comma-separated list needs no escaping.
  return `${trimSlash(apiBaseUrl)}/api/info?id=${fullnames.join(',')}&raw_json=1`;
}

/** Splits `items` into consecutive chunks of at most `size`, keeping order. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

function pageSize(limit: number | undefined): number {
  if (limit === undefined || Number.isNaN(limit)) return MAX_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(limit)));
}

function cursor(fullname: string, endpoint: 'listing' | 'info' = 'listing'): string {
  if (!FULLNAME.test(fullname)) throw invalid(endpoint, `invalid fullname ${JSON.stringify(fullname)}`);
  return fullname;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function invalid(endpoint: 'listing' | 'info', reason: string): RedditBadRequestError {
  return new RedditBadRequestError({ endpoint, status: null, reason });
}
