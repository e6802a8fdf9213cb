import { normalizeHnItem, resolveHnStoryId, type HnAncestor, type HnItem } from '@sentiment-ingest/models';
import type { Clock } from '@sentiment-ingest/scraper-kit';
import type { HnApi } from '../api/hn-api';

/** Most ancestors kept in memory (about 100 bytes each); the oldest seen are forgotten first. */
export const ANCESTOR_CACHE_SIZE = 200_000;

/** Fetches one item the walk has not seen (an ancestor older than the walk): null when the API has none. */
export type FetchAncestor = (id: number) => Promise<HnAncestor | null>;

/** Ancestors read from the API: the item if its answer normalises, else null (no item, or a payload that is not one). */
export function ancestorsFromApi(api: Pick<HnApi, 'item'>, clock: Clock, signal: AbortSignal): FetchAncestor {
  return async (id) => {
    const answer = normalizeHnItem(await api.item(id, signal), { now: new Date(clock.now()) });
    return answer.ok ? answer.item : null;
  };
}

/**
 * Fills in the root story of comments. The walk meets parents before their replies (ids grow with
 * time), so most comments resolve from memory; an ancestor the walk never saw (a thread older than
 * the start, or met before a restart) is fetched once and remembered. A chain that cannot be
 * resolved (a missing ancestor, a loop) leaves `storyId` null: the item is stored all the same.
 */
export class HnStoryResolver {
  private readonly known = new Map<number, HnAncestor>();

  constructor(private readonly options: { readonly capacity?: number } = {}) {}

  /** Remembers an item as a possible ancestor. */
  remember(item: Pick<HnItem, 'id'> & HnAncestor): void {
    this.known.delete(item.id);
    this.known.set(item.id, { type: item.type, parentId: item.parentId, storyId: item.storyId });
    const capacity = this.options.capacity ?? ANCESTOR_CACHE_SIZE;
    while (this.known.size > capacity) this.known.delete(this.known.keys().next().value as number);
  }

  /** Ancestors in memory. */
  get size(): number {
    return this.known.size;
  }

  /**
   * `items` with the story of every comment filled in where it can be found, in the same order, and
   * how many ancestors had to be fetched. Items are resolved in id order, so a reply in the same batch
   * as its parent needs no request. Missing ancestors are fetched a level at a time, `concurrency` at
   * once, at most `maxLevels` levels up: a batch of comments on threads older than the walk costs a
   * few round trips, not one per comment.
   */
  async resolve(
    items: readonly HnItem[],
    fetchAncestor: FetchAncestor,
    options: { readonly concurrency?: number; readonly maxLevels?: number } = {},
  ): Promise<{ items: HnItem[]; fetched: number }> {
    const byId = new Map<number, HnItem>();
    const sorted = [...items].sort((a, b) => a.id - b.id);
    const unreachable = new Set<number>();
    let fetched = 0;
    for (let level = 0; ; level += 1) {
      const missing = new Set<number>();
      for (const item of sorted) {
        const current = byId.get(item.id) ?? item;
        let resolved = current;
        if (current.storyId === null && current.parentId !== null) {
          const outcome = resolveHnStoryId(current, this.known);
          if (outcome.found) resolved = { ...current, storyId: outcome.storyId };
          else if (outcome.missingId !== null && !unreachable.has(outcome.missingId)) missing.add(outcome.missingId);
        }
        byId.set(item.id, resolved);
        this.remember(resolved);
      }
      if (missing.size === 0 || level >= (options.maxLevels ?? 20)) break;
      const ids = [...missing];
      fetched += ids.length;
      let next = 0;
      const fetchSome = async (): Promise<void> => {
        while (next < ids.length) {
          const id = ids[next++];
          if (id === undefined) break;
          const ancestor = await fetchAncestor(id);
          if (ancestor === null) unreachable.add(id);
          else this.known.set(id, ancestor);
        }
      };
      await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 8, ids.length) }, () => fetchSome()));
    }
    return { items: items.map((item) => byId.get(item.id) ?? item), fetched };
  }
}
