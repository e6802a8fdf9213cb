import { resolveHnStoryId, type HnAncestor, type HnItem } from '@sentiment-ingest/models';

/** Most ancestors kept in memory (about 100 bytes each); the oldest seen are forgotten first. */
export const ANCESTOR_CACHE_SIZE = 200_000;

/** Fetches one item the walk has not seen (an ancestor older than the walk): null when the API has none. */
export type FetchAncestor = (id: number) => Promise<HnAncestor | null>;

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
   * as its parent needs no request.
   */
  async resolve(items: readonly HnItem[], fetchAncestor: FetchAncestor, maxFetchesPerItem = 20): Promise<{ items: HnItem[]; fetched: number }> {
    let fetched = 0;
    const byId = new Map<number, HnItem>();
    for (const item of [...items].sort((a, b) => a.id - b.id)) {
      let resolved: HnItem = item;
      for (let fetches = 0; resolved.storyId === null && resolved.parentId !== null; ) {
        const outcome = resolveHnStoryId(resolved, this.known);
        if (outcome.found) resolved = { ...resolved, storyId: outcome.storyId };
        else if (outcome.missingId === null || fetches >= maxFetchesPerItem) break;
        else {
          fetches += 1;
          fetched += 1;
          const ancestor = await fetchAncestor(outcome.missingId);
          if (ancestor === null) break;
          this.known.set(outcome.missingId, ancestor);
        }
      }
      this.remember(resolved);
      byId.set(item.id, resolved);
    }
    return { items: items.map((item) => byId.get(item.id) ?? item), fetched };
  }
}
