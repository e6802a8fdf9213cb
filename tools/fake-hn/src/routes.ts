import type { Endpoint } from './faults';

/** What a request asks for. */
export type Route =
  | { readonly endpoint: 'item'; readonly id: number }
  | { readonly endpoint: 'maxitem' }
  | { readonly endpoint: 'updates' }
  | { readonly endpoint: 'stories'; readonly list: 'new' | 'top' }
  | { readonly endpoint: 'user'; readonly name: string }
  /** a path the API does not serve: `null` for a `.json` path (Firebase has no such key), else 404; 401 for writes */
  | { readonly endpoint: Extract<Endpoint, 'unknown'>; readonly status: 200 | 401 | 404 };

// Firebase keys are strings: `/item/007.json` is not item 7, so ids are written without leading zeros
const ITEM = /^\/v0\/item\/([1-9][0-9]{0,14})\.json$/;
const USER = /^\/v0\/user\/([^/]+)\.json$/;
const FIXED: Readonly<Record<string, Route>> = {
  '/v0/maxitem.json': { endpoint: 'maxitem' },
  '/v0/updates.json': { endpoint: 'updates' },
  '/v0/newstories.json': { endpoint: 'stories', list: 'new' },
  '/v0/topstories.json': { endpoint: 'stories', list: 'top' },
};

/** Routes a request by method and path (without the query string). */
export function routeOf(method: string, pathname: string): Route {
  if (method !== 'GET' && method !== 'HEAD') return { endpoint: 'unknown', status: 401 };
  const fixed = FIXED[pathname];
  if (fixed !== undefined) return fixed;
  const item = ITEM.exec(pathname);
  if (item?.[1] !== undefined) return { endpoint: 'item', id: Number(item[1]) };
  const user = USER.exec(pathname);
  if (user?.[1] !== undefined) return { endpoint: 'user', name: safeDecode(user[1]) };
  return { endpoint: 'unknown', status: pathname.endsWith('.json') ? 200 : 404 };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
