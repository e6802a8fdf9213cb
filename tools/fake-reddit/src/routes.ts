import type { Endpoint } from './faults';

/** What a request asks for. */
export type Route =
  | { readonly endpoint: 'listing' | 'comments'; readonly subreddits: readonly string[] }
  | { readonly endpoint: Exclude<Endpoint, 'listing' | 'comments'> };

// `/r/a+b/new`, with the `.json` suffix Reddit tolerates (`/new.json`, `/new/.json`) and a trailing slash
const LISTING = /^\/r\/([^/]+)\/new(?:\.json|\/\.json)?\/?$/;
// `/r/a+b/comments`: the newest comments of the multi (not `/r/a/comments/<post id>`, a thread)
const COMMENTS = /^\/r\/([^/]+)\/comments(?:\.json|\/\.json)?\/?$/;
const INFO = /^\/api\/info(?:\.json)?\/?$/;
const TOKEN = /^\/api\/v1\/access_token\/?$/;
const SEARCH = /^\/subreddits\/search(?:\.json)?\/?$/;

/** Routes a request by method and path (without the query string). */
export function routeOf(method: string, pathname: string): Route {
  if (method === 'POST' && TOKEN.test(pathname)) return { endpoint: 'token' };
  if (method !== 'GET') return { endpoint: 'unknown' };
  const listing = LISTING.exec(pathname);
  if (listing?.[1] !== undefined) return { endpoint: 'listing', subreddits: splitMulti(listing[1]) };
  const comments = COMMENTS.exec(pathname);
  if (comments?.[1] !== undefined) return { endpoint: 'comments', subreddits: splitMulti(comments[1]) };
  if (INFO.test(pathname)) return { endpoint: 'info' };
  if (SEARCH.test(pathname)) return { endpoint: 'search' };
  return { endpoint: 'unknown' };
}

/** `a+B+a` -> `['a', 'B']`: the names of a multi, once each (case-insensitively), in order. */
export function splitMulti(segment: string): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const raw of safeDecode(segment).split('+')) {
    const name = raw.trim();
    if (name === '' || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    names.push(name);
  }
  return names;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
