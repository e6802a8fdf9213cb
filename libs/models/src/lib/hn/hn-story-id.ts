import type { HnItem } from './hn-item';

/** What a scraper remembers of an item it has seen, to walk from a comment up to its story. */
export type HnAncestor = Pick<HnItem, 'type' | 'parentId' | 'storyId'>;

/**
 * Where the scraper looks ancestors up: a `Map<number, HnAncestor>` of the items it has seen, or
 * anything with the same `get` (a cache in front of `hn_items`).
 */
export interface HnAncestorLookup {
  get(id: number): HnAncestor | undefined;
}

/** The outcome of {@link resolveHnStoryId}. */
export type HnStoryResolution =
  /** the root story (or job, poll) */
  | { readonly found: true; readonly storyId: number }
  /** an ancestor the lookup does not know: fetch `missingId` (or read it from `hn_items`), then resolve again */
  | { readonly found: false; readonly missingId: number }
  /** the chain ends without a story: a comment without a parent, a cycle, or more than `maxDepth` levels */
  | { readonly found: false; readonly missingId: null; readonly reason: string };

/** Far deeper than any HN thread: a longer chain is a cycle or corrupt data. */
export const MAX_HN_THREAD_DEPTH = 10_000;

/**
 * The root story of an item, found by walking `parentId` through what the scraper knows. One payload
 * cannot tell the story of a comment (its `parent` may be the story or another comment), so
 * `normalizeHnItem` leaves a comment's `storyId` `null`; the scraper keeps the ancestors it has seen
 * (the id walk meets parents before their replies, ids growing with time) and resolves it here. An
 * ancestor that already knows its `storyId` ends the walk; an ancestor of a root type (story, job,
 * poll) is the story. Pure: the lookup is the scraper's memory, no request is made.
 */
export function resolveHnStoryId(
  item: Pick<HnItem, 'id'> & HnAncestor,
  known: HnAncestorLookup,
  maxDepth = MAX_HN_THREAD_DEPTH,
): HnStoryResolution {
  if (item.storyId !== null) return { found: true, storyId: item.storyId };
  const visited = new Set<number>([item.id]);
  let parentId = item.parentId;
  while (parentId !== null) {
    if (visited.has(parentId)) return { found: false, missingId: null, reason: `the parent chain of ${item.id} loops at ${parentId}` };
    if (visited.size > maxDepth) return { found: false, missingId: null, reason: `the parent chain of ${item.id} is deeper than ${maxDepth}` };
    visited.add(parentId);
    const ancestor = known.get(parentId);
    if (ancestor === undefined) return { found: false, missingId: parentId };
    if (ancestor.storyId !== null) return { found: true, storyId: ancestor.storyId };
    if (ancestor.type === 'story' || ancestor.type === 'job' || ancestor.type === 'poll') return { found: true, storyId: parentId };
    parentId = ancestor.parentId;
  }
  return { found: false, missingId: null, reason: `${item.id} has no parent that leads to a story` };
}
